import { type QueryRunner } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { Open3111779900000000 as Migration } from './1779900000000-open311';

/* The Open311 migration: its down drops what its up made, so up runs again. */
describe('migration 1779900000000: Open311 keys and requests', () => {
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
          WHERE table_schema = current_schema() AND table_name LIKE 'open311%'
          ORDER BY 1`,
      )
    ).rows.map((r) => r.name);

  it('reverses with down and makes the two tables again with up', async () => {
    expect(await tables()).toEqual(['open311_keys', 'open311_requests']);
    await new Migration().down(runner());
    expect(await tables()).toEqual([]);
    await new Migration().up(runner());
    expect(await tables()).toEqual(['open311_keys', 'open311_requests']);
  });
});
