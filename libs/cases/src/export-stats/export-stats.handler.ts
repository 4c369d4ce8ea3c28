import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CaseQueries } from '../case.queries';
import { CaseRegistryQueries } from '../case-registry.queries';
import { statsRange } from '../read-stats/read-stats.handler';
import { statsCsv } from '../stats/stats-csv';
import { ExportStatsQuery, type StatsExport } from './export-stats.query';

@QueryHandler(ExportStatsQuery)
export class ExportStatsHandler implements IQueryHandler<ExportStatsQuery, StatsExport> {
  constructor(
    private readonly cases: CaseQueries,
    private readonly registry: CaseRegistryQueries,
  ) {}

  async execute({ communityId, range }: ExportStatsQuery): Promise<StatsExport> {
    const stats = await this.cases.stats(communityId, statsRange(range));
    const community = await this.registry.community(communityId);
    return { communityName: community.name, csv: statsCsv(stats, community.name) };
  }
}
