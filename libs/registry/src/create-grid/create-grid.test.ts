import { randomUUID } from 'node:crypto';
import { type Server } from 'node:http';
import { type TestDatabase } from '../../../../test/support/database';
import { httpActors } from '../../../../test/support/http-actors';
import { startDemoPlatform, type TestPlatform } from '../../../../test/support/platform';
import { RegistryReads } from '../registry-reads';

/*
 * Creating and listing grids (网格) and setting their admission lists, over HTTP on the demo
 * platform (学苑社区, 金泰和庄 10–12号楼): the one-grid-per-building rule, the ledger's buildings,
 * the grid workers, and a Chinese message on every refusal.
 */
const ESTATE = '金泰和庄';
const HAN = /\p{Script=Han}/u;

interface ErrorBody {
  error: { code: string; message: string; details: Record<string, unknown> };
}

describe('grids: create, list, admission list (HTTP, real PostgreSQL)', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let communityId: string;
  let gridId: string;
  const { as, signIn, userIds } = httpActors(() => server);

  /** A refusal's status and code, its message in Chinese. */
  const refused = (res: { status: number; body: unknown }, status: number, code: string) => {
    expect(res.status).toBe(status);
    const { error } = res.body as ErrorBody;
    expect(error.code).toBe(code);
    expect(error.message).toMatch(HAN);
    return error;
  };

  beforeAll(async () => {
    ({ db, platform, server } = await startDemoPlatform('create-grid'));
    await signIn('shuji', 'wanggeyuan', 'yezhu-12-2-301');
    const me = await as('shuji').get('/me').expect(200);
    communityId = (me.body as { memberships: { communityId: string }[] }).memberships[0]!
      .communityId;
  });
  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  it('creates a grid of buildings with its workers (201), audited, and members list it', async () => {
    const created = await as('shuji')
      .post(`/communities/${communityId}/grids`, {
        name: '第一网格',
        buildings: [
          { estate: ESTATE, building: '11号楼' },
          { estate: ESTATE, building: '10号楼' },
        ],
        workerUserIds: [userIds.wanggeyuan],
      })
      .expect(201);
    gridId = (created.body as { id: string }).id;
    expect(created.body).toEqual({ id: gridId, name: '第一网格' });

    const list = await as('yezhu-12-2-301').get(`/communities/${communityId}/grids`).expect(200);
    expect(list.body).toEqual({
      items: [
        {
          id: gridId,
          name: '第一网格',
          buildings: [
            { estate: ESTATE, building: '10号楼' },
            { estate: ESTATE, building: '11号楼' },
          ],
          workers: [{ userId: userIds.wanggeyuan, displayName: '吴网格员' }],
          admissionList: [],
          robot: null,
        },
      ],
    });
    const { rows } = await db.pool.query(
      `SELECT actor_id FROM audit_log WHERE action = 'grid.created' AND entity_id = $1`,
      [gridId],
    );
    expect(rows).toEqual([{ actor_id: userIds.shuji }]);
  });

  it('refuses a building another grid holds: 409 ALREADY_EXISTS naming the building and the grid', async () => {
    const res = await as('shuji').post(`/communities/${communityId}/grids`, {
      name: '第二网格',
      buildings: [
        { estate: ESTATE, building: '12号楼' },
        { estate: ESTATE, building: '11号楼' },
      ],
    });
    const error = refused(res, 409, 'ALREADY_EXISTS');
    expect(error.message).toContain('金泰和庄 11号楼');
    expect(error.message).toContain('第一网格');
    expect(error.details.buildings).toEqual([
      { estate: ESTATE, building: '11号楼', gridId, gridName: '第一网格' },
    ]);
    // Nothing of the refused grid was written.
    const list = await as('shuji').get(`/communities/${communityId}/grids`).expect(200);
    expect((list.body as { items: unknown[] }).items).toHaveLength(1);
  });

  it('refuses buildings the ledger lacks, workers who are not grid workers, a taken name (400, 409)', async () => {
    const grids = `/communities/${communityId}/grids`;
    const unknown = refused(
      await as('shuji').post(grids, {
        name: '第二网格',
        buildings: [{ estate: ESTATE, building: '99号楼' }],
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(unknown.message).toContain('金泰和庄 99号楼');
    const notWorker = refused(
      await as('shuji').post(grids, {
        name: '第二网格',
        buildings: [{ estate: ESTATE, building: '12号楼' }],
        workerUserIds: [userIds['yezhu-12-2-301']],
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(notWorker.details.fields).toEqual([
      {
        field: 'workerUserIds',
        problems: [`not a grid worker here: ${userIds['yezhu-12-2-301']}`],
      },
    ]);
    refused(
      await as('shuji').post(grids, { name: '第一网格', buildings: [] }),
      409,
      'ALREADY_EXISTS',
    );
    refused(
      await as('shuji').post(grids, { name: '', buildings: [{ estate: ESTATE }] }),
      400,
      'VALIDATION_FAILED',
    );
    refused(
      await as('yezhu-12-2-301').post(grids, { name: '居民网格', buildings: [] }),
      403,
      'FORBIDDEN',
    );
    refused(
      await as('wanggeyuan').post(grids, { name: '网格员网格', buildings: [] }),
      403,
      'FORBIDDEN',
    );
  });

  it('sets the admission list (200): known demand categories, no repeats', async () => {
    const path = `/grids/${gridId}/admission-list`;
    const set = await as('shuji')
      .put(path, {
        categories: ['property-service', 'environment-sanitation', 'neighbour-dispute'],
      })
      .expect(200);
    expect(set.body).toMatchObject({
      id: gridId,
      admissionList: ['property-service', 'environment-sanitation', 'neighbour-dispute'],
    });
    const list = await as('wanggeyuan').get(`/communities/${communityId}/grids`).expect(200);
    expect((list.body as { items: { admissionList: string[] }[] }).items[0]!.admissionList).toEqual(
      ['property-service', 'environment-sanitation', 'neighbour-dispute'],
    );
    for (const categories of [
      ['Property Service'],
      ['property-service', 'property-service'],
      ['property-repair'],
      [''],
      [42],
      'property-service',
    ])
      refused(await as('shuji').put(path, { categories }), 400, 'VALIDATION_FAILED');
    refused(await as('shuji').put(path, {}), 400, 'VALIDATION_FAILED');
    refused(
      await as('wanggeyuan').put(path, { categories: ['environment-sanitation'] }),
      403,
      'FORBIDDEN',
    );
    refused(
      await as('shuji').put(`/grids/${communityId}/admission-list`, { categories: [] }),
      404,
      'NOT_FOUND',
    );
    await as('shuji').put(path, { categories: [] }).expect(200);
    const { rows } = await db.pool.query(
      `SELECT data FROM audit_log WHERE action = 'grid.admission-list-set' AND entity_id = $1
        ORDER BY id`,
      [gridId],
    );
    expect(rows.map((r: { data: { after: string[] } }) => r.data.after)).toEqual([
      ['property-service', 'environment-sanitation', 'neighbour-dispute'],
      [],
    ]);
  });

  it("answers the demands ledger's reads: the grid of a building, the grids of a worker", async () => {
    const reads = platform.app.get(RegistryReads);
    expect(await reads.gridOfBuilding(communityId, ESTATE, '10号楼')).toEqual({
      id: gridId,
      name: '第一网格',
    });
    expect(await reads.gridOfBuilding(communityId, ESTATE, '12号楼')).toBeNull();
    expect(await reads.gridsOfWorker(communityId, userIds.wanggeyuan!)).toEqual([
      { id: gridId, name: '第一网格' },
    ]);
    expect(await reads.gridsOfWorker(communityId, userIds.shuji!)).toEqual([]);
  });

  it("answers a demand's intake in one read: the settings, the unit's or named place, its grid", async () => {
    const reads = platform.app.get(RegistryReads);
    const settings = await reads.settings(communityId);
    const grid = { id: gridId, name: '第一网格' };
    const named = (estate: string, building: string | null) =>
      reads.intakePlace(communityId, { place: { estate, building } });
    expect(await named(ESTATE, '10号楼')).toEqual({
      settings,
      place: { estate: ESTATE, building: '10号楼' },
      grid,
    });
    expect(await named(ESTATE, '12号楼')).toEqual({
      settings,
      place: { estate: ESTATE, building: '12号楼' },
      grid: null,
    });
    expect(await named(ESTATE, null)).toEqual({
      settings,
      place: { estate: ESTATE, building: null },
      grid: null,
    });
    expect(await reads.intakePlace(communityId, null)).toEqual({
      settings,
      place: null,
      grid: null,
    });
    // A building of the ledger with no unit in it is no place of the community's.
    await db.pool.query(
      `INSERT INTO buildings (id, estate_id, name)
       SELECT $1, id, '99号楼' FROM estates WHERE community_id = $2 AND name = $3`,
      [randomUUID(), communityId, ESTATE],
    );
    for (const [estate, building] of [
      [ESTATE, '99号楼'],
      [ESTATE, '13号楼'],
      ['别的小区', null],
      ['别的小区', '10号楼'],
    ] as const)
      expect((await named(estate, building)).place).toBeUndefined();

    const { rows } = await db.pool.query<{ id: string }>(
      `SELECT u.id FROM units u JOIN entrances n ON n.id = u.entrance_id
         JOIN buildings b ON b.id = n.building_id
        WHERE u.community_id = $1 AND b.name = '10号楼' LIMIT 1`,
      [communityId],
    );
    expect(await reads.intakePlace(communityId, { unitId: rows[0]!.id })).toEqual({
      settings,
      place: { estate: ESTATE, building: '10号楼' },
      grid,
    });
    expect(await reads.intakePlace(communityId, { unitId: randomUUID() })).toEqual({
      settings,
      place: undefined,
      grid: null,
    });
    await expect(reads.intakePlace(randomUUID(), null)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
