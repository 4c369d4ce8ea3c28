/**
 * The ledger's read model (GET /communities/:id/demands, GET /demands/:id): each demand's folded
 * state as jsonb, with the columns the list filters, sorts, searches and shows, and the version it
 * reflects. Search (`q`) matches content and number with ILIKE, served by a pg_trgm GIN index
 * (created by the 1779800000000 migration's extension) on both.
 */
import {
  DEMAND_EVENT_LABELS,
  demandSummaryOf,
  foldDemand,
  ledgerDueAt,
  yardstickFactsOf,
  type DemandEvent,
  type LedgerDemand,
  type YardstickFacts,
} from '@yishi/domain';
import { type Queryable, type RecordedEvent } from '@yishi/event-store';
import { eventsByEntity, ident, type Projection, type TableNames } from '@yishi/projections';
import { demandIdOf } from '../demand-repository';
import { createCellsTable, moveCells } from './demand-stats-cells';

type Table = 'demand_views' | 'demand_stats_cells';

interface StoredRow {
  demand_id: string;
  state: LedgerDemand;
  counted: boolean;
  accept_due_at: Date;
  resolve_due_at: Date;
  seven_days_at: Date;
  struck_off_at: Date | null;
  answers: number;
  satisfied_answers: number;
}

/**
 * The first line whose passing puts the demand into a denominator it is not in yet: accept by and
 * 24 hours while not accepted (finished or not: a demand closed with its case unaccepted still
 * counts there), resolve by and seven working days while not finished; null when no clock can
 * move it (the statistics count the rest from the roll-up).
 */
function lateFrom(f: YardstickFacts): string | null {
  if (!f.counted) return null;
  const lines: string[] = [];
  if (f.acceptedAt === null)
    lines.push(f.acceptDueAt, new Date(Date.parse(f.receivedAt) + 24 * 3_600_000).toISOString());
  if (!f.finished) lines.push(f.resolveDueAt, f.sevenDaysAt);
  return lines.length === 0
    ? null
    : lines.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
}

/** The facts stored beside a demand when it was last written (see moveCells). */
const storedFacts = (r: StoredRow): YardstickFacts => ({
  counted: r.counted,
  receivedAt: r.state.receivedAt,
  acceptDueAt: r.accept_due_at.toISOString(),
  acceptedAt: r.state.acceptedAt,
  resolveDueAt: r.resolve_due_at.toISOString(),
  sevenDaysAt: r.seven_days_at.toISOString(),
  finished: r.state.status === 'closed',
  struckOffAt: r.struck_off_at?.toISOString() ?? null,
  answers: r.answers,
  satisfiedAnswers: r.satisfied_answers,
  reopenings: r.state.reopenings,
});

const DEMAND_EVENT_TYPES = Object.keys(DEMAND_EVENT_LABELS);

