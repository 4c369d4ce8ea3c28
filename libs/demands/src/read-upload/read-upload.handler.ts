import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@yishi/domain';
import { EVIDENCE_STORAGE, type EvidenceStorage } from '@yishi/platform';
import { DemandQueries } from '../demand.queries';
import { type Upload, UploadsRepository } from '../uploads.repository';
import { ReadUploadQuery } from './read-upload.query';

/**
 * The uploader, the readers of the demand that names it, the community's members for a case's
 * meeting minutes; anyone else is told it does not exist (404), as for a demand they may not read.
 */
@QueryHandler(ReadUploadQuery)
export class ReadUploadHandler implements IQueryHandler<
  ReadUploadQuery,
  { upload: Upload; bytes: Buffer }
> {
  constructor(
    private readonly uploads: UploadsRepository,
    private readonly demands: DemandQueries,
    @Inject(EVIDENCE_STORAGE) private readonly storage: EvidenceStorage,
  ) {}

  async execute({ uploadId, caller }: ReadUploadQuery): Promise<{ upload: Upload; bytes: Buffer }> {
    const upload = await this.uploads.find(uploadId);
    const allowed =
      upload !== undefined &&
      upload.communityId === caller.communityId &&
      (upload.uploadedBy === caller.userId ||
        // The minutes of a case's meeting: its readers are the community's members.
        upload.caseId !== null ||
        (upload.demandId !== null && (await this.demands.mayRead(upload.demandId, caller))));
    if (!allowed) throw new NotFoundError('找不到该照片', { uploadId });
    return { upload, bytes: await this.storage.get(upload.storageKey) };
  }
}
