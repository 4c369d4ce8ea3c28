/**
 * The ledger's read model (GET /communities/:id/demands, GET /demands/:id): each demand's folded
 * state as jsonb, with the columns the list filters, sorts, searches and shows, and the version it
 * reflects. What the list orders by without the clock is stored too: the status group and the
 * deadline a demand waits on (`status_group`, `due_key`, generated from the status and deadlines),
 * so `sort=due` is one index range; and the search grams of its number and content
 * (`search_grams`, demandSearchGrams) under a GIN index, for `q`. docs/demands.md, "The list at
 * 100,000 demands".
 */
import {
  DEMAND_EVENT_LABELS,
  demandSearchGrams,
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
import { upgradeStoredDemand } from '../demand-queries';
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

/**
 * `status_group`: 1 waiting on the ledger's own people (to accept, hand out, handle: their deadline
 * runs, and past it the demand is overdue), 2 waiting on someone else (the submitter's answer, the
 * case it is in), 3 finished. The migration 1779960000000 adds the same expression to a table made
 * before it.
 */
export const STATUS_GROUP_SQL = `CASE
  WHEN status IN ('received', 'accepted', 'assigned', 'refused') THEN 1
  WHEN status IN ('resolved', 'in-case') THEN 2
  ELSE 3 END`;

/** `due_key`: the deadline a demand waits on: a received one's accept deadline (or the ledger's
 * due, a hotline ticket's own being earlier), otherwise the ledger's due. */
export const DUE_KEY_SQL = `CASE WHEN status = 'received' THEN LEAST(accept_due_at, due_at) ELSE due_at END`;

/**
 * The list's indexes beyond the newest-first one: each filter and order `(community_id, <filter>,
 * <order>)`, so a filtered page and its capped count are one index range (by status, grid and
 * category newest first; the `sort=due` order: status group, deadline, receipt, id);
 * `search_grams` for `q`; and one for each part of who may see a demand (visibleDemandsSql: the
 * submitter, the assignee, the unit, the building; the grid's is the grid filter's), so the
 * ledger of a resident, a lead or an assignee is the few rows those parts find, never a scan.
 */
export function listIndexesSql(v: string): string {
  const index = (suffix: string, columns: string) =>
    `CREATE INDEX IF NOT EXISTS ${ident(`${v}_${suffix}`)} ON ${ident(v)} ${columns};`;
  return [
    index('status', '(community_id, status, received_at DESC, demand_id)'),
    index('grid', '(community_id, grid_id, received_at DESC, demand_id)'),
    index('category', '(community_id, category, received_at DESC, demand_id)'),
    index('due', '(community_id, status_group, due_key, received_at, demand_id)'),
    index('grams', 'USING gin (search_grams)'),
    index('submitter', '(submitted_by)'),
    index('assignee', '(assigned_user_id) WHERE assigned_user_id IS NOT NULL'),
    index('unit', '(unit_id) WHERE unit_id IS NOT NULL'),
    index('place', '(building, estate) WHERE building IS NOT NULL'),
  ].join('\n');
}

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
        state            jsonb NOT NULL,
        status_group     smallint NOT NULL GENERATED ALWAYS AS (${STATUS_GROUP_SQL}) STORED,
        due_key          timestamptz NOT NULL GENERATED ALWAYS AS (${DUE_KEY_SQL}) STORED,
        -- demandSearchGrams(number, content): written once, as neither ever changes.
        search_grams     text[] NOT NULL
      );
      CREATE INDEX IF NOT EXISTS ${ident(`${v}_list`)}
        ON ${ident(v)} (community_id, received_at DESC, demand_id);
      ${listIndexesSql(v)}
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
        stored === undefined ? null : upgradeStoredDemand(stored.state),
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
    // Column, type, one value per demand: written with one unnest.
    const columns: [string, string, unknown[]][] = [
      ['demand_id', 'uuid', col((d) => d.id)],
      ['community_id', 'uuid', col((d) => d.communityId)],
      ['number', 'text', col((d) => d.number)],
      ['content', 'text', col((d) => d.content)],
      ['category', 'text', col((d) => d.category)],
      ['status', 'text', col((d) => d.status)],
      ['grid_id', 'uuid', col((d) => d.gridId)],
      ['unit_id', 'uuid', col((d) => d.unitId)],
      ['estate', 'text', col((d) => d.place?.estate ?? null)],
      ['building', 'text', col((d) => d.place?.building ?? null)],
      ['source', 'text', col((d) => d.source)],
      ['submitted_by', 'uuid', col((d) => d.submittedBy)],
      ['on_behalf', 'boolean', col((d) => d.onBehalfOf !== null)],
      ['assigned_user_id', 'uuid', col((d) => d.assignment?.userId ?? null)],
      ['received_at', 'timestamptz', col((d) => d.receivedAt)],
      ['accepted_at', 'timestamptz', col((d) => d.acceptedAt)],
      ['closed_at', 'timestamptz', col((d) => d.closure?.closedAt ?? null)],
      ['due_at', 'timestamptz', col((d) => ledgerDueAt(d))],
      ['reopenings', 'integer', col((d) => d.reopenings)],
      ['rating', 'text', col((d) => d.confirmations.at(-1)?.rating ?? null)],
      ['counted', 'boolean', fact((f) => f.counted)],
      ['accept_due_at', 'timestamptz', fact((f) => f.acceptDueAt)],
      ['resolve_due_at', 'timestamptz', fact((f) => f.resolveDueAt)],
      ['seven_days_at', 'timestamptz', fact((f) => f.sevenDaysAt)],
      ['struck_off_at', 'timestamptz', fact((f) => f.struckOffAt)],
      ['answers', 'integer', fact((f) => f.answers)],
      ['satisfied_answers', 'integer', fact((f) => f.satisfiedAnswers)],
      ['late_from', 'timestamptz', fact(lateFrom)],
      ['version', 'bigint', next.map((n) => n.version)],
      ['state', 'jsonb', col((d) => JSON.stringify(d))],
    ];
    const names = columns.map(([name]) => name);
    // Number and content never change: the grams are written with the row, and only then.
    const grams = next.map((n) =>
      JSON.stringify(n.before === null ? demandSearchGrams(n.state.number, n.state.content) : []),
    );
    await db.query(
      `INSERT INTO ${ident(t.demand_views)} AS v (${names.join(', ')}, search_grams)
       SELECT ${names.map((c) => `u.${c}`).join(', ')},
              ARRAY(SELECT jsonb_array_elements_text(u.grams))
         FROM unnest(${columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')},
                     $${columns.length + 1}::jsonb[]) AS u (${names.join(', ')}, grams)
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
      [...columns.map(([, , values]) => values), grams],
    );
  },
};
