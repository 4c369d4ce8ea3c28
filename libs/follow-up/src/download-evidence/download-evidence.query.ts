import { Query } from '@nestjs/cqrs';
import { type EvidenceFile } from '@yishi/cases';

/** An uploaded file of a task, with its bytes. */
export class DownloadEvidenceQuery extends Query<{ file: EvidenceFile; bytes: Buffer }> {
  constructor(
    readonly taskId: string,
    readonly evidenceId: string,
  ) {
    super();
  }
}
