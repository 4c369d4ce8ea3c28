import { type QueryRunner } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { AccountTokensAndUsernames1779500000000 as Migration } from './1779500000000-account-tokens-and-usernames';

/*
 * The migration on accounts made before it: look-alike usernames the old index let in (full-width
 * beside ASCII) are rewritten to NFKC, the younger of two that become one keeps working under a
 * suffixed name, and the new index then refuses any further look-alike.
 */
describe('migration 1779500000000: NFKC usernames and token versions', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  const runner = () => ({ query: (sql: string) => db.pool.query(sql) }) as unknown as QueryRunner;
  const insert = (id: string, username: string, minutesAgo: number) =>
    db.pool.query(
      `INSERT INTO users (id, username, display_name, password_hash, created_at)
       VALUES ($1, $2, 'x', 'x', now() - make_interval(mins => $3))`,
      [id, username, minutesAgo],
    );

  it('rewrites existing names to NFKC, renames the younger of two look-alikes, and then refuses look-alikes', async () => {
    // The schema as it was before the migration.
    await new Migration().down(runner());
    await insert('00000000-0000-4000-8000-000000000001', 'secB', 30);
    await insert('00000000-0000-4000-8000-000000000002', 'ｓｅｃｂ', 20);
    await insert('00000000-0000-4000-8000-000000000003', 'Ｆｏｏ', 10);
    await insert('00000000-0000-4000-8000-000000000004', '张三', 5);

    await new Migration().up(runner());

    const { rows } = await db.pool.query<{ username: string; token_version: number }>(
      `SELECT username, token_version FROM users ORDER BY id`,
    );
    expect(rows).toEqual([
      { username: 'secB', token_version: 0 },
      { username: 'secb-00000000', token_version: 0 },
      { username: 'Foo', token_version: 0 },
      { username: '张三', token_version: 0 },
    ]);
    await expect(
      insert('00000000-0000-4000-8000-000000000005', 'ＳＥＣＢ', 1),
    ).rejects.toMatchObject({
      code: '23505',
      constraint: 'users_username_key',
    });
    await expect(insert('00000000-0000-4000-8000-000000000006', 'foo', 1)).rejects.toMatchObject({
      code: '23505',
    });
  });
});
