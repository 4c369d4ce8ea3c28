import { Query } from '@nestjs/cqrs';
import { type OpinionView } from './list-opinions.response.dto';

/** The opinions of a case, oldest first, with their authors' names. */
export class ListOpinionsQuery extends Query<OpinionView[]> {
  constructor(readonly caseId: string) {
    super();
  }
}
