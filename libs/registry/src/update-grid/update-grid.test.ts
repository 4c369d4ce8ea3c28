import { type Server } from 'node:http';
import { type TestDatabase } from '../../../../test/support/database';
import { httpActors } from '../../../../test/support/http-actors';
import { startDemoPlatform, type TestPlatform } from '../../../../test/support/platform';

/*
 * Changing and deleting grids over HTTP on the demo platform: PATCH under the rules of a new grid
 * (one grid per building, the ledger's buildings, grid workers), DELETE only of an empty grid, and
 * a worker who loses the role or the membership leaves the grid's workers.
 */
const ESTATE = '金泰和庄';
const HAN = /\p{Script=Han}/u;

interface Grid {
  id: string;
  name: string;
  buildings: { estate: string; building: string }[];
  workers: { userId: string; displayName: string }[];
  admissionList: string[];
}

describe('grids: rename, change, delete (HTTP, real PostgreSQL)', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let communityId: string;
  let a: string;
  let b: string;
  const { as, signIn, userIds } = httpActors(() => server);

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
  const grids = async (): Promise<Grid[]> =>
    (
      (await as('shuji').get(`/communities/${communityId}/grids`).expect(200)).body as {
        items: Grid[];
      }
    ).items;
  const building = (name: string) => ({ estate: ESTATE, building: name });

  beforeAll(async () => {
    ({ db, platform, server } = await startDemoPlatform('update-grid'));
    await signIn('shuji', 'wanggeyuan', 'loudongzhang');
    const me = await as('shuji').get('/me').expect(200);
    communityId = (me.body as { memberships: { communityId: string }[] }).memberships[0]!
      .communityId;
    const create = async (name: string, buildings: string[]) =>
      (
        (
          await as('shuji')
            .post(`/communities/${communityId}/grids`, {
              name,
              buildings: buildings.map(building),
            })
            .expect(201)
        ).body as { id: string }
      ).id;
    a = await create('东网格', ['10号楼']);
    b = await create('西网格', ['11号楼']);
  });
  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  it('renames a grid and replaces its buildings and workers (200), audited', async () => {
    const res = await as('shuji')
      .patch(`/grids/${a}`, {
        name: '东一网格',
        buildings: [building('12号楼'), building('10号楼')],
        workerUserIds: [userIds.wanggeyuan],
      })
      .expect(200);
    expect(res.body).toEqual({
      id: a,
      name: '东一网格',
      buildings: [building('10号楼'), building('12号楼')],
      workers: [{ userId: userIds.wanggeyuan, displayName: '吴网格员' }],
      admissionList: [],
      robot: null,
    });
    // A patch names only what changes.
    await as('shuji').patch(`/grids/${a}`, {}).expect(200);
    expect((await grids()).find((g) => g.id === a)).toEqual(res.body);
    const { rows } = await db.pool.query<{ data: { before: Grid; after: Grid } }>(
      `SELECT data FROM audit_log WHERE action = 'grid.updated' AND entity_id = $1 ORDER BY id`,
      [a],
    );
    expect(rows[0]!.data.before.name).toBe('东网格');
    expect(rows[0]!.data.after.name).toBe('东一网格');
  });

  it('refuses what a new grid may not have, and changes nothing then (409, 400)', async () => {
    const taken = await refused(
      as('shuji').patch(`/grids/${a}`, { buildings: [building('10号楼'), building('11号楼')] }),
      409,
      'ALREADY_EXISTS',
    );
    expect(taken.message).toContain('金泰和庄 11号楼');
    expect(taken.message).toContain('西网格');
    await refused(as('shuji').patch(`/grids/${a}`, { name: '西网格' }), 409, 'ALREADY_EXISTS');
    await refused(
      as('shuji').patch(`/grids/${a}`, { buildings: [building('13号楼')] }),
      400,
      'VALIDATION_FAILED',
    );
    await refused(
      as('shuji').patch(`/grids/${a}`, { workerUserIds: [userIds.loudongzhang] }),
      400,
      'VALIDATION_FAILED',
    );
    await refused(as('shuji').patch(`/grids/${a}`, { name: 42 }), 400, 'VALIDATION_FAILED');
    await refused(as('wanggeyuan').patch(`/grids/${a}`, { name: '改名' }), 403, 'FORBIDDEN');
    const after = (await grids()).find((g) => g.id === a)!;
    expect(after.name).toBe('东一网格');
    expect(after.buildings).toEqual([building('10号楼'), building('12号楼')]);
    expect(after.workers).toHaveLength(1);
  });

  it('moves a building from one grid to another in two steps', async () => {
    await as('shuji').patch(`/grids/${b}`, { buildings: [] }).expect(200);
    await as('shuji')
      .patch(`/grids/${a}`, { buildings: [building('10号楼'), building('11号楼')] })
      .expect(200);
    expect((await grids()).find((g) => g.id === a)!.buildings).toEqual([
      building('10号楼'),
      building('11号楼'),
    ]);
  });

  it('deletes only a grid without buildings (409 NOT_EMPTY, else 204), then 404', async () => {
    const full = await refused(as('shuji').delete(`/grids/${a}`), 409, 'NOT_EMPTY');
    expect(full.message).toContain('东一网格');
    await refused(as('wanggeyuan').delete(`/grids/${b}`), 403, 'FORBIDDEN');
    await as('shuji').delete(`/grids/${b}`).expect(204);
    expect((await grids()).map((g) => g.id)).toEqual([a]);
    await refused(as('shuji').delete(`/grids/${b}`), 404, 'NOT_FOUND');
    await refused(as('shuji').patch(`/grids/${b}`, { name: '复活' }), 404, 'NOT_FOUND');
    const { rowCount } = await db.pool.query(
      `SELECT 1 FROM audit_log WHERE action = 'grid.deleted' AND entity_id = $1`,
      [b],
    );
    expect(rowCount).toBe(1);
  });

  it('lists as workers only members who still hold the grid-worker role', async () => {
    const members = `/communities/${communityId}/memberships/${userIds.wanggeyuan}`;
    await as('shuji')
      .patch(members, { roles: ['building-lead'] })
      .expect(200);
    expect((await grids()).find((g) => g.id === a)!.workers).toEqual([]);
    await as('shuji')
      .patch(members, { roles: ['grid-worker'] })
      .expect(200);
    expect((await grids()).find((g) => g.id === a)!.workers).toHaveLength(1);
  });
});
