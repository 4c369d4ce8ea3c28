import { type Server } from 'node:http';
import { TEST_ADMIN } from './support/api';
import { type TestDatabase } from './support/database';
import { httpActors } from './support/http-actors';
import { startDemoPlatform, type TestPlatform } from './support/platform';
import { until } from './support/wait';

/*
 * Parties scoped to estates, and case workers (docs/procedure.md, issue 23 step 5), over HTTP on
 * the demo platform (学苑社区: the estate 金泰和庄, and 银河小区 imported here):
 * - a property company member scoped to 金泰和庄 is told of, and acknowledges, its cases only; one
 *   scoped to 银河小区 acknowledges there for the party;
 * - one inbox spans a member's communities, each notice naming its community;
 * - a case worker (社工) named a case's handler does the secretary's work on it, and on no other;
 *   the case list shows and filters by the handler.
 */
const HAN = /\p{Script=Han}/u;
const ESTATE_A = '金泰和庄';
const ESTATE_B = '银河小区';

interface Notice {
  caseId: string | null;
  communityId: string;
  kind: string;
  party: string | null;
}
interface ErrorBody {
  error: { code: string; message: string };
}
interface Membership {
  userId: string;
  roles: string[];
  party: string | null;
  estates: string[];
}

describe('estate scopes and case workers (HTTP, real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let communityId: string;
  const { as, signIn, signInWith, userIds, view, waitFor } = httpActors(() => server);

  const members = () => `/communities/${communityId}/memberships`;
  /** A new account made by the secretary, with a membership of the demo community. */
  const newMember = async (username: string, membership: object): Promise<string> => {
    const created = await as('shuji')
      .post('/users', { username, password: 'scoped-pass-77', displayName: `${username}同志` })
      .expect(201);
    const userId = (created.body as { id: string }).id;
    await as('shuji')
      .post(members(), { userId, ...membership })
      .expect(201);
    await signInWith(username, 'scoped-pass-77');
    return userId;
  };
  const open = async (title: string, estate: string, mechanism = 'five-party-hall') =>
    (
      (
        await as('shuji')
          .post(`/communities/${communityId}/cases`, {
            mechanism,
            title,
            description: `${title}，需要各方协商`,
            category: '设施维修',
            scope: { estate, building: null, entrance: null },
          })
          .expect(201)
      ).body as { id: string }
    ).id;
  const inbox = async (who: string): Promise<Notice[]> =>
    ((await as(who).get('/me/notifications?limit=500').expect(200)).body as { items: Notice[] })
      .items;
  const noticesOf = async (who: string, caseId: string) =>
    (await inbox(who)).filter((n) => n.caseId === caseId && n.kind === 'stage-entered');

  beforeAll(async () => {
    ({ db, platform, server } = await startDemoPlatform('scoping'));
    await signIn('shuji', 'wuye', 'dangwei', 'jumindaibiao', 'yezhu-12-2-301');
    await signInWith('admin', TEST_ADMIN.password);
    communityId = (
      (await as('shuji').get('/me').expect(200)).body as { memberships: { communityId: string }[] }
    ).memberships[0]!.communityId;
    await as('shuji')
      .post(`/communities/${communityId}/units`, {
        units: [{ estate: ESTATE_B, building: '1号楼', entrance: '1单元', room: '101', area: 90 }],
      })
      .expect(201);
  });
  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  describe('memberships scoped to estates', () => {
    it('takes the estates of the community only, for a party member only (400 in Chinese otherwise)', async () => {
      const created = await as('shuji')
        .post('/users', { username: 'wuye-x', password: 'scoped-pass-77', displayName: '物业小许' })
        .expect(201);
      const userId = (created.body as { id: string }).id;
      const unknown = await as('shuji')
        .post(members(), {
          userId,
          roles: ['party-member'],
          party: 'property-company',
          estates: [ESTATE_A, '不存在小区'],
        })
        .expect(400);
      expect((unknown.body as ErrorBody).error.code).toBe('VALIDATION_FAILED');
      expect((unknown.body as ErrorBody).error.message).toMatch(HAN);
      expect((unknown.body as ErrorBody).error.message).toContain('不存在小区');
      const notParty = await as('shuji')
        .post(members(), { userId, roles: ['grid-worker'], estates: [ESTATE_A] })
        .expect(400);
      expect((notParty.body as ErrorBody).error.message).toMatch(HAN);
      // Nothing was written by either.
      const list = await as('shuji').get(`${members()}?limit=500`).expect(200);
      expect((list.body as { items: Membership[] }).items.map((m) => m.userId)).not.toContain(
        userId,
      );

      // Names as the registry keeps them: trimmed, each once.
      const made = await as('shuji')
        .post(members(), {
          userId,
          roles: ['party-member'],
          party: 'property-company',
          estates: [` ${ESTATE_A} `, ESTATE_A],
        })
        .expect(201);
      expect((made.body as Membership).estates).toEqual([ESTATE_A]);
      const changed = await as('shuji')
        .patch(`${members()}/${userId}`, { estates: [ESTATE_A, ESTATE_B] })
        .expect(200);
      expect((changed.body as Membership).estates).toEqual([ESTATE_A, ESTATE_B]);
      // Kept while the member stays a party member; a patch of other fields keeps them.
      const kept = await as('shuji')
        .patch(`${members()}/${userId}`, { party: 'owners-committee' })
        .expect(200);
      expect((kept.body as Membership).estates).toEqual([ESTATE_A, ESTATE_B]);
      await as('shuji')
        .patch(`${members()}/${userId}`, { estates: ['不存在小区'] })
        .expect(400);
      const listed = (
        (await as('shuji').get(`${members()}?limit=500`).expect(200)).body as {
          items: Membership[];
        }
      ).items.find((m) => m.userId === userId);
      expect(listed?.estates).toEqual([ESTATE_A, ESTATE_B]);

      const audit = await as('shuji')
        .get(`/communities/${communityId}/audit?limit=500`)
        .expect(200);
      const rows = (
        audit.body as { items: { action: string; entityId: string; data: never }[] }
      ).items.filter((r) => r.entityId === userId);
      expect(rows.map((r) => r.action).sort()).toEqual([
        'membership.created',
        'membership.updated',
        'membership.updated',
      ]);
      expect(JSON.stringify(rows)).toContain(ESTATE_B);

      await signInWith('wuye-x', 'scoped-pass-77');
      const me = await as('wuye-x').get('/me').expect(200);
      expect((me.body as { memberships: Membership[] }).memberships[0]!.estates).toEqual([
        ESTATE_A,
        ESTATE_B,
      ]);
      // Everyone else's memberships show the whole community.
      const shuji = await as('shuji').get('/me').expect(200);
      expect((shuji.body as { memberships: Membership[] }).memberships[0]!.estates).toEqual([]);
    });

    it("tells a scoped property company member only of their estate's cases, and lets them acknowledge only those", async () => {
      await newMember('wuye-a', {
        roles: ['party-member'],
        party: 'property-company',
        estates: [ESTATE_A],
      });
      await newMember('wuye-b', {
        roles: ['party-member'],
        party: 'property-company',
        estates: [ESTATE_B],
      });
      const caseA = await open('金泰和庄3号门岗道闸维修', ESTATE_A);
      const caseB = await open('银河小区1号楼电梯更换', ESTATE_B);

      // One statement writes a party's rows: once wuye-b (and wuye, unscoped) have B's, wuye-a's
      // is decided.
      await until(
        async () =>
          (await noticesOf('wuye-b', caseB)).length > 0 &&
          (await noticesOf('wuye', caseB)).length > 0 &&
          (await noticesOf('wuye-a', caseA)).length > 0 &&
          (await noticesOf('wuye', caseA)).length > 0,
        20_000,
        'the stage-entered notices of both cases',
      );
      expect(await noticesOf('wuye-a', caseB)).toEqual([]);
      expect(await noticesOf('wuye-b', caseA)).toEqual([]);
      expect(await noticesOf('wuye-a', caseA)).toEqual([
        expect.objectContaining({ party: 'property-company', communityId }),
      ]);
      // Other parties are told as before.
      expect((await noticesOf('dangwei', caseB)).length).toBe(1);

      const refused = await as('wuye-a')
        .post(`/cases/${caseB}/acknowledgements`, { stage: 'gathering' })
        .expect(403);
      expect((refused.body as ErrorBody).error.code).toBe('FORBIDDEN');
      expect((refused.body as ErrorBody).error.message).toContain('不在您负责的小区范围内');
      await as('wuye-a')
        .post(`/cases/${caseA}/acknowledgements`, { stage: 'gathering' })
        .expect(201);
      // The party's acknowledgement of B still comes, from its member in scope.
      await as('wuye-b')
        .post(`/cases/${caseB}/acknowledgements`, { stage: 'gathering' })
        .expect(201);
      for (const caseId of [caseA, caseB])
        await waitFor(caseId, 'property-company acknowledged', (c) =>
          c.parties.some(
            (p) => p.party === 'property-company' && p.acknowledgedStages.includes('gathering'),
          ),
        );
      // The refusal wrote nothing on B.
      const timeline = await as('shuji').get(`/cases/${caseB}/events`).expect(200);
      const acks = (
        timeline.body as { items: { type: string; actorId: string | null }[] }
      ).items.filter((e) => e.type === 'StageAcknowledged');
      expect(acks.map((e) => e.actorId)).toEqual([userIds['wuye-b']]);
    });

    it('reads one inbox over two communities, each notice naming its community', async () => {
      const second = (
        (await as('admin').post('/communities', { name: '第二社区' }).expect(201)).body as {
          id: string;
        }
      ).id;
      await as('admin')
        .post(`/communities/${second}/units`, {
          units: [
            { estate: '星河湾', building: '2号楼', entrance: '1单元', room: '301', area: 80 },
          ],
        })
        .expect(201);
      await as('admin')
        .post(`/communities/${second}/memberships`, {
          userId: userIds['wuye'],
          roles: ['party-member'],
          party: 'property-company',
        })
        .expect(201);
      await as('admin')
        .post(`/communities/${second}/memberships`, {
          userId: userIds['shuji'],
          roles: ['secretary'],
        })
        .expect(201);
      const there = (
        (
          await as('shuji')
            .post(`/communities/${second}/cases`, {
              mechanism: 'five-party-hall',
              title: '星河湾2号楼外墙脱落',
              description: '外墙砖脱落，需各方协商维修',
              category: '设施维修',
              scope: { estate: '星河湾', building: null, entrance: null },
            })
            .expect(201)
        ).body as { id: string }
      ).id;
      const here = await open('金泰和庄绿化带改造', ESTATE_A);
      await until(
        async () =>
          (await noticesOf('wuye', there)).length > 0 && (await noticesOf('wuye', here)).length > 0,
        20_000,
        "both communities' notices in one inbox",
      );
      expect((await noticesOf('wuye', there))[0]!.communityId).toBe(second);
      expect((await noticesOf('wuye', here))[0]!.communityId).toBe(communityId);
      const all = await inbox('wuye');
      expect(new Set(all.map((n) => n.communityId))).toEqual(new Set([communityId, second]));
    });
  });

  describe('case workers (社工, 两委委员)', () => {
    let workerId: string;
    let assigned: string;
    let other: string;

    beforeAll(async () => {
      workerId = await newMember('shegong', { roles: ['case-worker'] });
      assigned = await open('金泰和庄12号楼2单元楼道堆物', ESTATE_A, 'neighbourhood-consultation');
      other = await open('金泰和庄10号楼1单元楼道照明', ESTATE_A, 'neighbourhood-consultation');
    });

    it("is named a case's handler by the secretary; anyone else is refused (400)", async () => {
      const wrong = await as('shuji')
        .post(`/cases/${assigned}/handler`, { userId: userIds['wuye'] })
        .expect(400);
      expect((wrong.body as ErrorBody).error.code).toBe('VALIDATION_FAILED');
      expect((wrong.body as ErrorBody).error.message).toMatch(HAN);
      await as('shuji')
        .post(`/cases/${assigned}/handler`, { userId: userIds['admin'] })
        .expect(400);
      // Only the secretary names handlers: not the worker themself.
      await as('shegong').post(`/cases/${other}/handler`, { userId: workerId }).expect(403);
      await as('shuji').post(`/cases/${assigned}/handler`, { userId: workerId }).expect(201);
      await waitFor(assigned, 'the handler on the case', (c) => c.handlerId === workerId);
      expect((await view(other)).handlerId).toBeNull();
    });

    it('does the secretary’s work on the assigned case only (403 on another)', async () => {
      for (const caseId of [assigned, other]) {
        await as('yezhu-12-2-301')
          .post(`/cases/${caseId}/demands`, { content: '楼道堆物堵住了通道', source: 'online' })
          .expect(201);
        await as('dangwei')
          .post(`/cases/${caseId}/acknowledgements`, { stage: 'gathering' })
          .expect(201);
        await as('jumindaibiao')
          .post(`/cases/${caseId}/acknowledgements`, { stage: 'gathering' })
          .expect(201);
      }
      const refused = await as('shegong')
        .post(`/cases/${other}/advance`, { to: 'analysis' })
        .expect(403);
      expect((refused.body as ErrorBody).error.message).toMatch(HAN);
      await as('shegong').post(`/cases/${assigned}/advance`, { to: 'analysis' }).expect(202);
      await waitFor(assigned, 'analysis', (c) => c.stage === 'analysis');
      await as('shuji').post(`/cases/${other}/advance`, { to: 'analysis' }).expect(202);
      await waitFor(other, 'analysis', (c) => c.stage === 'analysis');

      const analysis = {
        summary: '住户在楼道堆放杂物，影响消防通道',
        leadParty: 'resident-representatives',
        options: [{ title: '限期清理', description: '居民代表牵头，物业协助清运' }],
      };
      await as('shegong').post(`/cases/${other}/analysis`, analysis).expect(403);
      await as('shegong').post(`/cases/${assigned}/analysis`, analysis).expect(201);
      await waitFor(assigned, 'the analysis', (c) => c.analysis !== null);
      const timeline = await as('shuji').get(`/cases/${assigned}/events`).expect(200);
      const recorded = (
        timeline.body as { items: { type: string; actorId: string | null }[] }
      ).items.find((e) => e.type === 'AnalysisRecorded');
      expect(recorded?.actorId).toBe(workerId);
      // Still not a secretary: no case of their own, and no reopening.
      await as('shegong')
        .post(`/communities/${communityId}/cases`, {
          mechanism: 'neighbourhood-consultation',
          title: '社工自行立项',
          description: '不应允许',
          category: '设施维修',
          scope: { estate: ESTATE_A, building: null, entrance: null },
        })
        .expect(403);
    });

    it("lists the cases with their handler, and filters by it (and by 'me')", async () => {
      const list = async (who: string, query: string) =>
        (
          (await as(who).get(`/communities/${communityId}/cases?limit=500${query}`).expect(200))
            .body as { items: { id: string; handlerId: string | null }[]; total: number }
        ).items;
      await until(
        async () => (await list('shuji', `&handler=${workerId}`)).length === 1,
        20_000,
        'the handler in the case list',
      );
      expect(await list('shuji', `&handler=${workerId}`)).toEqual([
        expect.objectContaining({ id: assigned, handlerId: workerId }),
      ]);
      expect((await list('shegong', '&handler=me')).map((c) => c.id)).toEqual([assigned]);
      expect(await list('shuji', '&handler=me')).toEqual([]);
      const all = await list('shuji', '');
      expect(all.find((c) => c.id === other)?.handlerId).toBeNull();
      const bad = await as('shuji')
        .get(`/communities/${communityId}/cases?handler=nobody`)
        .expect(400);
      expect((bad.body as ErrorBody).error.message).toMatch(HAN);
    });
  });
});
