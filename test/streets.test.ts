import { randomUUID } from 'node:crypto';
import { type Server } from 'node:http';
import { TEST_ADMIN } from './support/api';
import { type TestDatabase } from './support/database';
import { httpActors } from './support/http-actors';
import { startDemoPlatform, type TestPlatform } from './support/platform';

/*
 * Streets above communities (街道), their departments, members and officers, over HTTP on the demo
 * platform (秀谷镇, 金溪县: jiedao its officer, six departments each with a dispatcher and a staff
 * member): every route, who may and who may not (a street's officer elsewhere, a member of another
 * department), a Chinese message on every refusal, nothing written by a refused request, and an
 * audit row for every change.
 */
const HAN = /\p{Script=Han}/u;

interface ErrorBody {
  error: { code: string; message: string; details: Record<string, unknown> };
}
interface Department {
  id: string;
  streetId: string;
  name: string;
  kind: 'department' | 'street-office';
  members: number;
}
interface Street {
  id: string;
  name: string;
  district: string | null;
  officeDepartmentId: string;
  communities: { id: string; name: string }[];
  departments: Department[];
}

describe('streets, departments and their members (HTTP, real PostgreSQL)', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let communityId: string;
  let demoStreet: Street;
  /** 城管执法中队 of the demo street. */
  let chengguan: Department;
  /** A second street (琅琚镇, 金溪县) with an officer of its own, `langju`. */
  let otherStreetId: string;
  let otherDepartmentId: string;
  const { as, signIn, signInWith, userIds } = httpActors(() => server);

  /** A refusal's status and code, its message in Chinese. */
  const refused = (res: { status: number; body: unknown }, status: number, code: string) => {
    expect([res.status, (res.body as ErrorBody).error?.code]).toEqual([status, code]);
    const { error } = res.body as ErrorBody;
    expect(error.message).toMatch(HAN);
    return error;
  };
  const count = async (table: string) =>
    Number((await db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
  const audited = async (action: string, entityId: string) =>
    (
      await db.pool.query<{ actor_id: string | null; data: Record<string, unknown> }>(
        `SELECT actor_id, data FROM audit_log WHERE action = $1 AND entity_id = $2 ORDER BY id`,
        [action, entityId],
      )
    ).rows;
  const newUser = async (username: string, displayName: string) =>
    (
      (
        await as('admin')
          .post('/users', { username, password: 'streets-test-pass-9', displayName })
          .expect(201)
      ).body as { id: string }
    ).id;

  beforeAll(async () => {
    ({ db, platform, server } = await startDemoPlatform('streets'));
    await signInWith('admin', TEST_ADMIN.password);
    await signIn('shuji', 'jiedao', 'chengguan', 'chengguan2', 'zhujian', 'yezhu-12-2-301');
    const me = await as('shuji').get('/me').expect(200);
    communityId = (me.body as { memberships: { communityId: string }[] }).memberships[0]!
      .communityId;
    const community = await as('shuji').get(`/communities/${communityId}`).expect(200);
    const streetId = (community.body as { streetId: string }).streetId;
    demoStreet = (await as('jiedao').get(`/streets/${streetId}`).expect(200)).body as Street;
    chengguan = demoStreet.departments.find((d) => d.name === '城管执法中队')!;

    const other = await as('admin').post('/streets', { name: '琅琚镇', district: '金溪县' });
    otherStreetId = (other.body as { id: string }).id;
    const langju = await newUser('langju', '琅琚镇干事');
    await as('admin').post(`/streets/${otherStreetId}/officers`, { userId: langju }).expect(201);
    await signInWith('langju', 'streets-test-pass-9');
    const dept = await as('langju')
      .post(`/streets/${otherStreetId}/departments`, { name: '城管执法中队' })
      .expect(201);
    otherDepartmentId = (dept.body as { id: string }).id;
  });
  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  it('seeds the demo street: its office with jiedao, six departments each with a dispatcher and a staff member, the community linked', async () => {
    expect(demoStreet).toMatchObject({ name: '秀谷镇', district: '金溪县' });
    expect(demoStreet.communities).toEqual([{ id: communityId, name: '学苑社区' }]);
    expect(demoStreet.departments.map((d) => [d.name, d.kind, d.members])).toEqual([
      ['街道办', 'street-office', 1],
      ['城管执法中队', 'department', 2],
      ['住建所', 'department', 2],
      ['市场监管所', 'department', 2],
      ['派出所', 'department', 2],
      ['供水公司', 'department', 2],
      ['供电所', 'department', 2],
    ]);
    expect(demoStreet.officeDepartmentId).toBe(demoStreet.departments[0]!.id);
    const members = await as('jiedao').get(`/departments/${chengguan.id}/members`).expect(200);
    expect(
      (members.body as { items: { username: string; displayName: string; role: string }[] }).items,
    ).toEqual([
      expect.objectContaining({
        username: 'chengguan',
        displayName: '陈队长（城管）',
        role: 'dispatcher',
      }),
      expect.objectContaining({
        username: 'chengguan2',
        displayName: '杨队员（城管）',
        role: 'staff',
      }),
    ]);
    // Their accounts say where they work (GET /me).
    const me = async (who: string) =>
      ((await as(who).get('/me').expect(200)).body as { departments: unknown[] }).departments;
    expect(await me('chengguan')).toEqual([
      {
        departmentId: chengguan.id,
        departmentName: '城管执法中队',
        kind: 'department',
        role: 'dispatcher',
        streetId: demoStreet.id,
        streetName: '秀谷镇',
      },
    ]);
    expect(await me('jiedao')).toEqual([
      expect.objectContaining({
        departmentId: demoStreet.officeDepartmentId,
        kind: 'street-office',
      }),
    ]);
    expect(await me('shuji')).toEqual([]);
    const office = await as('jiedao')
      .get(`/departments/${demoStreet.officeDepartmentId}/members`)
      .expect(200);
    expect((office.body as { items: { userId: string; role: string }[] }).items).toEqual([
      expect.objectContaining({ userId: userIds.jiedao, role: 'dispatcher' }),
    ]);
  });

  it('lists streets: every one for the admin, their own for an officer, none for others', async () => {
    const names = async (who: string) =>
      ((await as(who).get('/streets').expect(200)).body as { items: { name: string }[] }).items
        .map((s) => s.name)
        .sort();
    expect(await names('admin')).toEqual(['琅琚镇', '秀谷镇']);
    expect(await names('jiedao')).toEqual(['秀谷镇']);
    expect(await names('langju')).toEqual(['琅琚镇']);
    expect(await names('shuji')).toEqual([]);
    expect(await names('chengguan')).toEqual([]);
  });

  it("reads a street and its departments: the admin and the street's members; others 403, an unknown street 404", async () => {
    for (const who of ['admin', 'jiedao', 'chengguan2'])
      await as(who).get(`/streets/${demoStreet.id}`).expect(200);
    const listed = await as('zhujian').get(`/streets/${demoStreet.id}/departments`).expect(200);
    expect((listed.body as { items: Department[] }).items).toEqual(demoStreet.departments);
    for (const who of ['langju', 'shuji', 'yezhu-12-2-301'])
      for (const path of [`/streets/${demoStreet.id}`, `/streets/${demoStreet.id}/departments`])
        refused(await as(who).get(path), 403, 'FORBIDDEN');
    for (const who of ['jiedao', 'chengguan'])
      refused(await as(who).get(`/streets/${otherStreetId}`), 403, 'FORBIDDEN');
    const unknown = refused(await as('admin').get(`/streets/${randomUUID()}`), 404, 'NOT_FOUND');
    expect(unknown.message).toContain('街道');
    refused(await as('admin').get('/streets/not-a-uuid'), 404, 'NOT_FOUND');
  });

  it("lets a community's members read its street's departments (to choose whom to whistle)", async () => {
    const res = await as('shuji').get(`/communities/${communityId}/departments`).expect(200);
    expect(res.body).toMatchObject({
      street: { id: demoStreet.id, name: '秀谷镇' },
      items: demoStreet.departments,
    });
    // jiedao is a member of the community (its street-officer role); a department's member is not.
    await as('jiedao').get(`/communities/${communityId}/departments`).expect(200);
    refused(await as('chengguan').get(`/communities/${communityId}/departments`), 403, 'FORBIDDEN');
  });

  it('the admin creates a street with its office (201, audited); a duplicate in its district is 409; others 403; bad bodies 400 with nothing written', async () => {
    const created = await as('admin').post('/streets', { name: ' 石门乡 ', district: '金溪县' });
    expect(created.status).toBe(201);
    const street = created.body as { id: string; name: string; officeDepartmentId: string };
    expect(street).toMatchObject({ name: '石门乡', district: '金溪县' });
    const read = (await as('admin').get(`/streets/${street.id}`).expect(200)).body as Street;
    expect(read.departments).toEqual([
      {
        id: street.officeDepartmentId,
        streetId: street.id,
        name: '街道办',
        kind: 'street-office',
        members: 0,
      },
    ]);
    expect(await audited('street.created', street.id)).toEqual([
      {
        actor_id: userIds.admin,
        data: { name: '石门乡', district: '金溪县', officeDepartmentId: street.officeDepartmentId },
      },
    ]);
    // The same name in another district, or with none, is another street.
    await as('admin').post('/streets', { name: '石门乡', district: '资溪县' }).expect(201);
    await as('admin').post('/streets', { name: '石门乡' }).expect(201);

    const streets = await count('streets');
    const departments = await count('departments');
    const dup = refused(
      await as('admin').post('/streets', { name: '石门乡', district: '金溪县' }),
      409,
      'ALREADY_EXISTS',
    );
    expect(dup.message).toContain('金溪县');
    refused(await as('admin').post('/streets', { name: '石门乡' }), 409, 'ALREADY_EXISTS');
    for (const body of [
      {},
      { name: '' },
      { name: '   ' },
      { name: 42 },
      { name: 'x'.repeat(65) },
      { name: '新街道', district: '' },
      { name: '新街道', colour: 'red' },
    ]) {
      const error = refused(await as('admin').post('/streets', body), 400, 'VALIDATION_FAILED');
      const fields = (error.details.fields as { field: string }[]).map((f) => f.field);
      expect([JSON.stringify(body), fields.length > 0]).toEqual([JSON.stringify(body), true]);
    }
    expect(
      refused(await as('admin').post('/streets', {}), 400, 'VALIDATION_FAILED').message,
    ).toContain('街道名称');
    for (const who of ['jiedao', 'shuji', 'chengguan'])
      refused(await as(who).post('/streets', { name: '越权街道' }), 403, 'FORBIDDEN');
    expect([await count('streets'), await count('departments')]).toEqual([streets, departments]);
  });

  it('POST /communities takes a streetId: the street name and district come from the street; an unknown or contradicted street is 400 with nothing written', async () => {
    const made = await as('admin')
      .post('/communities', { name: '秀谷新社区', streetId: demoStreet.id })
      .expect(201);
    const community = made.body as {
      id: string;
      street: string;
      district: string;
      streetId: string;
    };
    expect(community).toMatchObject({
      street: '秀谷镇',
      district: '金溪县',
      streetId: demoStreet.id,
    });
    const read = (await as('jiedao').get(`/streets/${demoStreet.id}`).expect(200)).body as Street;
    expect(read.communities.map((c) => c.name)).toEqual(['学苑社区', '秀谷新社区']);
    expect((await audited('community.created', community.id))[0]!.data).toMatchObject({
      streetId: demoStreet.id,
    });
    // Agreeing street and district are accepted.
    await as('admin')
      .post('/communities', {
        name: '秀谷二社区',
        streetId: demoStreet.id,
        street: '秀谷镇',
        district: '金溪县',
      })
      .expect(201);

    const communities = await count('communities');
    const streets = await count('streets');
    const unknown = refused(
      await as('admin').post('/communities', { name: '无街社区', streetId: randomUUID() }),
      400,
      'VALIDATION_FAILED',
    );
    expect(unknown.details.fields).toEqual([{ field: 'streetId', problems: ['找不到所选的街道'] }]);
    for (const body of [
      { name: '错街社区', streetId: 'not-a-uuid' },
      { name: '错街社区', streetId: demoStreet.id, street: '琅琚镇' },
      { name: '错街社区', streetId: demoStreet.id, district: '资溪县' },
    ])
      refused(await as('admin').post('/communities', body), 400, 'VALIDATION_FAILED');
    refused(
      await as('jiedao').post('/communities', { name: '越权社区', streetId: demoStreet.id }),
      403,
      'FORBIDDEN',
    );
    expect([await count('communities'), await count('streets')]).toEqual([communities, streets]);
  });

  it('a community given only a street name joins the street of that name and district, made if there is none', async () => {
    const joined = await as('admin')
      .post('/communities', { name: '老办法社区', street: '秀谷镇', district: '金溪县' })
      .expect(201);
    expect((joined.body as { streetId: string }).streetId).toBe(demoStreet.id);
    const fresh = await as('admin')
      .post('/communities', { name: '新镇社区', street: '对桥镇', district: '金溪县' })
      .expect(201);
    const streetId = (fresh.body as { streetId: string }).streetId;
    const street = (await as('admin').get(`/streets/${streetId}`).expect(200)).body as Street;
    expect(street).toMatchObject({ name: '对桥镇', district: '金溪县' });
    expect(street.departments.map((d) => d.kind)).toEqual(['street-office']);
    expect(street.communities.map((c) => c.name)).toEqual(['新镇社区']);
  });

  it("creates departments: the admin and the street's officers (201, audited); a taken name 409; others 403; an unknown street 404; bad bodies 400", async () => {
    const path = `/streets/${demoStreet.id}/departments`;
    const made = await as('jiedao').post(path, { name: '生态环境所' });
    expect(made.status).toBe(201);
    const department = made.body as Department;
    expect(department).toEqual({
      id: department.id,
      streetId: demoStreet.id,
      name: '生态环境所',
      kind: 'department',
      members: 0,
    });
    expect(await audited('department.created', department.id)).toEqual([
      { actor_id: userIds.jiedao, data: { streetId: demoStreet.id, name: '生态环境所' } },
    ]);
    await as('admin').post(path, { name: '应急管理所' }).expect(201);
    // A name taken in another street is free here.
    await as('langju')
      .post(`/streets/${otherStreetId}/departments`, { name: '生态环境所' })
      .expect(201);

    const departments = await count('departments');
    const dup = refused(
      await as('jiedao').post(path, { name: '城管执法中队' }),
      409,
      'ALREADY_EXISTS',
    );
    expect(dup.message).toContain('城管执法中队');
    refused(await as('jiedao').post(path, { name: '街道办' }), 409, 'ALREADY_EXISTS');
    for (const body of [
      {},
      { name: '' },
      { name: 7 },
      { name: '部'.repeat(65) },
      { name: '所', kind: 'street-office' },
    ])
      refused(await as('jiedao').post(path, body), 400, 'VALIDATION_FAILED');
    // The officer of another street, a department's own dispatcher, a secretary, a resident.
    for (const who of ['langju', 'chengguan', 'shuji', 'yezhu-12-2-301'])
      refused(await as(who).post(path, { name: '越权部门' }), 403, 'FORBIDDEN');
    refused(
      await as('jiedao').post(`/streets/${otherStreetId}/departments`, { name: '越权部门' }),
      403,
      'FORBIDDEN',
    );
    refused(
      await as('admin').post(`/streets/${randomUUID()}/departments`, { name: '无街部门' }),
      404,
      'NOT_FOUND',
    );
    expect(await count('departments')).toBe(departments);
  });

  it("adds department members: the admin and the street's officers (201, audited); a member already 409; an unknown user or role 400; others 403", async () => {
    const path = `/departments/${chengguan.id}/members`;
    const recruit = await newUser('chengguan3', '方队员（城管）');
    const added = await as('jiedao').post(path, { userId: recruit, role: 'staff' });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ departmentId: chengguan.id, userId: recruit, role: 'staff' });
    expect(await audited('department-member.added', recruit)).toEqual([
      {
        actor_id: userIds.jiedao,
        data: {
          streetId: demoStreet.id,
          departmentId: chengguan.id,
          department: '城管执法中队',
          role: 'staff',
        },
      },
    ]);
    const second = await newUser('chengguan4', '石队员（城管）');
    await as('admin').post(path, { userId: second, role: 'dispatcher' }).expect(201);

    const members = await count('department_members');
    const again = refused(
      await as('jiedao').post(path, { userId: recruit, role: 'dispatcher' }),
      409,
      'ALREADY_EXISTS',
    );
    expect(again.message).toContain('城管执法中队');
    const nobody = refused(
      await as('jiedao').post(path, { userId: randomUUID(), role: 'staff' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(nobody.message).toContain('找不到该用户');
    const badRole = refused(
      await as('jiedao').post(path, { userId: recruit, role: 'chief' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(badRole.message).toContain('调度员');
    for (const body of [
      {},
      { userId: 'me', role: 'staff' },
      { userId: recruit },
      { role: 'staff' },
    ])
      refused(await as('jiedao').post(path, body), 400, 'VALIDATION_FAILED');
    // The department's own dispatcher, another department's, the other street's officer, a secretary.
    const newcomer = await newUser('outsider1', '外人');
    for (const who of ['chengguan', 'zhujian', 'langju', 'shuji'])
      refused(await as(who).post(path, { userId: newcomer, role: 'staff' }), 403, 'FORBIDDEN');
    refused(
      await as('jiedao').post(`/departments/${otherDepartmentId}/members`, {
        userId: newcomer,
        role: 'staff',
      }),
      403,
      'FORBIDDEN',
    );
    const unknown = refused(
      await as('admin').post(`/departments/${randomUUID()}/members`, {
        userId: newcomer,
        role: 'staff',
      }),
      404,
      'NOT_FOUND',
    );
    expect(unknown.message).toContain('部门');
    expect(await count('department_members')).toBe(members);
  });

  it("lists a department's members for the admin, the street's officers and its own members; another department's member, the other street's officer and community members get 403", async () => {
    const path = `/departments/${chengguan.id}/members`;
    for (const who of ['admin', 'jiedao', 'chengguan', 'chengguan2']) {
      const res = await as(who).get(path).expect(200);
      const items = (res.body as { items: { username: string; role: string }[] }).items;
      expect(items.map((m) => m.username).sort()).toEqual([
        'chengguan',
        'chengguan2',
        'chengguan3',
        'chengguan4',
      ]);
      // Dispatchers first.
      expect(items.slice(0, 2).every((m) => m.role === 'dispatcher')).toBe(true);
      expect(
        items
          .filter((m) => m.role === 'dispatcher')
          .map((m) => m.username)
          .sort(),
      ).toEqual(['chengguan', 'chengguan4']);
    }
    for (const who of ['zhujian', 'langju', 'shuji', 'yezhu-12-2-301'])
      refused(await as(who).get(path), 403, 'FORBIDDEN');
    refused(
      await as('chengguan').get(`/departments/${otherDepartmentId}/members`),
      403,
      'FORBIDDEN',
    );
  });

  it("removes department members: the admin and the street's officers (204, audited); not a member 404; others 403", async () => {
    const recruit = await newUser('zhujian3', '钟技术员（住建）');
    const zhujian = demoStreet.departments.find((d) => d.name === '住建所')!;
    const path = `/departments/${zhujian.id}/members`;
    await as('jiedao').post(path, { userId: recruit, role: 'staff' }).expect(201);
    for (const who of ['zhujian', 'chengguan', 'langju', 'shuji'])
      refused(await as(who).delete(`${path}/${recruit}`), 403, 'FORBIDDEN');
    await as('jiedao').delete(`${path}/${recruit}`).expect(204);
    expect(await audited('department-member.removed', recruit)).toEqual([
      {
        actor_id: userIds.jiedao,
        data: {
          streetId: demoStreet.id,
          departmentId: zhujian.id,
          department: '住建所',
          role: 'staff',
        },
      },
    ]);
    const gone = refused(await as('jiedao').delete(`${path}/${recruit}`), 404, 'NOT_FOUND');
    expect(gone.message).toContain('不是本部门的成员');
    await as('admin').post(path, { userId: recruit, role: 'staff' }).expect(201);
    await as('admin').delete(`${path}/${recruit}`).expect(204);
  });

  it("the admin names and removes a street's officers: an officer may then act for that street only, and no longer once removed", async () => {
    const officer = await newUser('xiugu2', '秀谷镇新干事');
    await signInWith('xiugu2', 'streets-test-pass-9');
    const departments = `/streets/${demoStreet.id}/departments`;
    refused(await as('xiugu2').post(departments, { name: '司法所' }), 403, 'FORBIDDEN');

    const added = await as('admin').post(`/streets/${demoStreet.id}/officers`, { userId: officer });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({
      streetId: demoStreet.id,
      userId: officer,
      departmentId: demoStreet.officeDepartmentId,
    });
    expect(await audited('street-officer.added', officer)).toEqual([
      {
        actor_id: userIds.admin,
        data: {
          streetId: demoStreet.id,
          departmentId: demoStreet.officeDepartmentId,
          department: '街道办',
          role: 'dispatcher',
        },
      },
    ]);
    await as('xiugu2').post(departments, { name: '司法所' }).expect(201);
    expect(
      ((await as('xiugu2').get('/streets').expect(200)).body as { items: { id: string }[] }).items,
    ).toEqual([expect.objectContaining({ id: demoStreet.id })]);
    refused(
      await as('xiugu2').post(`/streets/${otherStreetId}/departments`, { name: '司法所' }),
      403,
      'FORBIDDEN',
    );

    const again = refused(
      await as('admin').post(`/streets/${demoStreet.id}/officers`, { userId: officer }),
      409,
      'ALREADY_EXISTS',
    );
    expect(again.message).toContain('街道的干部');
    refused(
      await as('admin').post(`/streets/${demoStreet.id}/officers`, { userId: randomUUID() }),
      400,
      'VALIDATION_FAILED',
    );
    refused(
      await as('admin').post(`/streets/${demoStreet.id}/officers`, {}),
      400,
      'VALIDATION_FAILED',
    );
    // Officers are named by the admin only, even by the street's own officers.
    const newcomer = await newUser('outsider2', '外人二');
    for (const who of ['jiedao', 'langju', 'chengguan'])
      refused(
        await as(who).post(`/streets/${demoStreet.id}/officers`, { userId: newcomer }),
        403,
        'FORBIDDEN',
      );
    refused(
      await as('jiedao').delete(`/streets/${demoStreet.id}/officers/${officer}`),
      403,
      'FORBIDDEN',
    );

    await as('admin').delete(`/streets/${demoStreet.id}/officers/${officer}`).expect(204);
    expect(await audited('street-officer.removed', officer)).toHaveLength(1);
    refused(await as('xiugu2').post(departments, { name: '退役军人服务站' }), 403, 'FORBIDDEN');
    refused(await as('xiugu2').get(`/streets/${demoStreet.id}`), 403, 'FORBIDDEN');
    const gone = refused(
      await as('admin').delete(`/streets/${demoStreet.id}/officers/${officer}`),
      404,
      'NOT_FOUND',
    );
    expect(gone.message).toContain('不是本街道的干部');
    refused(
      await as('admin').delete(`/streets/${randomUUID()}/officers/${officer}`),
      404,
      'NOT_FOUND',
    );
  });
});
