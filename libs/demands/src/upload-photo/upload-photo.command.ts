import { Command } from '@nestjs/cqrs';
import { type Upload } from '../uploads.repository';

/** A photo for a demand or its resolution, sent before them; its type is sniffed from the bytes. */
export class UploadPhotoCommand extends Command<Upload> {
  constructor(
    readonly communityId: string,
    readonly bytes: Buffer,
    readonly upload: {
      /** The Content-Type the client declared, named in a refusal. */
      readonly declaredType: string | null;
      readonly uploadedBy: string;
    },
  ) {
    super();
  }
}

/** The photos a demand takes, sniffed from their bytes (the evidence store's PDFs and others not). */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
