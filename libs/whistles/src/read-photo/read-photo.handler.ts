import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type Pool } from 'pg';
import { NotFoundError } from '@yishi/domain';
import { EVIDENCE_STORAGE, type EvidenceStorage, PG_POOL } from '@yishi/platform';
import { ReadWhistlePhotoQuery, type WhistlePhoto } from './read-photo.query';

/** Whoever may read the whistle sees its photos; any other upload is not found (404). */
@QueryHandler(ReadWhistlePhotoQuery)
export class ReadWhistlePhotoHandler implements IQueryHandler<ReadWhistlePhotoQuery, WhistlePhoto> {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVIDENCE_STORAGE) private readonly storage: EvidenceStorage,
  ) {}

  async execute(q: ReadWhistlePhotoQuery): Promise<WhistlePhoto> {
    const { rows } = await this.pool.query<{ content_type: string; storage_key: string }>(
      `SELECT content_type, storage_key FROM uploads
        WHERE id = $1 AND community_id = $2
          AND (whistle_id = $3 OR (uploaded_by = $4 AND attached_at IS NULL))`,
      [q.uploadId, q.communityId, q.whistleId, q.userId],
    );
    const row = rows[0];
    if (row === undefined) throw new NotFoundError('找不到该照片', { uploadId: q.uploadId });
    return {
      id: q.uploadId,
      contentType: row.content_type,
      bytes: await this.storage.get(row.storage_key),
    };
  }
}
