/**
 * The ledger's yardsticks for the community statistics: the demands received in [from, to) (of
 * one estate or all), by the rules of the domain's `demandYardsticks` (docs/demands.md, "The
 * yardsticks"; demand-stats.test.ts checks the two agree), for the whole scope and per grid,
 * category and estate, each in one pass (GROUPING SETS), and per property company: the estates'
 * counts added up by the company each estate names in the registry now (estates without one
 * together, under null), so naming a company regroups the past too and the roll-up keeps its keys:
 * - the whole days of the range (China Standard Time) from the roll-up (demand-stats-cells.ts),
 *   plus the demands of those days that the clock has moved into a denominator since (`late_from`
 *   passed: open past a deadline, or closed never accepted), counted live;
 * - the ends of the range that cut a day, counted live over their demands' facts.
 */
import { shanghaiDateOf } from '@yishi/domain';
import { DEMAND_RATES, type DemandFigures, type DemandStats } from '@yishi/cases';
import { type Queryable } from '@yishi/event-store';
import { listEstates } from '@yishi/registry';

export interface DemandStatsRange {
  readonly from: string | null;
  readonly to: string | null;
  readonly estate: string | null;
}

type RateName = (typeof DEMAND_RATES)[number];
type Counts = Record<'received' | 'closed' | 'reopened' | `${RateName}_${'n' | 'd'}`, number>;

const COUNT_NAMES = [
  'received',
  'closed',
  'reopened',
  ...DEMAND_RATES.flatMap((r) => [`${r}_n`, `${r}_d`] as const),
] as const;

const zeros = (): Counts => Object.fromEntries(COUNT_NAMES.map((c) => [c, 0])) as Counts;

/** One group of a GROUPING SETS answer: 0 the whole scope, 1 a grid, 2 a category, 3 an estate. */
interface Grouped {
  set: number;
  key: string | null;
}

const GROUPS = `CASE WHEN grouping(grid_id, category, estate) = 7 THEN 0
                     WHEN grouping(grid_id) = 0 THEN 1
                     WHEN grouping(category) = 0 THEN 2 ELSE 3 END AS set,
                coalesce(grid_id::text, category, estate) AS key`;
const GROUPING_SETS = `GROUPING SETS ((), (grid_id), (category), (estate))`;

/*
 * Every count over demand_views rows (the ends of the range). A deadline "has passed" when now ($2)
 * is after it; withdrawn and merged demands (not `counted`) are in `received` only; a struck off
 * demand is closed, so it is in the resolution and 7-day denominators already.
 */
const LIVE_COUNTS = `
  count(*)::int AS received,
  count(*) FILTER (WHERE counted AND struck_off_at IS NOT NULL)::int AS closed,
  coalesce(sum(reopenings) FILTER (WHERE counted), 0)::int AS reopened,
  count(*) FILTER (WHERE counted AND accepted_at <= accept_due_at)::int AS "responseRate_n",
  count(*) FILTER (WHERE counted AND (accepted_at IS NOT NULL OR accept_due_at < $2))::int
    AS "responseRate_d",
  count(*) FILTER (WHERE counted AND struck_off_at IS NOT NULL)::int AS "resolutionRate_n",
  count(*) FILTER (WHERE counted AND (status = 'closed' OR resolve_due_at < $2))::int
    AS "resolutionRate_d",
  coalesce(sum(satisfied_answers) FILTER (WHERE counted), 0)::int AS "satisfactionRate_n",
  coalesce(sum(answers) FILTER (WHERE counted), 0)::int AS "satisfactionRate_d",
  count(*) FILTER (WHERE counted AND accepted_at <= received_at + interval '24 hours')::int
    AS "acceptedWithin24hRate_n",
  count(*) FILTER (
    WHERE counted AND (accepted_at IS NOT NULL OR received_at + interval '24 hours' < $2))::int
    AS "acceptedWithin24hRate_d",
  count(*) FILTER (WHERE counted AND struck_off_at <= seven_days_at)::int
    AS "closedWithin7DaysRate_n",
  count(*) FILTER (WHERE counted AND (status = 'closed' OR seven_days_at < $2))::int
    AS "closedWithin7DaysRate_d"`;

