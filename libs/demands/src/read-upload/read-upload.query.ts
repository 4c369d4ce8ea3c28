import { Query } from '@nestjs/cqrs';
import { type DemandCaller } from '../demand-caller';
import { type Upload } from '../uploads.repository';

/** A photo's bytes, for its uploader or (once attached) whoever may read its demand. */
export class ReadUploadQuery extends Query<{ upload: Upload; bytes: Buffer }> {
  constructor(
    readonly uploadId: string,
    readonly caller: DemandCaller,
  ) {
    super();
  }
}
