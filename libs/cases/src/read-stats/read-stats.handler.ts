import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ValidationError } from '@yishi/domain';
import { CaseQueries } from '../case.queries';
import { type CommunityStats } from '../stats/stats-query';
import { ReadStatsQuery } from './read-stats.query';

/** The range as instants, from before to: the export reads the same figures. */
export function statsRange(range: ReadStatsQuery['range']): ReadStatsQuery['range'] {
  const from = range.from === null ? null : new Date(range.from).toISOString();
  const to = range.to === null ? null : new Date(range.to).toISOString();
  if (from !== null && to !== null && from >= to)
    throw new ValidationError('开始日期须早于结束日期', {
      fields: [{ field: 'to', problems: ['must be after from'] }],
    });
  return { from, to, estate: range.estate };
}

@QueryHandler(ReadStatsQuery)
export class ReadStatsHandler implements IQueryHandler<ReadStatsQuery, CommunityStats> {
  constructor(private readonly cases: CaseQueries) {}

  execute({ communityId, range }: ReadStatsQuery): Promise<CommunityStats> {
    return this.cases.stats(communityId, statsRange(range));
  }
}
