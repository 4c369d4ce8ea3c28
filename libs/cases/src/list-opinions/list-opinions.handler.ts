import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CaseQueries } from '../case.queries';
import { ListOpinionsQuery } from './list-opinions.query';
import { type OpinionView } from './list-opinions.response.dto';

@QueryHandler(ListOpinionsQuery)
export class ListOpinionsHandler implements IQueryHandler<ListOpinionsQuery, OpinionView[]> {
  constructor(private readonly cases: CaseQueries) {}

  execute({ caseId }: ListOpinionsQuery): Promise<OpinionView[]> {
    return this.cases.opinions(caseId);
  }
}
