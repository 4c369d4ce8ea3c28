import { type QueryRunner } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { GridRobots1779760000000 as Migration } from './1779760000000-grid-robots';

/* The grid robots' migration: its down drops what its up made, so up runs again. */
describe('migration 1779760000000: grid robots', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  const runner = () => ({ query: (sql: string) => db.pool.query(sql) }) as unknown as QueryRunner;
  const tables = async () =>
    (
      await db.pool.query<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables
          WHERE table_schema = current_schema() AND table_name LIKE 'grid_robot%'
          ORDER BY 1`,
      )
    ).rows.map((r) => r.name);

  it('reverses with down and makes the two tables again with up', async () => {
    expect(await tables()).toEqual(['grid_robot_deliveries', 'grid_robots']);
    await new Migration().down(runner());
    expect(await tables()).toEqual([]);
    await new Migration().up(runner());
    expect(await tables()).toEqual(['grid_robot_deliveries', 'grid_robots']);
  });
});
