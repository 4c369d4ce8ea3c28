/**
 * The demands ledger's block of the community statistics (docs/demands.md, "The yardsticks"). The
 * ledger sits in the tier above cases: cases names the question and the shape of its answer here,
 * and the demands lib answers it on the QueryBus, so the stats route never imports the ledger.
 */
import { Query } from '@nestjs/cqrs';

export const DEMAND_RATES = [
  'responseRate',
  'resolutionRate',
  'satisfactionRate',
  'acceptedWithin24hRate',
  'closedWithin7DaysRate',
] as const;
export type DemandRateName = (typeof DEMAND_RATES)[number];

/** One group's yardsticks: each rate as a plain number (null when its base is 0), and its base. */
export type DemandFigures = {
  readonly received: number;
  readonly closed: number;
  readonly reopened: number;
  readonly bases: Readonly<
    Record<DemandRateName, { readonly numerator: number; readonly denominator: number }>
  >;
} & { readonly [R in DemandRateName]: number | null };

export type DemandStats = DemandFigures & {
  /** Demands with a grid, per grid; per category; per estate (demands with a unit's place). */
  readonly byGrid: readonly (DemandFigures & { readonly gridId: string })[];
  readonly byCategory: readonly (DemandFigures & { readonly category: string })[];
  readonly byEstate: readonly (DemandFigures & {
    readonly estate: string;
    /** The property company the estate names now; null when none is registered. */
    readonly propertyCompany: string | null;
  })[];
  /**
   * The per-estate figures added up per property company (物业服务企业) the estates name now,
   * the estates without one together under null (last); `estates`: the estates of the row.
   */
  readonly byPropertyCompany: readonly (DemandFigures & {
    readonly propertyCompany: string | null;
    readonly estates: readonly string[];
  })[];
};

/** The yardsticks of the demands received in [from, to), of one estate or all, as of `asOf`. */
export class DemandStatsQuery extends Query<DemandStats> {
  constructor(
    readonly communityId: string,
    readonly range: {
      readonly from: string | null;
      readonly to: string | null;
      readonly estate: string | null;
    },
    readonly asOf: string,
  ) {
    super();
  }
}
