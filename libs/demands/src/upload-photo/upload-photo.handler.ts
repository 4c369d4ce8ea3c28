import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnsupportedMediaTypeError, ValidationError } from '@yishi/domain';
import {
  EVIDENCE_STORAGE,
  sha256Hex,
  sniffEvidenceType,
  type EvidenceStorage,
} from '@yishi/platform';
import { type Upload, UploadsRepository } from '../uploads.repository';
import { PHOTO_TYPES, UploadPhotoCommand } from './upload-photo.command';

@CommandHandler(UploadPhotoCommand)
export class UploadPhotoHandler implements ICommandHandler<UploadPhotoCommand, Upload> {
  constructor(
    private readonly uploads: UploadsRepository,
    @Inject(EVIDENCE_STORAGE) private readonly storage: EvidenceStorage,
  ) {}

  async execute({ communityId, bytes, upload }: UploadPhotoCommand): Promise<Upload> {
    if (bytes.length === 0)
      throw new ValidationError('上传的照片是空的', {
        fields: [{ field: 'body', problems: ['empty'] }],
      });
    const sniffed = sniffEvidenceType(bytes);
    const contentType = PHOTO_TYPES.find((t) => t === sniffed);
    if (contentType === undefined)
      throw new UnsupportedMediaTypeError('请上传 JPEG、PNG 或 WebP 格式的照片', {
        allowed: PHOTO_TYPES,
        declared: upload.declaredType,
      });
    const id = randomUUID();
    // The evidence store's keys are ids: a new uuid names no task evidence.
    const storageKey = `${communityId}/${id}`;
    await this.storage.put(storageKey, bytes);
    return this.uploads.insert({
      id,
      communityId,
      uploadedBy: upload.uploadedBy,
      contentType,
      sizeBytes: bytes.length,
      sha256: sha256Hex(bytes),
      storageKey,
    });
  }
}
