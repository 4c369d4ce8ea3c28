import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ValidationError } from '@yishi/domain';
import { CaseQueries } from '../case.queries';
import { DemandStatsQuery } from './demand-stats.query';
import { type CommunityFigures, ReadStatsQuery } from './read-stats.query';

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

/** The case figures, then the ledger's over the same range and instant (answered by the ledger). */
export async function communityFigures(
  cases: CaseQueries,
  queries: QueryBus,
  communityId: string,
  range: ReadStatsQuery['range'],
): Promise<CommunityFigures> {
  const stats = await cases.stats(communityId, statsRange(range));
  const demands = await queries.execute(
    new DemandStatsQuery(communityId, statsRange(range), stats.asOf),
  );
  return { ...stats, demands };
}

@QueryHandler(ReadStatsQuery)
export class ReadStatsHandler implements IQueryHandler<ReadStatsQuery, CommunityFigures> {
  constructor(
    private readonly cases: CaseQueries,
    private readonly queries: QueryBus,
  ) {}

  execute({ communityId, range }: ReadStatsQuery): Promise<CommunityFigures> {
    return communityFigures(this.cases, this.queries, communityId, range);
  }
}
