/**
 * The yardsticks' roll-up (docs/demands.md, "Counting them fast"): per community, day of receipt
 * (China Standard Time), grid, category and estate, the sums of what the yardsticks count that no
 * longer changes with the clock. The ledger's projection keeps it in step with demand_views: for
 * each demand a batch changes, it takes the old contribution away from its cell and adds the new
 * one, so a cell is always the sum over the demands it holds.
 *
 * What does change with the clock (a demand entering a denominator when a deadline passes) is
 * counted live over the open demands past a deadline, which a working ledger keeps few; see
 * demand-stats.ts.
 */
import { shanghaiDateOf, type LedgerDemand, type YardstickFacts } from '@yishi/domain';
import { type Queryable } from '@yishi/event-store';
import { ident } from '@yishi/projections';

/** The sums a cell keeps, in column order. */
export const CELL_SUMS = [
  'received',
  'struck_off',
  'reopened',
  'accepted',
  'accepted_in_time',
  'accepted_within_24h',
  'finished',
  'struck_off_within_7_days',
  'answers',
  'satisfied_answers',
] as const;
type CellSum = (typeof CELL_SUMS)[number];

export async function createCellsTable(db: Queryable, table: string): Promise<void> {
  await db.query(`
    CREATE TABLE IF NOT EXISTS ${ident(table)} (
      community_id uuid NOT NULL,
      day          date NOT NULL,
      grid_id      uuid,
      category     text NOT NULL,
      estate       text,
      ${CELL_SUMS.map((c) => `${c} integer NOT NULL`).join(',\n      ')},
      CONSTRAINT ${ident(`${table}_cell`)}
        UNIQUE NULLS NOT DISTINCT (community_id, day, grid_id, category, estate)
    )`);
}

interface Cell {
  readonly communityId: string;
  readonly day: string;
  readonly gridId: string | null;
  readonly category: string;
  readonly estate: string | null;
  readonly sums: Record<CellSum, number>;
}

const HOURS_24_MS = 24 * 3_600_000;
const ms = (iso: string): number => Date.parse(iso);

/** What one demand adds to its cell (withdrawn and merged demands count as received only). */
function contribution(d: LedgerDemand, f: YardstickFacts): Cell {
  const counted = f.counted ? 1 : 0;
  const accepted = f.acceptedAt === null ? null : ms(f.acceptedAt);
  const struckOff = f.struckOffAt === null ? null : ms(f.struckOffAt);
  return {
    communityId: d.communityId,
    day: shanghaiDateOf(d.receivedAt),
    gridId: d.gridId,
    category: d.category,
    estate: d.place?.estate ?? null,
    sums: {
      received: 1,
      struck_off: counted * Number(struckOff !== null),
      reopened: counted * f.reopenings,
      accepted: counted * Number(accepted !== null),
      accepted_in_time: counted * Number(accepted !== null && accepted <= ms(f.acceptDueAt)),
      accepted_within_24h:
        counted * Number(accepted !== null && accepted - ms(f.receivedAt) <= HOURS_24_MS),
      finished: counted * Number(f.finished),
      struck_off_within_7_days:
        counted * Number(struckOff !== null && struckOff <= ms(f.sevenDaysAt)),
      answers: counted * f.answers,
      satisfied_answers: counted * f.satisfiedAnswers,
    },
  };
}

const NOTHING = Object.fromEntries(CELL_SUMS.map((s) => [s, 0])) as Record<CellSum, number>;

const keyOf = (c: Cell): string =>
  JSON.stringify([c.communityId, c.day, c.gridId, c.category, c.estate]);

/**
 * Moves the cells by what a batch changed: each demand's old contribution (`before`, absent for a
 * new demand) out, its new one in; one statement for the batch. The old facts are the ones stored
 * beside the demand, not computed again: a calendar that learnt a new year's holidays would
 * compute another seven-day line and take away what was never added.
 */
export async function moveCells(
  db: Queryable,
  table: string,
  changes: readonly {
    readonly before: { readonly demand: LedgerDemand; readonly facts: YardstickFacts } | null;
    readonly after: { readonly demand: LedgerDemand; readonly facts: YardstickFacts };
  }[],
): Promise<void> {
  const deltas = new Map<string, Cell>();
  const add = (c: Cell, sign: 1 | -1): void => {
    const key = keyOf(c);
    const into = deltas.get(key) ?? { ...c, sums: { ...NOTHING } };
    for (const s of CELL_SUMS) into.sums[s] += sign * c.sums[s];
    deltas.set(key, into);
  };
  for (const { before, after } of changes) {
    if (before !== null) add(contribution(before.demand, before.facts), -1);
    add(contribution(after.demand, after.facts), 1);
  }
  const cells = [...deltas.values()].filter((c) => CELL_SUMS.some((s) => c.sums[s] !== 0));
  if (cells.length === 0) return;
  const column = <T>(f: (c: Cell) => T): T[] => cells.map(f);
  await db.query(
    `INSERT INTO ${ident(table)} AS c
       (community_id, day, grid_id, category, estate, ${CELL_SUMS.join(', ')})
     SELECT * FROM unnest($1::uuid[], $2::date[], $3::uuid[], $4::text[], $5::text[],
                          ${CELL_SUMS.map((_, i) => `$${i + 6}::integer[]`).join(', ')})
     ON CONFLICT (community_id, day, grid_id, category, estate) DO UPDATE SET
       ${CELL_SUMS.map((s) => `${s} = c.${s} + EXCLUDED.${s}`).join(',\n       ')}`,
    [
      column((c) => c.communityId),
      column((c) => c.day),
      column((c) => c.gridId),
      column((c) => c.category),
      column((c) => c.estate),
      ...CELL_SUMS.map((s) => column((c) => c.sums[s])),
    ],
  );
}
