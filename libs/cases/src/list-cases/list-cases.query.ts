import { Query } from '@nestjs/cqrs';
import { type Stage } from '@yishi/domain';
import { type CaseList } from '../cases.dto';

/** A page of a community's cases, newest first, by stage and status. */
export class ListCasesQuery extends Query<CaseList> {
  constructor(
    readonly communityId: string,
    readonly filter: {
      readonly stage?: Stage | undefined;
      readonly status?: string | undefined;
      readonly limit: number;
      readonly offset: number;
    },
  ) {
    super();
  }
}
