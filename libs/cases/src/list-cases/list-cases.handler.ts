import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CaseQueries } from '../case.queries';
import { type CaseList } from '../cases.dto';
import { ListCasesQuery } from './list-cases.query';

@QueryHandler(ListCasesQuery)
export class ListCasesHandler implements IQueryHandler<ListCasesQuery, CaseList> {
  constructor(private readonly cases: CaseQueries) {}

  execute({ communityId, filter }: ListCasesQuery): Promise<CaseList> {
    return this.cases.list(communityId, filter);
  }
}
