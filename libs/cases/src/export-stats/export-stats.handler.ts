import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { csvFile } from '@yishi/platform';
import { RegistryReads } from '@yishi/registry';
import { CaseQueries } from '../case.queries';
import { communityFigures } from '../read-stats/read-stats.handler';
import { demandStatsCsvRows } from '../stats/demand-stats-csv';
import { statsCsvRows } from '../stats/stats-csv';
import { ExportStatsQuery, type StatsExport } from './export-stats.query';

@QueryHandler(ExportStatsQuery)
export class ExportStatsHandler implements IQueryHandler<ExportStatsQuery, StatsExport> {
  constructor(
    private readonly cases: CaseQueries,
    private readonly queries: QueryBus,
    private readonly registry: RegistryReads,
  ) {}

  async execute({ communityId, range }: ExportStatsQuery): Promise<StatsExport> {
    const figures = await communityFigures(this.cases, this.queries, communityId, range);
    const community = await this.registry.community(communityId);
    const grids = await this.registry.gridsOf(communityId);
    const scope = figures.estate ?? `${community.name}（全社区）`;
    const csv = csvFile([
      ...statsCsvRows(figures, community.name),
      [],
      ...demandStatsCsvRows(
        figures.demands,
        scope,
        figures,
        new Map(grids.map((g) => [g.id, g.name])),
      ),
    ]);
    return { communityName: community.name, csv };
  }
}
