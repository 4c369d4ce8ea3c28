import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CaseQueries } from '../case.queries';
import { RegistryReads } from '@yishi/registry';
import { statsRange } from '../read-stats/read-stats.handler';
import { statsCsv } from '../stats/stats-csv';
import { ExportStatsQuery, type StatsExport } from './export-stats.query';

@QueryHandler(ExportStatsQuery)
export class ExportStatsHandler implements IQueryHandler<ExportStatsQuery, StatsExport> {
  constructor(
    private readonly cases: CaseQueries,
    private readonly registry: RegistryReads,
  ) {}

  async execute({ communityId, range }: ExportStatsQuery): Promise<StatsExport> {
    const stats = await this.cases.stats(communityId, statsRange(range));
    const community = await this.registry.community(communityId);
    return { communityName: community.name, csv: statsCsv(stats, community.name) };
  }
}
