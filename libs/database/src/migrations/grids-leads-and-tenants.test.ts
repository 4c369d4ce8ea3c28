import { type QueryRunner } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { GridsLeadsAndTenants1779700000000 as Migration } from './1779700000000-grids-leads-and-tenants';
import { GridRobots1779760000000 as Later } from './1779760000000-grid-robots';

/*
 * The migration on memberships made before it: every resident becomes an owner (nothing existing
 * changes), and its down leaves the schema as it was, so up runs again. The migration after it,
 * whose tables refer to grids, is reversed first and made again at the end.
 */
describe('migration 1779700000000: grids, leads and tenants', () => {
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
          WHERE table_schema = current_schema()
            AND table_name IN ('grids', 'grid_buildings', 'grid_workers', 'unit_leads')
          ORDER BY 1`,
      )
    ).rows.map((r) => r.name);

  it('reverses with down, and makes every existing membership an owner on up', async () => {
    await new Later().down(runner());
    await new Migration().down(runner());
    expect(await tables()).toEqual([]);
    const { rows: users } = await db.pool.query<{ id: string }>(
      `INSERT INTO users (id, username, display_name, password_hash)
       VALUES (gen_random_uuid(), 'before-grids', 'x', 'x') RETURNING id`,
    );
    const { rows: communities } = await db.pool.query<{ id: string }>(
      `INSERT INTO communities (id, name) VALUES (gen_random_uuid(), '迁移社区') RETURNING id`,
    );
    await db.pool.query(
      `INSERT INTO memberships (community_id, user_id, roles) VALUES ($1, $2, '{resident}')`,
      [communities[0]!.id, users[0]!.id],
    );

    await new Migration().up(runner());
    await new Later().up(runner());

    expect(await tables()).toEqual(['grid_buildings', 'grid_workers', 'grids', 'unit_leads']);
    const { rows } = await db.pool.query(`SELECT occupancy FROM memberships WHERE user_id = $1`, [
      users[0]!.id,
    ]);
    expect(rows).toEqual([{ occupancy: 'owner' }]);
  });
});
