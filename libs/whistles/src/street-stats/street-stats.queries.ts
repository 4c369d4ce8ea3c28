/**
 * The street's figures (GET /streets/:streetId/stats, GET /districts/:district/stats;
 * docs/whistles.md "Reads"): per department, the tracks of `whistle_track_facts` received in the
 * range, summed per CST month by SQL and added up here (street-figures.ts); per community, the
 * community statistics' own figures (ReadStatsQuery on the bus: the cases' rates and the ledger's
 * yardsticks), not counted again here.
 */
import { Inject, Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { type Pool } from 'pg';
import {
  type CommunityFigures,
  DEMAND_RATES,
  type DemandFigures,
  ReadStatsQuery,
  statsRange,
} from '@yishi/cases';
import { NotFoundError } from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';
import { readStreet, type StreetView } from '@yishi/registry';
import {
  addTallies,
  counted,
  type CountedRate,
  EMPTY_TALLY,
  figuresOf,
  ranked,
  type Tally,
  type WhistleFigures,
} from './street-figures';

export interface StatsRange {
  readonly from: string | null;
  readonly to: string | null;
}

export type MonthFigures = WhistleFigures & { readonly month: string };

/** A department's figures over the range, and month by month (every month of the street's). */
export type DepartmentFigures = WhistleFigures & {
  readonly departmentId: string;
  readonly name: string;
  readonly kind: string;
  readonly rank: number;
  readonly byMonth: readonly MonthFigures[];
};

/** The cases' figures of a community (or a street's communities added up), with their bases. */
export interface CaseYardsticks {
  readonly opened: number;
  readonly open: number;
  readonly closed: number;
  readonly closureRate: CountedRate;
  readonly satisfactionRate: CountedRate;
  readonly onTimeAcknowledgementRate: CountedRate;
}

export interface CommunityYardsticks {
  readonly communityId: string;
  readonly name: string;
  readonly demands: DemandFigures;
  readonly cases: CaseYardsticks;
}

export interface StreetStats {
  readonly streetId: string;
  readonly name: string;
  readonly district: string | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly asOf: string;
  /** The CST months (YYYY-MM) with a track received in the range, oldest first. */
  readonly months: readonly string[];
  /** The street's departments added up. */
  readonly total: WhistleFigures & { readonly byMonth: readonly MonthFigures[] };
  /** Ranked (street-figures.ts, `ranked`). */
  readonly departments: readonly DepartmentFigures[];
  readonly communities: readonly CommunityYardsticks[];
}

/** A street of a district: its totals, ranked among the district's streets. */
export type StreetTotals = WhistleFigures & {
  readonly streetId: string;
  readonly name: string;
  readonly rank: number;
  readonly byMonth: readonly MonthFigures[];
  /** Its communities' figures added up (each rate's numerators and denominators). */
  readonly communities: Omit<CommunityYardsticks, 'communityId' | 'name'> & {
    readonly count: number;
  };
};

export interface DistrictStats {
  readonly district: string;
  readonly from: string | null;
  readonly to: string | null;
  readonly asOf: string;
  readonly months: readonly string[];
  /** The district's streets added up. */
  readonly total: WhistleFigures & { readonly byMonth: readonly MonthFigures[] };
  readonly streets: readonly StreetTotals[];
}

interface TallyRow extends Tally {
  readonly streetId: string;
  readonly departmentId: string;
  readonly month: string;
}

@Injectable()
export class StreetStatsQueries {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly queries: QueryBus,
  ) {}

  async street(streetId: string, range: StatsRange): Promise<StreetStats> {
    const { from, to } = statsRange({ ...range, estate: null });
    const asOf = new Date().toISOString();
    const street = await readStreet(this.pool, streetId);
    const rows = await this.tallies([streetId], { from, to }, asOf);
    const months = monthsOf(rows);
    const departments = ranked(
      street.departments.map((d) => {
        const own = rows.filter((r) => r.departmentId === d.id);
        return {
          departmentId: d.id,
          name: d.name,
          kind: d.kind,
          ...figuresOf(addTallies(own)),
          byMonth: byMonth(own, months),
        };
      }),
    );
    return {
      streetId,
      name: street.name,
      district: street.district,
      from,
      to,
      asOf,
      months,
      total: { ...figuresOf(addTallies(rows)), byMonth: byMonth(rows, months) },
      departments,
      communities: await this.communities(street, { from, to }),
    };
  }

  async district(district: string, range: StatsRange): Promise<DistrictStats> {
    const { from, to } = statsRange({ ...range, estate: null });
    const asOf = new Date().toISOString();
    const { rows: ids } = await this.pool.query<{ id: string }>(
      `SELECT id FROM streets WHERE district = $1 ORDER BY name, id`,
      [district],
    );
    if (ids.length === 0) throw new NotFoundError('找不到该区县的街道', { district });
    const rows = await this.tallies(
      ids.map((s) => s.id),
      { from, to },
      asOf,
    );
    const months = monthsOf(rows);
    const streets: Omit<StreetTotals, 'rank'>[] = [];
    for (const { id } of ids) {
      const street = await readStreet(this.pool, id);
      const own = rows.filter((r) => r.streetId === id);
      const communities = await this.communities(street, { from, to });
      streets.push({
        streetId: id,
        name: street.name,
        ...figuresOf(addTallies(own)),
        byMonth: byMonth(own, months),
        communities: { count: communities.length, ...addCommunities(communities) },
      });
    }
    return {
      district,
      from,
      to,
      asOf,
      months,
      total: { ...figuresOf(addTallies(rows)), byMonth: byMonth(rows, months) },
      streets: ranked(streets),
    };
  }

  /** Per community of the street, in the street's order: the community statistics' figures. */
  private async communities(street: StreetView, range: StatsRange): Promise<CommunityYardsticks[]> {
    const out: CommunityYardsticks[] = [];
    for (const c of street.communities) {
      const f: CommunityFigures = await this.queries.execute(
        new ReadStatsQuery(c.id, { ...range, estate: null }),
      );
      out.push({
        communityId: c.id,
        name: c.name,
        demands: demandFigures(f.demands),
        cases: { ...f.cases, ...f.rates },
      });
    }
    return out;
  }

  /**
   * The tracks received in [from, to) per street, department and CST month. Acceptance is due for
   * a track accepted, or not accepted while its deadline has passed (waiting still, or escalated
   * before it was passed on or withdrawn); a track passed on or withdrawn unaccepted before its
   * deadline is in neither count. Every rating of a track counts (一哨一评: one per answer).
   */
  private async tallies(
    streetIds: readonly string[],
    range: StatsRange,
    asOf: string,
  ): Promise<TallyRow[]> {
    const ratings = (r: string) =>
      `coalesce(sum(cardinality(array_positions(ratings, '${r}'))), 0)::int`;
    const { rows } = await this.pool.query<TallyRow>(
      `SELECT street_id AS "streetId", department_id AS "departmentId",
              to_char(issued_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
              count(*)::int AS received,
              count(accepted_at)::int AS accepted,
              count(*) FILTER (WHERE accepted_on_time)::int AS "acceptedOnTime",
              count(*) FILTER (
                WHERE accepted_at IS NOT NULL OR overdue_escalations > 0
                   OR (status = 'issued' AND whistle_status <> 'withdrawn'
                       AND accept_due_at <= $4))::int AS "acceptanceDue",
              coalesce(sum(hours_to_check_in), 0)::float8 AS "checkInHours",
              count(hours_to_check_in)::int AS "checkIns",
              coalesce(sum(hours_to_answer), 0)::float8 AS "answerHours",
              count(hours_to_answer)::int AS answers,
              ${ratings('satisfied')} AS satisfied,
              ${ratings('basically-satisfied')} AS "basicallySatisfied",
              ${ratings('dissatisfied')} AS dissatisfied,
              count(transferred_to)::int AS "passedOn"
         FROM whistle_track_facts
        WHERE street_id = ANY($1::uuid[])
          AND ($2::timestamptz IS NULL OR issued_at >= $2)
          AND ($3::timestamptz IS NULL OR issued_at < $3)
        GROUP BY 1, 2, 3`,
      [streetIds, range.from, range.to, asOf],
    );
    return rows;
  }
}

