/** Answers the community statistics' question about the ledger (DemandStatsQuery, asked by cases). */
import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type Pool } from 'pg';
import { DemandStatsQuery, type DemandStats } from '@yishi/cases';
import { PG_POOL } from '@yishi/platform';
import { demandStats } from './demand-stats';

@QueryHandler(DemandStatsQuery)
export class DemandStatsHandler implements IQueryHandler<DemandStatsQuery, DemandStats> {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  execute({ communityId, range, asOf }: DemandStatsQuery): Promise<DemandStats> {
    return demandStats(this.pool, communityId, range, asOf);
  }
}
