import { Query } from '@nestjs/cqrs';
import { type CaseListFilter } from '../case-queries';
import { type CaseList } from '../cases.dto';

/** A page of a community's cases, newest first, by stage, status and handler. */
export class ListCasesQuery extends Query<CaseList> {
  constructor(
    readonly communityId: string,
    readonly filter: CaseListFilter,
  ) {
    super();
  }
}