export const demandViewsProjection: Projection<Table> = {
  name: 'demand-views',
  tables: ['demand_views', 'demand_stats_cells'],
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
        -- What the yardsticks count (YardstickFacts), so the statistics are one SQL aggregate.
        counted          boolean NOT NULL,
        accept_due_at    timestamptz NOT NULL,
        resolve_due_at   timestamptz NOT NULL,
        seven_days_at    timestamptz NOT NULL,
        struck_off_at    timestamptz,
        answers          integer NOT NULL,
        satisfied_answers integer NOT NULL,
        -- When the clock first moves it into a yardstick's denominator (lateFrom): the
        -- statistics count the demands past it live (demand-stats.ts).
        late_from        timestamptz,
        version          bigint NOT NULL,
        state            jsonb NOT NULL
      );
      CREATE INDEX IF NOT EXISTS ${ident(`${v}_list`)}
        ON ${ident(v)} (community_id, received_at DESC, demand_id);
      CREATE INDEX IF NOT EXISTS ${ident(`${v}_search`)}
        ON ${ident(v)} USING gin ((number || ' ' || content) gin_trgm_ops);
      CREATE INDEX IF NOT EXISTS ${ident(`${v}_late`)}
        ON ${ident(v)} (community_id, late_from) WHERE late_from IS NOT NULL;
    `);
    await createCellsTable(db, t.demand_stats_cells);
  },

  async apply(
    db: Queryable,
    events: readonly RecordedEvent[],
    t: TableNames<Table>,
  ): Promise<void> {
    const byDemand = eventsByEntity(events, demandIdOf);
    if (byDemand.size === 0) return;
    const ids = [...byDemand.keys()];
    const { rows } = await db.query<StoredRow>(
      `SELECT demand_id, state, counted, accept_due_at, resolve_due_at, seven_days_at,
              struck_off_at, answers, satisfied_answers
         FROM ${ident(t.demand_views)} WHERE demand_id = ANY($1::uuid[])`,
      [ids],
    );
    const current = new Map(rows.map((r) => [r.demand_id, r]));
    const next = ids.map((id) => {
      const recorded = byDemand.get(id)!;
      const stored = current.get(id);
      const state = foldDemand(
        recorded.map((r) => ({ type: r.type, data: r.data }) as DemandEvent),
        stored?.state ?? null,
      );
      if (state === null) throw new Error(`demand ${id} folded to nothing`);
      return {
        state,
        facts: yardstickFactsOf(demandSummaryOf(state)),
        before: stored === undefined ? null : { demand: stored.state, facts: storedFacts(stored) },
        version: recorded.at(-1)!.streamPosition,
      };
    });
    await moveCells(
      db,
      t.demand_stats_cells,
      next.map((n) => ({ before: n.before, after: { demand: n.state, facts: n.facts } })),
    );
    const col = <T>(f: (d: LedgerDemand) => T): T[] => next.map((n) => f(n.state));
    const fact = <T>(f: (d: YardstickFacts) => T): T[] => next.map((n) => f(n.facts));
    await db.query(
      `INSERT INTO ${ident(t.demand_views)} AS v
         (demand_id, community_id, number, content, category, status, grid_id, unit_id, estate,
          building, source, submitted_by, on_behalf, assigned_user_id, received_at, accepted_at,
          closed_at, due_at, reopenings, rating, counted, accept_due_at, resolve_due_at,
          seven_days_at, struck_off_at, answers, satisfied_answers, late_from, version, state)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[],
                            $7::uuid[], $8::uuid[], $9::text[], $10::text[], $11::text[],
                            $12::uuid[], $13::boolean[], $14::uuid[], $15::timestamptz[],
                            $16::timestamptz[], $17::timestamptz[], $18::timestamptz[],
                            $19::integer[], $20::text[], $21::boolean[], $22::timestamptz[],
                            $23::timestamptz[], $24::timestamptz[], $25::timestamptz[],
                            $26::integer[], $27::integer[], $28::timestamptz[], $29::bigint[],
                            $30::jsonb[])
       ON CONFLICT (demand_id) DO UPDATE SET
         status = EXCLUDED.status, grid_id = EXCLUDED.grid_id,
         assigned_user_id = EXCLUDED.assigned_user_id, accepted_at = EXCLUDED.accepted_at,
         closed_at = EXCLUDED.closed_at, due_at = EXCLUDED.due_at,
         reopenings = EXCLUDED.reopenings, rating = EXCLUDED.rating,
         counted = EXCLUDED.counted, accept_due_at = EXCLUDED.accept_due_at,
         resolve_due_at = EXCLUDED.resolve_due_at, struck_off_at = EXCLUDED.struck_off_at,
         answers = EXCLUDED.answers, satisfied_answers = EXCLUDED.satisfied_answers,
         late_from = EXCLUDED.late_from,
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
        fact((f) => f.counted),
        fact((f) => f.acceptDueAt),
        fact((f) => f.resolveDueAt),
        fact((f) => f.sevenDaysAt),
        fact((f) => f.struckOffAt),
        fact((f) => f.answers),
        fact((f) => f.satisfiedAnswers),
        fact(lateFrom),
        next.map((n) => n.version),
        col((d) => JSON.stringify(d)),
      ],
    );
  },
};
