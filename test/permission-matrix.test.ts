import { type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import {
  authorize,
  isAction,
  PERMISSIONS,
  ruleFor,
  type Action,
  type Caller,
  type CallerDepartment,
  type Resource,
} from '@yishi/access';
import {
  DEMO_DEPARTMENTS,
  DEMO_ESTATE,
  DEMO_MEMBERS,
  DEMO_STREET,
  DEMO_STREET_OFFICER,
  type DepartmentView,
} from '@yishi/registry';
import { DEFAULT_DEMAND_SETTINGS, formatDemandNumber } from '@yishi/domain';
import { DemandRepository } from '@yishi/demands';
import { WhistleRepository } from '@yishi/whistles';
import { listRoutes, type RouteInfo } from '../apps/api/src/access/routes';
import { client, login, TEST_ADMIN } from './support/api';
import { caseInFollowUp, type CaseFixture } from './support/case-fixture';
import { createTestDatabase, testRedisUrl, type TestDatabase } from './support/database';
import { startTestPlatform, type TestPlatform } from './support/platform';

/**
 * Generated from the permission table: every route, called as every kind of caller, is allowed or
 * denied exactly as the table says. Allowed means the guard let it through (any status but 401 and
 * 403: the empty body then fails validation, or the read succeeds); denied means 401 without a
 * token and 403 with one. Routes about a case, resolution, task, grid, demand or upload get a real
 * one of each (an unknown id is a 404 for everyone, before the table is asked), and the table is
 * asked with the parties it names (lead party, assignee party) and the case's handler (a case
 * worker, 社工, who is one caller here; another case worker handles nothing). Street and department routes are
 * called on the demo street (秀谷镇) and its 城管执法中队, as its officer, that department's
 * dispatcher and staff member, another department's staff member and another street's officer;
 * whistle routes on a whistle of the demo community to 城管执法中队 (its community's roles, the
 * street's people and the department's all have their grants there).
 */
// One check per route and caller, over a thousand requests: more than the default minute on a loaded machine.
jest.setTimeout(180_000);

describe('permission matrix (every route × every role, from the table)', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let routes: RouteInfo[];
  let demoId: string;
  let otherId: string;
  let demoCase: CaseFixture;
  let otherCase: CaseFixture;
  /** A grid with a building in each community (so a DELETE is refused and it stays). */
  const gridIds: Record<string, string> = {};
  /**
   * A withdrawn demand in each community (every write on it is refused by its status or its body
   * before anyone's own rights are looked at), and an upload no caller made (404 for everyone).
   */
  const demandIds: Record<string, string> = {};
  const uploadIds: Record<string, string> = {};
  /** The meeting each community's case recorded (its fixture records one in deliberation). */
  const meetingIds: Record<string, string> = {};
  /** A whistle of the demo community to 城管执法中队 (none in the other: it has no street). */
  const whistleIds: Record<string, string> = {};
  /** The demo street and another, each with a department (the demo's: 城管执法中队). */
  const streetIds: Record<'demo' | 'other', string> = { demo: '', other: '' };
  const departmentIds: Record<'demo' | 'other', string> = { demo: '', other: '' };
  interface Who {
    token?: string;
    caller?: Caller;
    otherMember?: boolean;
    username?: string;
    password?: string;
  }
  const callers = new Map<string, Who>();
  /** The handler (经办人) of a case, by case id, for the table's `case-handler`. */
  const handlers = new Map<string, string>();

  beforeAll(async () => {
    db = await createTestDatabase();
    platform = await startTestPlatform({
      databaseUrl: db.url,
      redisUrl: testRedisUrl(),
      label: 'matrix',
      env: { ADMIN_USERNAME: TEST_ADMIN.username, ADMIN_PASSWORD: TEST_ADMIN.password },
    });
    server = platform.app.getHttpServer();
    routes = listRoutes(platform.app.get(DiscoveryService), platform.app.get(MetadataScanner));

    const admin = await login(server, TEST_ADMIN.username, TEST_ADMIN.password);
    const list = await client(server, admin).get('/communities').expect(200);
    demoId = (list.body as { items: { id: string }[] }).items[0]!.id;
    otherId = (
      (await client(server, admin).post('/communities', { name: '矩阵社区' }).expect(201)).body as {
        id: string;
      }
    ).id;
    const outsiderUser = (
      await client(server, admin)
        .post('/users', { username: 'outsider', password: 'far-away-pass', displayName: '外人' })
        .expect(201)
    ).body as { id: string };

    callers.set('anonymous', {});
    callers.set('admin', {
      token: admin,
      ...TEST_ADMIN,
      caller: { userId: 'admin', admin: true, secretaryAnywhere: false },
    });
    callers.set('outsider', {
      token: await login(server, 'outsider', 'far-away-pass'),
      username: 'outsider',
      password: 'far-away-pass',
      caller: { userId: outsiderUser.id, admin: false, secretaryAnywhere: false },
    });
    for (const m of DEMO_MEMBERS)
      callers.set(`${m.roles.join('+')}${m.party === undefined ? '' : `(${m.party})`}`, {
        token: await login(server, m.username),
        username: m.username,
        caller: {
          userId: m.username,
          admin: false,
          secretaryAnywhere: m.roles.includes('secretary'),
          membership: {
            roles: m.roles,
            party: m.roles.includes('secretary') ? 'party-organisation' : (m.party ?? null),
          },
        },
      });
    callers.set('resident', {
      token: await login(server, 'yezhu-10-1-101'),
      username: 'yezhu-10-1-101',
      caller: {
        userId: 'r',
        admin: false,
        secretaryAnywhere: false,
        membership: { roles: ['resident'], party: null },
      },
    });

    // The demo street's people: its officer (jiedao, also a community member), 城管's dispatcher and
    // staff member, 住建所's staff member; and the officer of another street.
    const demoCommunity = await client(server, admin).get(`/communities/${demoId}`).expect(200);
    streetIds.demo = (demoCommunity.body as { streetId: string }).streetId;
    const demoStreet = await client(server, admin).get(`/streets/${streetIds.demo}`).expect(200);
    const departments = (demoStreet.body as { departments: DepartmentView[] }).departments;
    const departmentNamed = (name: string) => departments.find((d) => d.name === name)!.id;
    const office = departments.find((d) => d.kind === 'street-office')!.id;
    departmentIds.demo = departmentNamed('城管执法中队');
    const officer = callers.get('street-officer')!;
    if (
      DEMO_MEMBERS.find((m) => m.roles.includes('street-officer'))?.username !== DEMO_STREET_OFFICER
    )
      throw new Error('the demo street officer is no longer the street-officer member');
    officer.caller = {
      ...officer.caller!,
      departments: [{ departmentId: office, kind: 'street-office', role: 'dispatcher' }],
    };
    const [cg, zj] = [DEMO_DEPARTMENTS[0]!, DEMO_DEPARTMENTS[1]!];
    const inDepartment = (
      name: string,
      username: string,
      department: CallerDepartment,
    ): [string, Who] => [
      name,
      {
        username,
        caller: {
          userId: username,
          admin: false,
          secretaryAnywhere: false,
          departments: [department],
        },
      },
    ];
    for (const [name, who] of [
      inDepartment('dispatcher(城管)', cg.dispatcher.username, {
        departmentId: departmentNamed(cg.name),
        kind: 'department',
        role: 'dispatcher',
      }),
      inDepartment('staff(城管)', cg.staff.username, {
        departmentId: departmentNamed(cg.name),
        kind: 'department',
        role: 'staff',
      }),
      inDepartment('staff(住建)', zj.staff.username, {
        departmentId: departmentNamed(zj.name),
        kind: 'department',
        role: 'staff',
      }),
    ])
      callers.set(name, { ...who, token: await login(server, who.username!) });
    streetIds.other = (
      (await client(server, admin).post('/streets', { name: '矩阵街道' }).expect(201)).body as {
        id: string;
      }
    ).id;
    departmentIds.other = (
      (
        await client(server, admin)
          .post(`/streets/${streetIds.other}/departments`, { name: '矩阵部门' })
          .expect(201)
      ).body as { id: string }
    ).id;
    const otherOfficer = (
      await client(server, admin)
        .post('/users', {
          username: 'matrix-officer',
          password: 'far-street-pass-3',
          displayName: '矩阵街道干事',
        })
        .expect(201)
    ).body as { id: string };
    await client(server, admin)
      .post(`/streets/${streetIds.other}/officers`, { userId: otherOfficer.id })
      .expect(201);
    callers.set('street-officer(other street)', {
      token: await login(server, 'matrix-officer', 'far-street-pass-3'),
      username: 'matrix-officer',
      password: 'far-street-pass-3',
      // Their departments in the demo street, which every street route here is about: none.
      caller: { userId: otherOfficer.id, admin: false, secretaryAnywhere: false, departments: [] },
    });

    // A case, a resolution and a task in each community, with an owner to vote in the other.
    const { store } = platform.runtime;
    const pool = db.pool;
    const userId = async (username: string) =>
      (await pool.query<{ id: string }>(`SELECT id FROM users WHERE username = $1`, [username]))
        .rows[0]!.id;
    demoCase = await caseInFollowUp({
      store,
      pool,
      communityId: demoId,
      scope: { estate: DEMO_ESTATE, building: '10号楼', entrance: '1单元' },
      voterId: await userId('yezhu-10-1-101'),
      leadParty: 'property-company',
      assigneeParty: 'partner-units',
    });
    const imported = await client(server, admin)
      .post(`/communities/${otherId}/units`, {
        units: [
          { estate: '矩阵小区', building: '1号楼', entrance: '1单元', room: '101', area: 88.5 },
        ],
      })
      .expect(201);
    const otherUnit = (imported.body as { units: { id: string }[] }).units[0]!.id;
    const otherOwner = (
      await client(server, admin)
        .post('/users', { username: 'matrix-owner', password: 'matrix-pass', displayName: '业主' })
        .expect(201)
    ).body as { id: string };
    await client(server, admin)
      .post(`/communities/${otherId}/memberships`, {
        userId: otherOwner.id,
        roles: ['resident'],
        unitIds: [otherUnit],
      })
      .expect(201);
    otherCase = await caseInFollowUp({
      store,
      pool,
      communityId: otherId,
      scope: { estate: '矩阵小区', building: null, entrance: null },
      voterId: otherOwner.id,
      leadParty: 'owners-committee',
      assigneeParty: 'property-company',
    });
    for (const [communityId, fixture] of [
      [demoId, demoCase],
      [otherId, otherCase],
    ] as const) {
      const { rows } = await pool.query<{ id: string }>(
        `SELECT data->>'meetingId' AS id FROM events
          WHERE stream_id = $1 AND type = 'MeetingRecorded'`,
        [`case-${fixture.caseId}`],
      );
      meetingIds[communityId] = rows[0]!.id;
    }
    for (const [communityId, estate, building] of [
      [demoId, DEMO_ESTATE, '10号楼'],
      [otherId, '矩阵小区', '1号楼'],
    ] as const) {
      const grid = await client(server, admin)
        .post(`/communities/${communityId}/grids`, {
          name: '矩阵网格',
          buildings: [{ estate, building }],
        })
        .expect(201);
      gridIds[communityId] = (grid.body as { id: string }).id;
    }
    const demands = platform.app.get(DemandRepository);
    for (const [communityId, submitter, uploader] of [
      [demoId, await userId('yezhu-10-1-101'), await userId('yezhu-12-2-301')],
      [otherId, otherOwner.id, otherOwner.id],
    ] as const) {
      const demandId = randomUUID();
      const now = new Date().toISOString();
      await demands.execute(
        demandId,
        {
          type: 'ReceiveDemand',
          data: {
            demandId,
            communityId,
            number: formatDemandNumber('JZ', now, 1),
            content: '矩阵诉求',
            category: 'other',
            gridId: null,
            source: 'online',
            settings: DEFAULT_DEMAND_SETTINGS,
          },
        },
        { actorId: submitter, now },
      );
      await demands.execute(
        demandId,
        { type: 'WithdrawDemand', data: { reason: null } },
        { actorId: submitter },
      );
      demandIds[communityId] = demandId;
      uploadIds[communityId] = randomUUID();
      await pool.query(
        `INSERT INTO uploads (id, community_id, uploaded_by, content_type, size_bytes, sha256, storage_key)
         VALUES ($1, $2, $3, 'image/png', 1, 'none', $4)`,
        [uploadIds[communityId], communityId, uploader, `${communityId}/${uploadIds[communityId]}`],
      );
    }
    // A whistle of the demo community to 城管, issued straight into its stream. Every write on it
    // with an empty body is refused by validation, but for 签收 (no body needed): a department
    // member's first acceptance is 201, the next 409, both "allowed".
    const whistleId = randomUUID();
    await platform.app.get(WhistleRepository).execute(
      whistleId,
      {
        type: 'IssueWhistle',
        data: {
          whistleId,
          communityId: demoId,
          streetId: streetIds.demo,
          subject: '矩阵吹哨',
          description: '矩阵吹哨',
          departmentIds: [departmentIds.demo],
          acceptWithinWorkingHours: 2,
          resolveWithinWorkingDays: 5,
        },
      },
      { actorId: await userId('shuji'), streetDepartmentIds: [departmentIds.demo] },
    );
    whistleIds[demoId] = whistleId;

    // Two case workers (社工) of the demo community: one the demo case's handler (the table's
    // `case-handler` on that case), the other handling nothing.
    const secretaryToken = callers.get('secretary')!.token!;
    for (const [name, username, handles] of [
      ['case-worker(handler)', 'matrix-worker', true],
      ['case-worker', 'matrix-worker-2', false],
    ] as const) {
      const password = 'shegong-secret-58';
      const worker = (
        await client(server, admin)
          .post('/users', { username, password, displayName: '矩阵社工' })
          .expect(201)
      ).body as { id: string };
      await client(server, admin)
        .post(`/communities/${demoId}/memberships`, { userId: worker.id, roles: ['case-worker'] })
        .expect(201);
      if (handles) {
        await client(server, secretaryToken)
          .post(`/cases/${demoCase.caseId}/handler`, { userId: worker.id })
          .expect(201);
        handlers.set(demoCase.caseId, worker.id);
      }
      callers.set(name, {
        token: await login(server, username, password),
        username,
        password,
        caller: {
          userId: worker.id,
          admin: false,
          secretaryAnywhere: false,
          membership: { roles: ['case-worker'], party: null },
        },
      });
    }
  }, 60_000);
  afterAll(async () => {
    await platform.close();
    await db.drop();
  });

  it('every route names an action of the table (a new route without an entry fails here and at start)', () => {
    expect(routes.length).toBeGreaterThan(15);
    const missing = routes.filter((r) => !isAction(r.action)).map((r) => `${r.method} ${r.path}`);
    expect(missing).toEqual([]);
  });

  it('every action of the table is used by a route, or is checked inside one', () => {
    const used = new Set(routes.map((r) => r.action));
    const unused = (Object.keys(PERMISSIONS) as Action[]).filter((a) => !used.has(a));
    expect(unused).toEqual(['memberships.grant-secretary']);
  });

  const concrete = (
    path: string,
    communityId: string,
    fixture: CaseFixture,
    street: 'demo' | 'other' = 'demo',
  ) =>
    path
      .replace(':communityId', communityId)
      .replace(':streetId', streetIds[street])
      .replace(':departmentId', departmentIds[street])
      .replace(':caseId', fixture.caseId)
      .replace(':resolutionId', fixture.resolutionId)
      .replace(':taskId', fixture.taskId)
      .replace(':gridId', gridIds[communityId]!)
      .replace(':demandId', demandIds[communityId]!)
      .replace(':uploadId', uploadIds[communityId]!)
      .replace(':meetingId', meetingIds[communityId]!)
      .replace(':whistleId', whistleIds[communityId] ?? randomUUID())
      // A district is a name on streets (the demo street's).
      .replace(':district', encodeURIComponent(DEMO_STREET.district))
      .replace(/:[A-Za-z]+Id/g, () => randomUUID());

  /**
   * What the guard finds for the route's resource: the parties the table's party grants ask, the
   * department its department grants ask.
   */
  const resourceOf = (path: string, fixture: CaseFixture): Resource =>
    path.includes(':taskId')
      ? {
          leadParty: fixture.leadParty,
          assigneeParty: fixture.assigneeParty,
          handlerId: handlers.get(fixture.caseId) ?? null,
        }
      : path.includes(':caseId')
        ? { leadParty: fixture.leadParty, handlerId: handlers.get(fixture.caseId) ?? null }
        : path.includes(':meetingId')
          ? { handlerId: handlers.get(fixture.caseId) ?? null }
          : path.includes(':departmentId') || path.includes(':whistleId')
            ? { departmentIds: [departmentIds.demo] }
            : {};

  async function call(route: RouteInfo, path: string, token: string | undefined) {
    const c = client(server, token);
    switch (route.method) {
      case 'GET':
        return c.get(path);
      case 'POST':
        return c.post(path, {});
      case 'PATCH':
        return c.patch(path, {});
      case 'PUT':
        return c.put(path, {});
      case 'DELETE':
        return c.delete(path);
      default:
        throw new Error(`no test call for ${route.method}`);
    }
  }

  it('allows and denies every route for every caller exactly as the table says', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    // Each caller walks the routes in order (a logout ends only its own tokens), side by side.
    const walk = async ([name, who]: [string, Who]) => {
      for (const route of routes) {
        const rule = ruleFor(route.action as Action);
        const allowed = authorize(rule, who.caller, resourceOf(route.path, demoCase));
        const res = await call(route, concrete(route.path, demoId, demoCase), who.token);
        // A logout ends the caller's tokens: sign in again for the routes after it.
        if (route.action === 'auth.logout' && res.status === 204 && who.username !== undefined)
          who.token = await login(server, who.username, who.password);
        const denied = res.status === 401 || res.status === 403;
        const expected = allowed ? 'allowed' : who.token === undefined ? '401' : '403';
        const actual = denied ? String(res.status) : 'allowed';
        checked++;
        if (expected !== actual || res.status >= 500)
          mismatches.push(
            `${route.method} ${route.path} as ${name}: expected ${expected}, got ${res.status}`,
          );
      }
    };
    await Promise.all([...callers].map(walk));
    expect(mismatches.sort()).toEqual([]);
    expect(checked).toBeGreaterThan(200);
  });

  it('community routes of another community are closed to every demo member', async () => {
    const mismatches: string[] = [];
    for (const route of routes.filter((r) => ruleFor(r.action as Action).scope === 'community'))
      for (const [name, who] of callers) {
        if (who.token === undefined || name === 'admin' || name === 'outsider') continue;
        const res = await call(route, concrete(route.path, otherId, otherCase), who.token);
        if (res.status !== 403)
          mismatches.push(`${route.method} ${route.path} as ${name}: ${res.status}`);
      }
    expect(mismatches).toEqual([]);
  });

  it("street and department routes of another street are closed to the demo street's people", async () => {
    const mismatches: string[] = [];
    const scoped = routes.filter((r) =>
      ['street', 'department'].includes(ruleFor(r.action as Action).scope),
    );
    expect(scoped.length).toBeGreaterThanOrEqual(8);
    for (const route of scoped)
      for (const name of ['street-officer', 'dispatcher(城管)', 'staff(城管)', 'staff(住建)']) {
        const res = await call(
          route,
          concrete(route.path, otherId, otherCase, 'other'),
          callers.get(name)!.token,
        );
        if (res.status !== 403)
          mismatches.push(`${route.method} ${route.path} as ${name}: ${res.status}`);
      }
    expect(mismatches).toEqual([]);
  });
});