/** The roll-up's sums as counts: every denominator's part the clock no longer moves. */
const CELL_COUNTS = `
  sum(received)::int AS received,
  sum(struck_off)::int AS closed,
  sum(reopened)::int AS reopened,
  sum(accepted_in_time)::int AS "responseRate_n",
  sum(accepted)::int AS "responseRate_d",
  sum(struck_off)::int AS "resolutionRate_n",
  sum(finished)::int AS "resolutionRate_d",
  sum(satisfied_answers)::int AS "satisfactionRate_n",
  sum(answers)::int AS "satisfactionRate_d",
  sum(accepted_within_24h)::int AS "acceptedWithin24hRate_n",
  sum(accepted)::int AS "acceptedWithin24hRate_d",
  sum(struck_off_within_7_days)::int AS "closedWithin7DaysRate_n",
  sum(finished)::int AS "closedWithin7DaysRate_d"`;

/** What the clock has added to the roll-up's denominators (numerators need an event to move). */
const LATE_COUNTS = `
  count(*) FILTER (WHERE accepted_at IS NULL AND accept_due_at < $2)::int AS "responseRate_d",
  count(*) FILTER (WHERE status <> 'closed' AND resolve_due_at < $2)::int AS "resolutionRate_d",
  count(*) FILTER (WHERE accepted_at IS NULL AND received_at + interval '24 hours' < $2)::int
    AS "acceptedWithin24hRate_d",
  count(*) FILTER (WHERE status <> 'closed' AND seven_days_at < $2)::int
    AS "closedWithin7DaysRate_d"`;

/** China Standard Time midnight of a date, as an instant. */
const midnight = (day: string): string => new Date(`${day}T00:00:00+08:00`).toISOString();
const nextDay = (day: string): string =>
  shanghaiDateOf(new Date(Date.parse(midnight(day)) + 36 * 3_600_000).toISOString());

/**
 * The range cut into whole days (`fromDay` inclusive, `toDay` exclusive, null: unbounded) and the
 * parts of days at its ends; no whole day when the range lies within one or two partial days.
 */
export function splitByDays(from: string | null, to: string | null) {
  let fromDay: string | null = null;
  let toDay: string | null = null;
  if (from !== null) {
    const day = shanghaiDateOf(from);
    fromDay = midnight(day) === new Date(from).toISOString() ? day : nextDay(day);
  }
  if (to !== null) toDay = shanghaiDateOf(to);
  if (fromDay !== null && toDay !== null && fromDay >= toDay)
    return { days: null, ends: [{ from, to }] };
  const ends: { from: string | null; to: string | null }[] = [];
  if (from !== null && fromDay !== null && midnight(fromDay) !== new Date(from).toISOString())
    ends.push({ from, to: midnight(fromDay) });
  if (to !== null && toDay !== null && midnight(toDay) !== new Date(to).toISOString())
    ends.push({ from: midnight(toDay), to });
  return { days: { fromDay, toDay }, ends };
}

/** The yardsticks as the contract shows them: plain rates, and their bases beside them. */
function figures(c: Counts): DemandFigures {
  const base = (r: (typeof DEMAND_RATES)[number]) => ({
    numerator: c[`${r}_n`],
    denominator: c[`${r}_d`],
  });
  const rates = Object.fromEntries(
    DEMAND_RATES.map((r) => {
      const { numerator, denominator } = base(r);
      return [r, denominator === 0 ? null : numerator / denominator];
    }),
  );
  return {
    received: c.received,
    closed: c.closed,
    reopened: c.reopened,
    ...(rates as { [R in (typeof DEMAND_RATES)[number]]: number | null }),
    bases: Object.fromEntries(DEMAND_RATES.map((r) => [r, base(r)])) as DemandFigures['bases'],
  };
}

