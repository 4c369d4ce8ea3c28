import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Issue 23, step 5 (docs/procedure.md, "Parties scoped to estates, case workers"):
 * - `memberships.estates`: the estates (小区, by name) a member is scoped to; empty, as every
 *   membership has it now, is the whole community;
 * - `case_views.handler_id`, the case's handler (经办人), for the case list's `?handler=`, on a
 *   `case_views` made before it (a fresh database has none yet, and the case-views projection
 *   creates it with the column and its index). No case has a handler before this, so null is right
 *   for every row there is.
 */
export class EstateScopesAndCaseHandlers1781200000000 implements MigrationInterface {
  name = 'EstateScopesAndCaseHandlers1781200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE memberships ADD COLUMN estates text[] NOT NULL DEFAULT '{}'`);
    const [{ present }] = (await q.query(
      `SELECT to_regclass('case_views') IS NOT NULL AS present`,
    )) as [{ present: boolean }];
    if (!present) return;
    await q.query(`
      ALTER TABLE case_views ADD COLUMN IF NOT EXISTS handler_id uuid;
      CREATE INDEX IF NOT EXISTS case_views_handler ON case_views (community_id, handler_id, opened_at DESC)
        WHERE handler_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX IF EXISTS case_views_handler;
      ALTER TABLE IF EXISTS case_views DROP COLUMN IF EXISTS handler_id;
      ALTER TABLE memberships DROP COLUMN estates;
    `);
  }
}
