/**
 * The ledger's yardsticks for the community statistics: the demands received in [from, to) (of
 * one estate or all) read from the read model's folded states, counted by the domain's
 * `demandYardsticks` for the whole scope and per grid, category and estate.
 */
import {
  demandSummaryOf,
  demandYardsticks,
  type DemandSummary,
  type LedgerDemand,
} from '@yishi/domain';
import { DEMAND_RATES, type DemandFigures, type DemandStats } from '@yishi/cases';
import { type Queryable } from '@yishi/event-store';

export interface DemandStatsRange {
  readonly from: string | null;
  readonly to: string | null;
  readonly estate: string | null;
}

/** The yardsticks as the contract shows them: plain rates, and their bases beside them. */
function figures(summaries: readonly DemandSummary[], asOf: string): DemandFigures {
  const y = demandYardsticks(summaries, asOf);
  const rates = Object.fromEntries(DEMAND_RATES.map((r) => [r, y[r].rate]));
  const bases = Object.fromEntries(
    DEMAND_RATES.map((r) => [r, { numerator: y[r].numerator, denominator: y[r].denominator }]),
  );
  return {
    received: y.received,
    closed: y.closed,
    reopened: y.reopened,
    ...(rates as { [R in (typeof DEMAND_RATES)[number]]: number | null }),
    bases: bases as DemandFigures['bases'],
  };
}

/** Groups by a key (skipping demands without one), in the key's order. */
function grouped<K extends string>(
  demands: readonly LedgerDemand[],
  keyOf: (d: LedgerDemand) => string | null,
  name: K,
  asOf: string,
): (DemandFigures & Record<K, string>)[] {
  const groups = new Map<string, DemandSummary[]>();
  for (const d of demands) {
    const key = keyOf(d);
    if (key !== null) groups.set(key, [...(groups.get(key) ?? []), demandSummaryOf(d)]);
  }
  return [...groups.keys()]
    .sort()
    .map(
      (key) =>
        ({ [name]: key, ...figures(groups.get(key)!, asOf) }) as DemandFigures & Record<K, string>,
    );
}

export async function demandStats(
  db: Queryable,
  communityId: string,
  range: DemandStatsRange,
  asOf: string,
): Promise<DemandStats> {
  const { rows } = await db.query<{ state: LedgerDemand }>(
    `SELECT state FROM demand_views
      WHERE community_id = $1
        AND ($2::timestamptz IS NULL OR received_at >= $2)
        AND ($3::timestamptz IS NULL OR received_at < $3)
        AND ($4::text IS NULL OR estate = $4)`,
    [communityId, range.from, range.to, range.estate],
  );
  const demands = rows.map((r) => r.state);
  return {
    ...figures(demands.map(demandSummaryOf), asOf),
    byGrid: grouped(demands, (d) => d.gridId, 'gridId', asOf),
    byCategory: grouped(demands, (d) => d.category, 'category', asOf),
    byEstate: grouped(demands, (d) => d.place?.estate ?? null, 'estate', asOf),
  };
}
