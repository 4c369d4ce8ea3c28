import { Query } from '@nestjs/cqrs';
import { type DistrictStats, type StatsRange, type StreetStats } from './street-stats.queries';

/** A street's figures over [from, to): its departments' whistles, its communities' yardsticks. */
export class ReadStreetStatsQuery extends Query<StreetStats> {
  constructor(
    readonly streetId: string,
    readonly range: StatsRange,
  ) {
    super();
  }
}

/** The same per street of a district (a name on its streets). */
export class ReadDistrictStatsQuery extends Query<DistrictStats> {
  constructor(
    readonly district: string,
    readonly range: StatsRange,
  ) {
    super();
  }
}
