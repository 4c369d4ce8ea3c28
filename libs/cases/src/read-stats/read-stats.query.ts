import { Query } from '@nestjs/cqrs';
import { type CommunityStats } from '../stats/stats-query';
import { type DemandStats } from './demand-stats.query';

/** The case figures and, beside them, the demands ledger's yardsticks over the same period. */
export type CommunityFigures = CommunityStats & { readonly demands: DemandStats };

/** The statistics of the cases opened (and the demands received) in [from, to), of one estate or all. */
export class ReadStatsQuery extends Query<CommunityFigures> {
  constructor(
    readonly communityId: string,
    readonly range: {
      readonly from: string | null;
      readonly to: string | null;
      readonly estate: string | null;
    },
  ) {
    super();
  }
}
