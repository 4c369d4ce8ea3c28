import { Query } from '@nestjs/cqrs';
import { type ReadStatsQuery } from '../read-stats/read-stats.query';

export interface StatsExport {
  readonly communityName: string;
  /** UTF-8 with BOM, Chinese headers: the cases (community, then each estate), then the demands ledger. */
  readonly csv: string;
}

/** The same statistics as CSV. */
export class ExportStatsQuery extends Query<StatsExport> {
  constructor(
    readonly communityId: string,
    readonly range: ReadStatsQuery['range'],
  ) {
    super();
  }
}
