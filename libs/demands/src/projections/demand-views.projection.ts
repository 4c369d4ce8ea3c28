/**
 * The ledger's read model (GET /communities/:id/demands, GET /demands/:id): each demand's folded
 * state as jsonb, with the columns the list filters, sorts, searches and shows, and the version it
 * reflects. Search (`q`) matches content and number with ILIKE, served by a pg_trgm GIN index
 * (created by the 1779800000000 migration's extension) on both.
 */
import {
  DEMAND_EVENT_LABELS,
  foldDemand,
  ledgerDueAt,
  type DemandEvent,
  type LedgerDemand,
} from '@yishi/domain';
import { type Queryable, type RecordedEvent } from '@yishi/event-store';
import { eventsByEntity, ident, type Projection, type TableNames } from '@yishi/projections';
import { demandIdOf } from '../demand-repository';

type Table = 'demand_views';

const DEMAND_EVENT_TYPES = Object.keys(DEMAND_EVENT_LABELS);

export const demandViewsProjection: Projection<Table> = {
  name: 'demand-views',
  tables: ['demand_views'],
  eventTypes: DEMAND_EVENT_TYPES,

  async createTables(db: Queryable, t: TableNames<Table>): Promise<void> {
    const v = t.demand_views;
    await db.query(`
      CREATE TABLE IF NOT EXISTS ${ident(v)} (
        demand_id        uuid PRIMARY KEY,
        community_id     uuid NOT NULL,
        number           text NOT NULL,
        content          text NOT NULL,
        category         text NOT NULL,
        status           text NOT NULL,
        grid_id          uuid,
        unit_id          uuid,
        estate           text,
        building         text,
        source           text NOT NULL,
        submitted_by     uuid NOT NULL,
        on_behalf        boolean NOT NULL,
        assigned_user_id uuid,
        received_at      timestamptz NOT NULL,
        accepted_at      timestamptz,
        closed_at        timestamptz,
        due_at           timestamptz NOT NULL,
        reopenings       integer NOT NULL,
        rating           text,
        version          bigint NOT NULL,
        state            jsonb NOT NULL
      );
      CREATE INDEX IF NOT EXISTS ${ident(`${v}_list`)}
        ON ${ident(v)} (community_id, received_at DESC, demand_id);
      CREATE INDEX IF NOT EXISTS ${ident(`${v}_search`)}
        ON ${ident(v)} USING gin ((number || ' ' || content) gin_trgm_ops);
    `);
  },

  async apply(
    db: Queryable,
    events: readonly RecordedEvent[],
    t: TableNames<Table>,
  ): Promise<void> {
    const byDemand = eventsByEntity(events, demandIdOf);
    if (byDemand.size === 0) return;
    const ids = [...byDemand.keys()];
    const { rows } = await db.query<{ demand_id: string; state: LedgerDemand }>(
      `SELECT demand_id, state FROM ${ident(t.demand_views)} WHERE demand_id = ANY($1::uuid[])`,
      [ids],
    );
    const current = new Map(rows.map((r) => [r.demand_id, r.state]));
    const next = ids.map((id) => {
      const recorded = byDemand.get(id)!;
      const state = foldDemand(
        recorded.map((r) => ({ type: r.type, data: r.data }) as DemandEvent),
        current.get(id) ?? null,
      );
      if (state === null) throw new Error(`demand ${id} folded to nothing`);
      return { state, version: recorded.at(-1)!.streamPosition };
    });
    const col = <T>(f: (d: LedgerDemand) => T): T[] => next.map((n) => f(n.state));
    await db.query(
      `INSERT INTO ${ident(t.demand_views)} AS v
         (demand_id, community_id, number, content, category, status, grid_id, unit_id, estate,
          building, source, submitted_by, on_behalf, assigned_user_id, received_at, accepted_at,
          closed_at, due_at, reopenings, rating, version, state)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[],
                            $7::uuid[], $8::uuid[], $9::text[], $10::text[], $11::text[],
                            $12::uuid[], $13::boolean[], $14::uuid[], $15::timestamptz[],
                            $16::timestamptz[], $17::timestamptz[], $18::timestamptz[],
                            $19::integer[], $20::text[], $21::bigint[], $22::jsonb[])
       ON CONFLICT (demand_id) DO UPDATE SET
         status = EXCLUDED.status, grid_id = EXCLUDED.grid_id,
         assigned_user_id = EXCLUDED.assigned_user_id, accepted_at = EXCLUDED.accepted_at,
         closed_at = EXCLUDED.closed_at, due_at = EXCLUDED.due_at,
         reopenings = EXCLUDED.reopenings, rating = EXCLUDED.rating,
         version = EXCLUDED.version, state = EXCLUDED.state`,
      [
        col((d) => d.id),
        col((d) => d.communityId),
        col((d) => d.number),
        col((d) => d.content),
        col((d) => d.category),
        col((d) => d.status),
        col((d) => d.gridId),
        col((d) => d.unitId),
        col((d) => d.place?.estate ?? null),
        col((d) => d.place?.building ?? null),
        col((d) => d.source),
        col((d) => d.submittedBy),
        col((d) => d.onBehalfOf !== null),
        col((d) => d.assignment?.userId ?? null),
        col((d) => d.receivedAt),
        col((d) => d.acceptedAt),
        col((d) => d.closure?.closedAt ?? null),
        col((d) => ledgerDueAt(d)),
        col((d) => d.reopenings),
        col((d) => d.confirmations.at(-1)?.rating ?? null),
        next.map((n) => n.version),
        col((d) => JSON.stringify(d)),
      ],
    );
  },
};
