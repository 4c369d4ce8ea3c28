import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CaseRegistryQueries } from '../case-registry.queries';
import { ReadStatsQuery } from '../read-stats/read-stats.query';
import { statsCsv } from '../stats/stats-csv';
import { ExportStatsQuery, type StatsExport } from './export-stats.query';

@QueryHandler(ExportStatsQuery)
export class ExportStatsHandler implements IQueryHandler<ExportStatsQuery, StatsExport> {
  constructor(
    private readonly queries: QueryBus,
    private readonly registry: CaseRegistryQueries,
  ) {}

  async execute({ communityId, range }: ExportStatsQuery): Promise<StatsExport> {
    const stats = await this.queries.execute(new ReadStatsQuery(communityId, range));
    const community = await this.registry.community(communityId);
    return { communityName: community.name, csv: statsCsv(stats, community.name) };
  }
}
