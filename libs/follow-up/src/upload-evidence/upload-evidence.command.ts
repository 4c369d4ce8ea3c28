import { Command } from '@nestjs/cqrs';
import { type EvidenceFile } from '@yishi/cases';

/** A photo or PDF for an open task, as the bytes sent; its type is sniffed from them. */
export class UploadEvidenceCommand extends Command<EvidenceFile> {
  constructor(
    readonly taskId: string,
    readonly bytes: Buffer,
    readonly upload: {
      /** The original file name, kept for downloads. */
      readonly fileName: string | null;
      /** The Content-Type the client declared, named in a refusal. */
      readonly declaredType: string | null;
      readonly uploadedBy: string;
    },
  ) {
    super();
  }
}
