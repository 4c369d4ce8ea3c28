import { CASE_EVENT_TYPES, fold, type Case, type CaseEvent } from '@yishi/domain';
import { type Queryable, type RecordedEvent } from '@yishi/event-store';
import { ident, type Projection, type TableNames } from '@yishi/projections';
import { upgradeStoredCase } from '../case-view';
import { caseIdOf } from '../case-repository';

type Table = 'case_views';

/**
 * The case view (GET /cases/:id) and the case list (GET /communities/:id/cases): the folded state of
 * every case as jsonb, with the columns the list filters and sorts on, and the version it reflects.
 */
export const caseViewsProjection: Projection<Table> = {
  name: 'case-views',
  tables: ['case_views'],
  eventTypes: CASE_EVENT_TYPES,

  async createTables(db: Queryable, t: TableNames<Table>): Promise<void> {
    const v = t.case_views;
    await db.query(`
      CREATE TABLE IF NOT EXISTS ${ident(v)} (
        case_id      uuid PRIMARY KEY,
        community_id uuid NOT NULL,
        stage        text NOT NULL,
        status       text NOT NULL,
        opened_at    timestamptz NOT NULL,
        closed_at    timestamptz,
        version      bigint NOT NULL,
        state        jsonb NOT NULL
      );
      CREATE INDEX IF NOT EXISTS ${ident(`${v}_list`)} ON ${ident(v)} (community_id, opened_at DESC, case_id);
    `);
  },

  async apply(
    db: Queryable,
    events: readonly RecordedEvent[],
    t: TableNames<Table>,
  ): Promise<void> {
    const byCase = new Map<string, RecordedEvent[]>();
    for (const e of events) {
      const id = caseIdOf(e.streamId);
      if (id === undefined) continue;
      byCase.set(id, [...(byCase.get(id) ?? []), e]);
    }
    if (byCase.size === 0) return;
    const ids = [...byCase.keys()];
    const { rows } = await db.query<{ case_id: string; state: Case }>(
      `SELECT case_id, state FROM ${ident(t.case_views)} WHERE case_id = ANY($1::uuid[])`,
      [ids],
    );
    const current = new Map(rows.map((r) => [r.case_id, upgradeStoredCase(r.state)]));
    const next = ids.map((id) => {
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
         (case_id, community_id, stage, status, opened_at, closed_at, version, state)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[],
                            $6::timestamptz[], $7::bigint[], $8::jsonb[])
       ON CONFLICT (case_id) DO UPDATE SET
         stage = EXCLUDED.stage, status = EXCLUDED.status, closed_at = EXCLUDED.closed_at,
         version = EXCLUDED.version, state = EXCLUDED.state`,
      [
        next.map((n) => n.state.id),
        next.map((n) => n.state.communityId),
        next.map((n) => n.state.stage),
        next.map((n) => n.state.status),
        next.map((n) => n.state.openedAt),
        next.map((n) => n.state.closedAt),
        next.map((n) => n.version),
        next.map((n) => JSON.stringify(n.state)),
      ],
    );
  },
};
