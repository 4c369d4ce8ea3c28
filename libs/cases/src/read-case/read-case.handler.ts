import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CaseQueries } from '../case.queries';
import { type CaseDetailView } from '../cases.dto';
import { ReadCaseQuery } from './read-case.query';

@QueryHandler(ReadCaseQuery)
export class ReadCaseHandler implements IQueryHandler<ReadCaseQuery, CaseDetailView> {
  constructor(private readonly cases: CaseQueries) {}

  execute({ caseId, minVersion }: ReadCaseQuery): Promise<CaseDetailView> {
    return this.cases.view(caseId, minVersion);
  }
}
