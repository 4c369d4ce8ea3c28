import { Query } from '@nestjs/cqrs';

export interface WhistlePhoto {
  readonly id: string;
  readonly contentType: string;
  readonly bytes: Buffer;
}

/** A photo of the whistle (a check-in's or an answer's), or one its caller uploaded for it. */
export class ReadWhistlePhotoQuery extends Query<WhistlePhoto> {
  constructor(
    readonly whistleId: string,
    readonly communityId: string,
    readonly uploadId: string,
    readonly userId: string,
  ) {
    super();
  }
}
