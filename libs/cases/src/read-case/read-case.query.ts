import { Query } from '@nestjs/cqrs';
import { type CaseDetailView } from '../cases.dto';

/** A case's view; `minVersion` (from a write's response) waits briefly to read one's own write. */
export class ReadCaseQuery extends Query<CaseDetailView> {
  constructor(
    readonly caseId: string,
    readonly minVersion: number,
  ) {
    super();
  }
}