const monthsOf = (rows: readonly TallyRow[]): string[] =>
  [...new Set(rows.map((r) => r.month))].sort();

/** The rows' figures in each of `months` (zeros where none). */
const byMonth = (rows: readonly TallyRow[], months: readonly string[]): MonthFigures[] =>
  months.map((month) => ({
    month,
    ...figuresOf(addTallies([EMPTY_TALLY, ...rows.filter((r) => r.month === month)])),
  }));

/** The community's whole-ledger yardsticks, without the breakdowns per grid, category … */
function demandFigures(d: DemandFigures): DemandFigures {
  const { received, closed, reopened, bases } = d;
  return {
    received,
    closed,
    reopened,
    bases,
    ...Object.fromEntries(DEMAND_RATES.map((r) => [r, d[r]])),
  } as DemandFigures;
}

/** Communities added up: counts summed, each rate from its summed numerator and denominator. */
function addCommunities(
  communities: readonly CommunityYardsticks[],
): Omit<CommunityYardsticks, 'communityId' | 'name'> {
  const sum = (fn: (c: CommunityYardsticks) => number) =>
    communities.reduce((n, c) => n + fn(c), 0);
  const rate = (fn: (c: CommunityYardsticks) => { numerator: number; denominator: number }) =>
    counted(
      sum((c) => fn(c).numerator),
      sum((c) => fn(c).denominator),
    );
  const bases = Object.fromEntries(
    DEMAND_RATES.map((r) => {
      const { rate: _, ...base } = rate((c) => c.demands.bases[r]);
      return [r, base];
    }),
  ) as DemandFigures['bases'];
  return {
    demands: {
      received: sum((c) => c.demands.received),
      closed: sum((c) => c.demands.closed),
      reopened: sum((c) => c.demands.reopened),
      bases,
      ...Object.fromEntries(
        DEMAND_RATES.map((r) => [r, counted(bases[r].numerator, bases[r].denominator).rate]),
      ),
    } as DemandFigures,
    cases: {
      opened: sum((c) => c.cases.opened),
      open: sum((c) => c.cases.open),
      closed: sum((c) => c.cases.closed),
      closureRate: rate((c) => c.cases.closureRate),
      satisfactionRate: rate((c) => c.cases.satisfactionRate),
      onTimeAcknowledgementRate: rate((c) => c.cases.onTimeAcknowledgementRate),
    },
  };
}
