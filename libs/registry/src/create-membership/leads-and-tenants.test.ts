import { type Server } from 'node:http';
import request from 'supertest';
import { testOwnerIdentity } from '../../../../test/support/bindings';
import { type TestDatabase } from '../../../../test/support/database';
import { httpActors } from '../../../../test/support/http-actors';
import { startDemoPlatform, type TestPlatform } from '../../../../test/support/platform';

/*
 * Memberships of the two new leads (单元长, 邻长) with the units they serve, and of tenants (租户):
 * created, changed and listed over HTTP on the demo platform; a tenant is never bound as an owner.
 */
const HAN = /\p{Script=Han}/u;
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

interface Member {
  userId: string;
  roles: string[];
  unitIds: string[];
  ledUnitIds: string[];
  occupancy: string | null;
}

describe('unit leads, neighbour leads and tenants (HTTP, real PostgreSQL)', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let communityId: string;
  let otherUnit: string;
  const units: Record<string, string> = {};
  const { as, signIn, signInWith, userIds } = httpActors(() => server);

  const refused = async (
    req: PromiseLike<{ status: number; body: unknown }>,
    status: number,
    code: string,
  ) => {
    const res = await req;
    expect(res.status).toBe(status);
    const { error } = res.body as { error: { code: string; message: string } };
    expect(error.code).toBe(code);
    expect(error.message).toMatch(HAN);
    return error;
  };
  const members = () => `/communities/${communityId}/memberships`;
  const newUser = async (username: string) => {
    const res = await as('shuji')
      .post('/users', { username, password: 'lead-pass-2026', displayName: username })
      .expect(201);
    return (res.body as { id: string }).id;
  };

  beforeAll(async () => {
    ({ db, platform, server } = await startDemoPlatform('leads-and-tenants'));
    await signIn('shuji', 'yezhu-12-2-301');
    const me = await as('shuji').get('/me').expect(200);
    communityId = (me.body as { memberships: { communityId: string }[] }).memberships[0]!
      .communityId;
    const list = await as('shuji')
      .get(`/communities/${communityId}/units?estate=金泰和庄&building=12号楼&limit=100`)
      .expect(200);
    for (const u of (list.body as { items: { id: string; entrance: string; room: string }[] })
      .items)
      units[`${u.entrance}-${u.room}`] = u.id;
    await signInWith('admin', 'admin-password-1');
    const other = await as('admin').post('/communities', { name: '邻长社区' }).expect(201);
    const imported = await as('admin')
      .post(`/communities/${(other.body as { id: string }).id}/units`, {
        units: [{ estate: '外小区', building: '1号楼', entrance: '1单元', room: '101', area: 80 }],
      })
      .expect(201);
    otherUnit = (imported.body as { units: { id: string }[] }).units[0]!.id;
  });
  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  it('registers a unit lead and a neighbour lead with the units they serve (201), listed', async () => {
    const entrance = ['101', '102', '201', '202'].map((r) => units[`2单元-${r}`]!);
    const unitLead = await newUser('danyuanzhang');
    const created = await as('shuji')
      .post(members(), { userId: unitLead, roles: ['unit-lead'], unitIds: entrance })
      .expect(201);
    // The answer gives the units as sent; reads sort them.
    expect(created.body).toMatchObject({
      roles: ['unit-lead'],
      unitIds: entrance,
      ledUnitIds: entrance,
      occupancy: null,
    });
    // A neighbour lead who lives in one of the households they serve.
    const neighbourLead = await newUser('linzhang');
    const home = units['2单元-401']!;
    const served = [home, units['2单元-402']!, units['2单元-501']!];
    await as('shuji')
      .post(members(), {
        userId: neighbourLead,
        roles: ['resident', 'neighbour-lead'],
        unitIds: [home],
        ledUnitIds: served,
      })
      .expect(201);
    const list = await as('shuji').get(`${members()}?role=neighbour-lead`).expect(200);
    expect((list.body as { items: Member[] }).items).toEqual([
      expect.objectContaining({
        userId: neighbourLead,
        unitIds: [home],
        ledUnitIds: [...served].sort(),
        occupancy: 'owner',
      }),
    ]);
    // Serving a unit makes nobody its owner.
    const { rows } = await db.pool.query(`SELECT unit_id FROM unit_owners WHERE user_id = $1`, [
      neighbourLead,
    ]);
    expect(rows).toEqual([{ unit_id: home }]);
    const me = await request(server).post('/api/v1/auth/token').send({
      username: 'danyuanzhang',
      password: 'lead-pass-2026',
    });
    const mine = await request(server)
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${(me.body as { accessToken: string }).accessToken}`)
      .expect(200);
    expect((mine.body as { memberships: Member[] }).memberships[0]).toMatchObject({
      roles: ['unit-lead'],
      ledUnitIds: [...entrance].sort(),
      occupancy: null,
    });

    // Changing the roles keeps the units they belong to.
    const changed = await as('shuji')
      .patch(`${members()}/${unitLead}`, { roles: ['unit-lead', 'neighbour-lead'] })
      .expect(200);
    expect((changed.body as Member).ledUnitIds).toEqual([...entrance].sort());
    const dropped = await as('shuji')
      .patch(`${members()}/${unitLead}`, { roles: ['grid-worker'] })
      .expect(200);
    expect(dropped.body).toMatchObject({ unitIds: [], ledUnitIds: [], occupancy: null });
  });

  it('refuses leads without units, units of another community, and units for other roles (400)', async () => {
    const userId = await newUser('bad-lead');
    const foreign = await refused(
      as('shuji').post(members(), {
        userId,
        roles: ['neighbour-lead'],
        unitIds: [units['1单元-101']!, otherUnit],
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(foreign.message).toContain('不属于本社区');
    await refused(
      as('shuji').post(members(), { userId, roles: ['neighbour-lead'] }),
      400,
      'VALIDATION_FAILED',
    );
    await refused(
      as('shuji').post(members(), {
        userId,
        roles: ['resident', 'unit-lead'],
        unitIds: [units['1单元-101']!],
      }),
      400,
      'VALIDATION_FAILED',
    );
    await refused(
      as('shuji').post(members(), {
        userId,
        roles: ['grid-worker'],
        ledUnitIds: [units['1单元-101']!],
      }),
      400,
      'VALIDATION_FAILED',
    );
    await refused(
      as('shuji').post(members(), {
        userId,
        roles: ['unit-lead'],
        unitIds: [units['1单元-101']!],
        ledUnitIds: [units['1单元-102']!],
      }),
      400,
      'VALIDATION_FAILED',
    );
    await refused(
      as('shuji').post(members(), { userId, roles: ['party-member'] }),
      400,
      'VALIDATION_FAILED',
    );
    const { rowCount } = await db.pool.query(`SELECT 1 FROM memberships WHERE user_id = $1`, [
      userId,
    ]);
    expect(rowCount).toBe(0);
  });

  it('registers a tenant (occupancy), changeable both ways; occupancy only for residents (400)', async () => {
    const tenant = await newUser('zuhu-12-2-301');
    const created = await as('shuji')
      .post(members(), {
        userId: tenant,
        roles: ['resident'],
        unitIds: [units['2单元-301']!],
        occupancy: 'tenant',
      })
      .expect(201);
    expect(created.body).toMatchObject({ unitIds: [units['2单元-301']], occupancy: 'tenant' });
    await as('shuji')
      .patch(`${members()}/${tenant}`, { occupancy: 'owner' })
      .expect(200)
      .expect((res) => expect((res.body as Member).occupancy).toBe('owner'));
    await as('shuji').patch(`${members()}/${tenant}`, { occupancy: 'tenant' }).expect(200);
    // Other changes keep the occupancy.
    await as('shuji')
      .patch(`${members()}/${tenant}`, { unitIds: [units['2单元-301']!, units['2单元-302']!] })
      .expect(200)
      .expect((res) => expect((res.body as Member).occupancy).toBe('tenant'));
    const userId = await newUser('not-a-resident');
    await refused(
      as('shuji').post(members(), { userId, roles: ['grid-worker'], occupancy: 'tenant' }),
      400,
      'VALIDATION_FAILED',
    );
    await refused(
      as('shuji').post(members(), {
        userId,
        roles: ['resident'],
        unitIds: [units['2单元-301']!],
        occupancy: 'landlord',
      }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('never binds a tenant as an owner: by the numbers or by a request (403), and ends bindings on becoming one', async () => {
    await signInWith('zuhu-12-2-301', 'lead-pass-2026');
    const unitId = units['2单元-301']!;
    const identity = testOwnerIdentity();
    await as('shuji')
      .post(`/communities/${communityId}/units/${unitId}/owner-identities`, identity)
      .expect(201);
    const byNumbers = await refused(
      as('zuhu-12-2-301').post('/me/unit-bindings', { unitId, ...identity }),
      403,
      'FORBIDDEN',
    );
    expect(byNumbers.message).toContain('租户');
    const byRequest = await request(server)
      .post(`/api/v1/communities/${communityId}/binding-requests?unitId=${unitId}`)
      .set('Authorization', `Bearer ${await signInToken('zuhu-12-2-301')}`)
      .set('Content-Type', 'image/png')
      .send(PNG);
    await refused(Promise.resolve(byRequest), 403, 'FORBIDDEN');

    // The owner of 12-2-301 is bound (the demo); registered as a tenant, the binding ends.
    const owner = userIds['yezhu-12-2-301']!;
    const bound = async () =>
      (
        await db.pool.query(
          `SELECT 1 FROM unit_bindings WHERE user_id = $1 AND unit_id = $2 AND unbound_at IS NULL`,
          [owner, unitId],
        )
      ).rowCount;
    expect(await bound()).toBe(1);
    await as('shuji').patch(`${members()}/${owner}`, { occupancy: 'tenant' }).expect(200);
    expect(await bound()).toBe(0);
    await as('shuji').patch(`${members()}/${owner}`, { occupancy: 'owner' }).expect(200);
  });

  async function signInToken(username: string): Promise<string> {
    const res = await request(server)
      .post('/api/v1/auth/token')
      .send({ username, password: 'lead-pass-2026' })
      .expect(200);
    return (res.body as { accessToken: string }).accessToken;
  }
});
