import { randomUUID } from 'node:crypto';
import { type Server } from 'node:http';
import request from 'supertest';
import { TEST_ADMIN } from '../../../../test/support/api';
import { type TestDatabase } from '../../../../test/support/database';
import { httpActors } from '../../../../test/support/http-actors';
import { startDemoPlatform, type TestPlatform } from '../../../../test/support/platform';
import { DEMO_ESTATE, DEMO_PROPERTY_COMPANIES } from '../demo';

/*
 * An estate's property company (物业服务企业) over HTTP on the demo platform (学苑社区, 金泰和庄):
 * named by the secretary or the admin, trimmed, cleared with null, listed in the place tree,
 * audited (before and after, who); refused to everyone else, for bad names (400 with a Chinese
 * message, nothing written) and for estates that are not the community's (404).
 */
const HAN = /\p{Script=Han}/u;

interface ErrorBody {
  error: { code: string; message: string; details: Record<string, unknown> };
}
interface Place {
  id: string;
  name: string;
  propertyCompany: string | null;
  units: number;
}
interface AuditItem {
  action: string;
  entity: string;
  entityId: string | null;
  actorId: string | null;
  data: Record<string, unknown>;
}

describe("an estate's property company: PUT …/estates/:estateId/property-company (HTTP)", () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let communityId: string;
  let estateId: string;
  const { as, signIn, signInWith, userIds } = httpActors(() => server);
  const path = (id = estateId, community = communityId) =>
    `/communities/${community}/estates/${id}/property-company`;

  const places = async (who = 'yezhu-12-2-301'): Promise<Place[]> =>
    (
      (await as(who).get(`/communities/${communityId}/units/places`).expect(200)).body as {
        items: Place[];
      }
    ).items;
  const audit = async (): Promise<AuditItem[]> =>
    (
      (await as('shuji').get(`/communities/${communityId}/audit?limit=100`).expect(200)).body as {
        items: AuditItem[];
      }
    ).items.filter((a) => a.action === 'estate.property-company-set');
  const refused = (res: { status: number; body: unknown }, status: number, code: string) => {
    expect([res.status, (res.body as ErrorBody).error?.code]).toEqual([status, code]);
    expect((res.body as ErrorBody).error.message).toMatch(HAN);
    return (res.body as ErrorBody).error;
  };

  beforeAll(async () => {
    ({ db, platform, server } = await startDemoPlatform('property-company'));
    await signIn('shuji', 'wuye', 'wanggeyuan', 'dangwei', 'yezhu-12-2-301');
    await signInWith(TEST_ADMIN.username, TEST_ADMIN.password);
    const me = await as('shuji').get('/me').expect(200);
    communityId = (me.body as { memberships: { communityId: string }[] }).memberships[0]!
      .communityId;
  });
  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  it("lists the demo estate with its id and the demo's property company", async () => {
    const [estate, ...others] = await places();
    expect(others).toEqual([]);
    expect(estate).toMatchObject({
      name: DEMO_ESTATE,
      propertyCompany: DEMO_PROPERTY_COMPANIES[DEMO_ESTATE],
      units: 72,
    });
    estateId = estate!.id;
    const { rows } = await db.pool.query(`SELECT id FROM estates WHERE name = $1`, [DEMO_ESTATE]);
    expect(rows).toEqual([{ id: estateId }]);
  });

  it('the secretary names it (trimmed), audited with before and after', async () => {
    const res = await as('shuji')
      .put(path(), { name: '  金溪县和庄物业管理有限公司\u3000' })
      .expect(200);
    expect(res.body).toEqual({
      id: estateId,
      name: DEMO_ESTATE,
      propertyCompany: '金溪县和庄物业管理有限公司',
    });
    expect((await places())[0]!.propertyCompany).toBe('金溪县和庄物业管理有限公司');
    const [last] = await audit();
    expect(last).toMatchObject({
      entity: 'estate',
      entityId: estateId,
      actorId: userIds.shuji,
      data: {
        estate: DEMO_ESTATE,
        before: DEMO_PROPERTY_COMPANIES[DEMO_ESTATE],
        after: '金溪县和庄物业管理有限公司',
      },
    });
  });

  it('naming the company it has already changes nothing and writes no audit row', async () => {
    const before = (await audit()).length;
    await as('shuji').put(path(), { name: '金溪县和庄物业管理有限公司' }).expect(200);
    expect(await audit()).toHaveLength(before);
  });

  it('the admin clears it with null, and a 60-character name fits', async () => {
    const admin = TEST_ADMIN.username;
    const cleared = await as(admin).put(path(), { name: null }).expect(200);
    expect(cleared.body).toMatchObject({ id: estateId, propertyCompany: null });
    expect((await places())[0]!.propertyCompany).toBeNull();
    expect((await audit())[0]).toMatchObject({
      actorId: userIds[admin],
      data: { before: '金溪县和庄物业管理有限公司', after: null },
    });
    const sixty = '物'.repeat(56) + '有限公司';
    await as(admin).put(path(), { name: sixty }).expect(200);
    expect((await places())[0]!.propertyCompany).toBe(sixty);
  });

  it('refuses everyone but the admin and the secretary, writing nothing', async () => {
    const before = await db.pool.query(`SELECT property_company FROM estates`);
    for (const who of ['wuye', 'wanggeyuan', 'dangwei', 'yezhu-12-2-301'])
      refused(await as(who).put(path(), { name: '冒名物业' }), 403, 'FORBIDDEN');
    const anonymous = await request(server)
      .put(`/api/v1${path()}`)
      .send({ name: '冒名物业' })
      .expect(401);
    expect((anonymous.body as ErrorBody).error.code).toBe('UNAUTHENTICATED');
    expect((await db.pool.query(`SELECT property_company FROM estates`)).rows).toEqual(before.rows);
  });

  it('refuses bad names with 400 VALIDATION_FAILED naming the field, in Chinese', async () => {
    const stored = (await places())[0]!.propertyCompany;
    const auditRows = (await audit()).length;
    for (const body of [
      {},
      { name: '' },
      { name: ' \u3000 ' },
      { name: '物'.repeat(61) },
      // 60 characters to class-validator, 61 to PostgreSQL: the registry counts as the column does.
      { name: `${'物'.repeat(60)}\uFE0F` },
      { name: 5 },
      { name: ['某物业'] },
      { name: '某物业', estate: DEMO_ESTATE },
    ]) {
      const error = refused(await as('shuji').put(path(), body), 400, 'VALIDATION_FAILED');
      expect(JSON.stringify(error.details)).toMatch(/"field":"(name|estate)"/);
    }
    expect((await places())[0]!.propertyCompany).toBe(stored);
    expect(await audit()).toHaveLength(auditRows);
  });

  it("404 for an unknown estate, a malformed id, and another community's estate", async () => {
    refused(await as('shuji').put(path(randomUUID()), { name: '某物业' }), 404, 'NOT_FOUND');
    const malformed = refused(
      await as('shuji').put(path('not-an-id'), { name: '某物业' }),
      404,
      'NOT_FOUND',
    );
    expect(malformed.message).toContain('小区');
    const admin = TEST_ADMIN.username;
    const other = (
      (await as(admin).post('/communities', { name: '别的社区' }).expect(201)).body as {
        id: string;
      }
    ).id;
    await as(admin)
      .post(`/communities/${other}/units`, {
        units: [
          { estate: '别的小区', building: '1号楼', entrance: '1单元', room: '101', area: 80 },
        ],
      })
      .expect(201);
    const { rows } = await db.pool.query<{ id: string }>(
      `SELECT id FROM estates WHERE community_id = $1`,
      [other],
    );
    const otherEstate = rows[0]!.id;
    // Through the demo community's path: not one of its estates, for the admin too.
    refused(await as(admin).put(path(otherEstate), { name: '某物业' }), 404, 'NOT_FOUND');
    // Through its own community's path: the demo's secretary is no member there.
    refused(await as('shuji').put(path(otherEstate, other), { name: '某物业' }), 403, 'FORBIDDEN');
    await as(admin).put(path(otherEstate, other), { name: '别的物业' }).expect(200);
    expect(
      (await db.pool.query(`SELECT property_company FROM estates WHERE id = $1`, [otherEstate]))
        .rows,
    ).toEqual([{ property_company: '别的物业' }]);
  });
});
