import { Query } from '@nestjs/cqrs';
import { type CommunityStats } from '../stats/stats-query';

/** The statistics of the cases opened in [from, to), of one estate or all. */
export class ReadStatsQuery extends Query<CommunityStats> {
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
