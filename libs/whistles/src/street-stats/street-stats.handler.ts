import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { type DistrictStats, type StreetStats, StreetStatsQueries } from './street-stats.queries';
import { ReadDistrictStatsQuery, ReadStreetStatsQuery } from './street-stats.query';

@QueryHandler(ReadStreetStatsQuery)
export class ReadStreetStatsHandler implements IQueryHandler<ReadStreetStatsQuery, StreetStats> {
  constructor(private readonly stats: StreetStatsQueries) {}

  execute({ streetId, range }: ReadStreetStatsQuery): Promise<StreetStats> {
    return this.stats.street(streetId, range);
  }
}

@QueryHandler(ReadDistrictStatsQuery)
export class ReadDistrictStatsHandler implements IQueryHandler<
  ReadDistrictStatsQuery,
  DistrictStats
> {
  constructor(private readonly stats: StreetStatsQueries) {}

  execute({ district, range }: ReadDistrictStatsQuery): Promise<DistrictStats> {
    return this.stats.district(district, range);
  }
}
