import { type MigrationInterface, type QueryRunner } from 'typeorm';
// The file, not the @yishi/domain alias: jest's global setup runs the migrations without aliases.
import { demandSearchGrams } from '../../../domain/src/demand/search-grams';

/** Demands per statement while the search grams are filled in. */
const BATCH = 2_000;

/**
 * The ledger's list at 100,000 demands (docs/demands.md, "The list at 100,000 demands"), on a
 * `demand_views` made before it; a fresh database has no such table yet, and the ledger's projection
 * creates it with all of this:
 * - `status_group` and `due_key`, generated from the status and the deadlines (the order of
 *   `sort=due` without the clock: waiting 1, elsewhere 2, finished 3; the deadline waited on);
 * - `search_grams`, the 1-, 2- and 3-character grams of number and content (demandSearchGrams, the
 *   same function the projection writes them with), filled here for the rows there are;
 * - an index per filter and order of the list, one per part of who may see a demand, and a GIN
 *   index on the grams, in place of the pg_trgm index (pg_trgm finds no trigram in Chinese under
 *   the C locale). The extension stays.
 * The expressions are copies of the projection's (demand-views.projection.ts) as they stand now.
 */
export class DemandListKeys1779960000000 implements MigrationInterface {
  name = 'DemandListKeys1779960000000';

  async up(q: QueryRunner): Promise<void> {
    const [{ present }] = (await q.query(
      `SELECT to_regclass('demand_views') IS NOT NULL AS present`,
    )) as [{ present: boolean }];
    if (!present) return;
    await q.query(`
      ALTER TABLE demand_views
        ADD COLUMN IF NOT EXISTS status_group smallint NOT NULL GENERATED ALWAYS AS (CASE
          WHEN status IN ('received', 'accepted', 'assigned', 'refused') THEN 1
          WHEN status IN ('resolved', 'in-case') THEN 2
          ELSE 3 END) STORED,
        ADD COLUMN IF NOT EXISTS due_key timestamptz NOT NULL GENERATED ALWAYS AS
          (CASE WHEN status = 'received' THEN LEAST(accept_due_at, due_at) ELSE due_at END) STORED,
        ADD COLUMN IF NOT EXISTS search_grams text[];
    `);
    for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
      const rows = (await q.query(
        `SELECT demand_id, number, content FROM demand_views
          WHERE demand_id > $1 ORDER BY demand_id LIMIT ${BATCH}`,
        [after],
      )) as { demand_id: string; number: string; content: string }[];
      if (rows.length === 0) break;
      await q.query(
        `UPDATE demand_views v SET search_grams = ARRAY(SELECT jsonb_array_elements_text(u.grams))
           FROM unnest($1::uuid[], $2::jsonb[]) AS u (demand_id, grams)
          WHERE v.demand_id = u.demand_id`,
        [
          rows.map((r) => r.demand_id),
          rows.map((r) => JSON.stringify(demandSearchGrams(r.number, r.content))),
        ],
      );
      after = rows.at(-1)!.demand_id;
    }
    await q.query(`
      ALTER TABLE demand_views ALTER COLUMN search_grams SET NOT NULL;
      DROP INDEX IF EXISTS demand_views_search;
      CREATE INDEX IF NOT EXISTS demand_views_status
        ON demand_views (community_id, status, received_at DESC, demand_id);
      CREATE INDEX IF NOT EXISTS demand_views_grid
        ON demand_views (community_id, grid_id, received_at DESC, demand_id);
      CREATE INDEX IF NOT EXISTS demand_views_category
        ON demand_views (community_id, category, received_at DESC, demand_id);
      CREATE INDEX IF NOT EXISTS demand_views_due
        ON demand_views (community_id, status_group, due_key, received_at, demand_id);
      CREATE INDEX IF NOT EXISTS demand_views_grams ON demand_views USING gin (search_grams);
      CREATE INDEX IF NOT EXISTS demand_views_submitter ON demand_views (submitted_by);
      CREATE INDEX IF NOT EXISTS demand_views_assignee
        ON demand_views (assigned_user_id) WHERE assigned_user_id IS NOT NULL;
      CREATE INDEX IF NOT EXISTS demand_views_unit
        ON demand_views (unit_id) WHERE unit_id IS NOT NULL;
      CREATE INDEX IF NOT EXISTS demand_views_place
        ON demand_views (building, estate) WHERE building IS NOT NULL;
      ANALYZE demand_views;
    `);
  }

  /** Back to the trigram index, where pg_trgm is there to build it. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      BEGIN
        IF to_regclass('demand_views') IS NULL THEN RETURN; END IF;
        DROP INDEX IF EXISTS demand_views_status, demand_views_grid, demand_views_category,
          demand_views_submitter, demand_views_assignee, demand_views_unit, demand_views_place;
        ALTER TABLE demand_views
          DROP COLUMN IF EXISTS status_group,
          DROP COLUMN IF EXISTS due_key,
          DROP COLUMN IF EXISTS search_grams;
        IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
          CREATE INDEX IF NOT EXISTS demand_views_search
            ON demand_views USING gin ((number || ' ' || content) gin_trgm_ops);
        END IF;
      END $$;
    `);
  }
}
