import { type QueryRunner } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { EstateScopesAndCaseHandlers1781200000000 as Migration } from './1781200000000-estate-scopes-and-case-handlers';

/*
 * The migration on a database made before it: every membership there is scoped to the whole
 * community (no estates), and a `case_views` the case-views projection made before gains the
 * handler column, null (no case had a handler); without a `case_views` it does nothing more (the
 * projection makes the table with it). Its down leaves the schema as it was, so up runs again.
 */
describe('migration 1781200000000: estate scopes and case handlers', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  // As TypeORM's runner answers: the rows (of a single statement).
  const runner = () =>
    ({
      query: async (sql: string, params?: unknown[]) => {
        const result: unknown = await db.pool.query(sql, params);
        return Array.isArray(result) ? (result as unknown[]) : (result as { rows: unknown[] }).rows;
      },
    }) as unknown as QueryRunner;
  const columns = async (table: string) =>
    (
      await db.pool.query<{ name: string }>(
        `SELECT column_name AS name FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name = $1 ORDER BY 1`,
        [table],
      )
    ).rows.map((r) => r.name);

  it('scopes every existing membership to the whole community, and gives case_views its handler', async () => {
    await new Migration().down(runner());
    expect(await columns('memberships')).not.toContain('estates');
    const { rows: users } = await db.pool.query<{ id: string }>(
      `INSERT INTO users (id, username, display_name, password_hash)
       VALUES (gen_random_uuid(), 'before-scopes', 'x', 'x') RETURNING id`,
    );
    const { rows: communities } = await db.pool.query<{ id: string }>(
      `INSERT INTO communities (id, name) VALUES (gen_random_uuid(), '迁移社区') RETURNING id`,
    );
    await db.pool.query(
      `INSERT INTO memberships (community_id, user_id, roles, party)
       VALUES ($1, $2, '{party-member}', 'property-company')`,
      [communities[0]!.id, users[0]!.id],
    );
    // Without case_views, the migration leaves it to the projection.
    await new Migration().up(runner());
    expect(await columns('case_views')).toEqual([]);
    const { rows } = await db.pool.query(`SELECT estates FROM memberships WHERE user_id = $1`, [
      users[0]!.id,
    ]);
    expect(rows).toEqual([{ estates: [] }]);

    // A case_views made before the migration (the projection's table as it was).
    await new Migration().down(runner());
    await db.pool.query(`
      CREATE TABLE case_views (
        case_id uuid PRIMARY KEY, community_id uuid NOT NULL, stage text NOT NULL,
        status text NOT NULL, opened_at timestamptz NOT NULL, closed_at timestamptz,
        version bigint NOT NULL, state jsonb NOT NULL
      );
      INSERT INTO case_views VALUES (gen_random_uuid(), gen_random_uuid(), 'gathering', 'open',
        now(), NULL, 1, '{}');
    `);
    await new Migration().up(runner());
    expect(await columns('case_views')).toContain('handler_id');
    const { rows: views } = await db.pool.query(`SELECT handler_id FROM case_views`);
    expect(views).toEqual([{ handler_id: null }]);
    await new Migration().down(runner());
    expect(await columns('case_views')).not.toContain('handler_id');
    await new Migration().up(runner());
    await db.pool.query(`DROP TABLE case_views`);
  });
});