export async function demandStats(
  db: Queryable,
  communityId: string,
  range: DemandStatsRange,
  asOf: string,
): Promise<DemandStats> {
  const { days, ends } = splitByDays(range.from, range.to);
  const queries: Promise<(Grouped & Partial<Counts>)[]>[] = [];
  const ask = (sql: string, args: unknown[]) =>
    queries.push(db.query<Grouped & Partial<Counts>>(sql, args).then((r) => r.rows));
  if (days !== null) {
    ask(
      `SELECT ${GROUPS}, ${CELL_COUNTS} FROM demand_stats_cells
        WHERE community_id = $1
          AND ($2::date IS NULL OR day >= $2) AND ($3::date IS NULL OR day < $3)
          AND ($4::text IS NULL OR estate = $4)
        GROUP BY ${GROUPING_SETS}`,
      [communityId, days.fromDay, days.toDay, range.estate],
    );
    ask(
      `SELECT ${GROUPS}, ${LATE_COUNTS} FROM demand_views
        WHERE community_id = $1 AND late_from < $2
          AND ($3::timestamptz IS NULL OR received_at >= $3)
          AND ($4::timestamptz IS NULL OR received_at < $4)
          AND ($5::text IS NULL OR estate = $5)
        GROUP BY ${GROUPING_SETS}`,
      [
        communityId,
        asOf,
        days.fromDay === null ? null : midnight(days.fromDay),
        days.toDay === null ? null : midnight(days.toDay),
        range.estate,
      ],
    );
  }
  for (const end of ends)
    ask(
      `SELECT ${GROUPS}, ${LIVE_COUNTS} FROM demand_views
        WHERE community_id = $1
          AND ($3::timestamptz IS NULL OR received_at >= $3)
          AND ($4::timestamptz IS NULL OR received_at < $4)
          AND ($5::text IS NULL OR estate = $5)
        GROUP BY ${GROUPING_SETS}`,
      [communityId, asOf, end.from, end.to, range.estate],
    );
  // Every part's counts added up per group.
  const groups = new Map<string, Grouped & Counts>();
  const [parts, estates] = await Promise.all([Promise.all(queries), listEstates(db, communityId)]);
  for (const row of parts.flat()) {
    const id = `${row.set}:${row.key ?? ''}`;
    const into = groups.get(id) ?? { set: row.set, key: row.key, ...zeros() };
    for (const c of COUNT_NAMES) into[c] += row[c] ?? 0;
    groups.set(id, into);
  }
  const inSet = (set: number) =>
    [...groups.values()]
      .filter((g) => g.set === set && g.key !== null)
      .sort((a, b) => (a.key! < b.key! ? -1 : a.key! > b.key! ? 1 : 0));
  const whole = [...groups.values()].find((g) => g.set === 0) ?? zeros();
  const companyOf = new Map(estates.map((e) => [e.name, e.propertyCompany]));
  const byEstate = inSet(3).map((g) => ({ ...g, company: companyOf.get(g.key!) ?? null }));
  return {
    ...figures(whole),
    byGrid: inSet(1).map((g) => ({ gridId: g.key!, ...figures(g) })),
    byCategory: inSet(2).map((g) => ({ category: g.key!, ...figures(g) })),
    byEstate: byEstate.map((g) => ({
      estate: g.key!,
      propertyCompany: g.company,
      ...figures(g),
    })),
    byPropertyCompany: byCompany(byEstate),
  };
}

/**
 * The estates' counts added up per property company (every count is a sum over demands, and an
 * estate's demands are one company's), by company name with the estates without one last; each
 * row names its estates in their order.
 */
function byCompany(estates: readonly (Grouped & Counts & { company: string | null })[]) {
  const rows = new Map<string | null, { estates: string[]; counts: Counts }>();
  for (const e of estates) {
    const row = rows.get(e.company) ?? { estates: [], counts: zeros() };
    row.estates.push(e.key!);
    for (const c of COUNT_NAMES) row.counts[c] += e[c];
    rows.set(e.company, row);
  }
  return [...rows]
    .sort(([a], [b]) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1))
    .map(([propertyCompany, row]) => ({
      propertyCompany,
      estates: row.estates,
      ...figures(row.counts),
    }));
}
