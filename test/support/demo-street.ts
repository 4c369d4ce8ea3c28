import { TEST_ADMIN } from './api';
import { type httpActors } from './http-actors';

/*
 * The demo's street for the whistle tests: 学苑社区 (its secretary shuji) in 秀谷镇 (jiedao its
 * officer), with 城管执法中队 (chengguan, chengguan2) and 住建所 (zhujian, zhujian2); and a second
 * street of its district, 琅琚镇, with its officer langju.
 */

type Actors = ReturnType<typeof httpActors>;

/** Signs in admin and the street's demo accounts; the community, the street and its departments. */
export async function demoStreet(actors: Actors) {
  const { as, signIn, signInWith } = actors;
  await signInWith('admin', TEST_ADMIN.password);
  await signIn('shuji', 'jiedao', 'chengguan', 'chengguan2', 'zhujian', 'zhujian2');
  const me = await as('shuji').get('/me').expect(200);
  const communityId = (me.body as { memberships: { communityId: string }[] }).memberships[0]!
    .communityId;
  const community = await as('shuji').get(`/communities/${communityId}`).expect(200);
  const streetId = (community.body as { streetId: string }).streetId;
  const street = await as('jiedao').get(`/streets/${streetId}`).expect(200);
  const departments = (street.body as { departments: { id: string; name: string }[] }).departments;
  const departmentId = (name: string) => departments.find((d) => d.name === name)!.id;
  return {
    communityId,
    streetId,
    departmentIds: departments.map((d) => d.id),
    chengguan: departmentId('城管执法中队'),
    zhujian: departmentId('住建所'),
  };
}

/** 琅琚镇 (金溪县), a second street, and its officer langju, signed in with `password`: its id. */
export async function otherStreet(actors: Actors, password: string): Promise<string> {
  const { as, signInWith } = actors;
  const streetId = (
    (await as('admin').post('/streets', { name: '琅琚镇', district: '金溪县' }).expect(201))
      .body as { id: string }
  ).id;
  const langju = (
    (
      await as('admin')
        .post('/users', { username: 'langju', password, displayName: '琅琚镇干事' })
        .expect(201)
    ).body as { id: string }
  ).id;
  await as('admin').post(`/streets/${streetId}/officers`, { userId: langju }).expect(201);
  await signInWith('langju', password);
  return streetId;
}
