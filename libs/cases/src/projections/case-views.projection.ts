import { CASE_EVENT_TYPES, fold, type Case, type CaseEvent } from '@yishi/domain';
import { type Queryable, type RecordedEvent } from '@yishi/event-store';
import { eventsByEntity, ident, type Projection, type TableNames } from '@yishi/projections';
import { upgradeStoredCase } from '../case-view';
import { caseIdOf } from '../case-repository';
import { statFactsOf } from '../stats/stats';

type Table = 'case_views' | 'case_stats';

interface Folded {
  readonly state: Case;
  readonly version: number;
}

interface StoredView {
  readonly case_id: string;
  readonly state: Case;
  readonly version: string;
}

/** Cases per statement when `upgrade` fills `case_stats` from `case_views`. */
const FILL_BATCH = 500;

/**
 * The case view (GET /cases/:id) and the case list (GET /communities/:id/cases): the folded state of
 * every case as jsonb, with the columns the list filters and sorts on (stage, status, handler), and
 * the version it reflects.
 *
 * And, from the same fold in the same transaction, `case_stats`: each case's statistics facts
 * (`statFactsOf`), with the columns GET /communities/:id/stats filters on. One fold per event for
 * both, and a case read back closed is counted closed.
 */
export const caseViewsProjection: Projection<Table> = {
  name: 'case-views',
  tables: ['case_views', 'case_stats'],
  eventTypes: CASE_EVENT_TYPES,

  async createTables(db: Queryable, t: TableNames<Table>): Promise<void> {
    const v = t.case_views;
    const s = t.case_stats;
    await db.query(`
      CREATE TABLE IF NOT EXISTS ${ident(v)} (
        case_id      uuid PRIMARY KEY,
        community_id uuid NOT NULL,
        stage        text NOT NULL,
        status       text NOT NULL,
        opened_at    timestamptz NOT NULL,
        closed_at    timestamptz,
        version      bigint NOT NULL,
        state        jsonb NOT NULL,
        handler_id   uuid
      );
      CREATE INDEX IF NOT EXISTS ${ident(`${v}_list`)} ON ${ident(v)} (community_id, opened_at DESC, case_id);
      CREATE INDEX IF NOT EXISTS ${ident(`${v}_handler`)} ON ${ident(v)} (community_id, handler_id, opened_at DESC)
        WHERE handler_id IS NOT NULL;
      CREATE TABLE IF NOT EXISTS ${ident(s)} (
        case_id      uuid PRIMARY KEY,
        community_id uuid NOT NULL,
        estate       text NOT NULL,
        opened_at    timestamptz NOT NULL,
        version      bigint NOT NULL,
        facts        jsonb NOT NULL
      );
      CREATE INDEX IF NOT EXISTS ${ident(`${s}_cohort`)} ON ${ident(s)} (community_id, opened_at, case_id);
    `);
  },

  async apply(
    db: Queryable,
    events: readonly RecordedEvent[],
    t: TableNames<Table>,
  ): Promise<void> {
    const byCase = eventsByEntity(events, caseIdOf);
    if (byCase.size === 0) return;
    const ids = [...byCase.keys()];
    const { rows } = await db.query<{ case_id: string; state: Case }>(
      `SELECT case_id, state FROM ${ident(t.case_views)} WHERE case_id = ANY($1::uuid[])`,
      [ids],
    );
    const current = new Map(rows.map((r) => [r.case_id, upgradeStoredCase(r.state)]));
    const next = ids.map((id): Folded => {
      const recorded = byCase.get(id) ?? [];
      const state = fold(
        recorded.map((r) => ({ type: r.type, data: r.data }) as CaseEvent),
        current.get(id) ?? null,
      );
      if (state === null) throw new Error(`case ${id} folded to nothing`);
      return { state, version: recorded.at(-1)?.streamPosition ?? 0 };
    });
    await db.query(
      `INSERT INTO ${ident(t.case_views)} AS v
         (case_id, community_id, stage, status, opened_at, closed_at, version, state, handler_id)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[],
                            $6::timestamptz[], $7::bigint[], $8::jsonb[], $9::uuid[])
       ON CONFLICT (case_id) DO UPDATE SET
         stage = EXCLUDED.stage, status = EXCLUDED.status, closed_at = EXCLUDED.closed_at,
         version = EXCLUDED.version, state = EXCLUDED.state, handler_id = EXCLUDED.handler_id`,
      [
        next.map((n) => n.state.id),
        next.map((n) => n.state.communityId),
        next.map((n) => n.state.stage),
        next.map((n) => n.state.status),
        next.map((n) => n.state.openedAt),
        next.map((n) => n.state.closedAt),
        next.map((n) => n.version),
        next.map((n) => JSON.stringify(n.state)),
        next.map((n) => n.state.handlerId),
      ],
    );
    await writeStats(db, t.case_stats, next);
  },

  /**
   * `case_stats` came after `case_views` had run: the checkpoint will not replay the cases it holds,
   * so their facts come from the states it stored (the same fold). Cheap when nothing is missing:
   * one anti-join on the primary keys that finds no row.
   */
  async upgrade(db: Queryable, t: TableNames<Table>): Promise<number> {
    let filled = 0;
    let after: string | null = null;
    for (;;) {
      const { rows }: { rows: StoredView[] } = await db.query<StoredView>(
        `SELECT v.case_id, v.state, v.version FROM ${ident(t.case_views)} v
          WHERE ($1::uuid IS NULL OR v.case_id > $1)
            AND NOT EXISTS (SELECT 1 FROM ${ident(t.case_stats)} s WHERE s.case_id = v.case_id)
          ORDER BY v.case_id LIMIT ${FILL_BATCH}`,
        [after],
      );
      if (rows.length === 0) return filled;
      await writeStats(
        db,
        t.case_stats,
        rows.map((r) => ({ state: upgradeStoredCase(r.state), version: Number(r.version) })),
      );
      filled += rows.length;
      after = rows[rows.length - 1]!.case_id;
    }
  },
};

/** One statement for a batch of cases' statistics facts. */
async function writeStats(db: Queryable, table: string, cases: readonly Folded[]): Promise<void> {
  await db.query(
    `INSERT INTO ${ident(table)} AS s (case_id, community_id, estate, opened_at, version, facts)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::bigint[],
                          $6::jsonb[])
     ON CONFLICT (case_id) DO UPDATE SET
       estate = EXCLUDED.estate, version = EXCLUDED.version, facts = EXCLUDED.facts`,
    [
      cases.map((n) => n.state.id),
      cases.map((n) => n.state.communityId),
      cases.map((n) => n.state.scope.estate),
      cases.map((n) => n.state.openedAt),
      cases.map((n) => n.version),
      cases.map((n) => JSON.stringify(statFactsOf(n.state))),
    ],
  );
}
