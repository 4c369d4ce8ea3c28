import { Query } from '@nestjs/cqrs';

export interface BindingEvidenceFile {
  readonly id: string;
  readonly bytes: Buffer;
  readonly contentType: string;
  readonly fileName: string | null;
}

/** The scan of a binding request, for the secretary or the resident who sent it. */
export class ReadBindingEvidenceQuery extends Query<BindingEvidenceFile> {
  constructor(
    readonly communityId: string,
    readonly requestId: string,
    readonly viewer: { readonly userId: string; readonly all: boolean },
  ) {
    super();
  }
}
