/**
 * The `uploads` rows (docs/demands.md, "Photos"): a photo uploaded before the demand or resolution
 * that names it, its bytes in the evidence store. Attached to a demand once its intake or a
 * resolution names it; before that only its uploader may use or read it.
 */
import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { ValidationError } from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';

export interface Upload {
  readonly id: string;
  readonly communityId: string;
  readonly uploadedBy: string;
  readonly contentType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly storageKey: string;
  readonly uploadedAt: string;
  readonly demandId: string | null;
  /** The case whose meeting minutes hold it. */
  readonly caseId: string | null;
}

interface UploadRow {
  id: string;
  community_id: string;
  uploaded_by: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_at: Date;
  demand_id: string | null;
  case_id: string | null;
}

const toUpload = (r: UploadRow): Upload => ({
  id: r.id,
  communityId: r.community_id,
  uploadedBy: r.uploaded_by,
  contentType: r.content_type,
  sizeBytes: r.size_bytes,
  sha256: r.sha256,
  storageKey: r.storage_key,
  uploadedAt: r.uploaded_at.toISOString(),
  demandId: r.demand_id,
  caseId: r.case_id,
});

@Injectable()
export class UploadsRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async insert(u: Omit<Upload, 'uploadedAt' | 'demandId' | 'caseId'>): Promise<Upload> {
    const { rows } = await this.pool.query<UploadRow>(
      `INSERT INTO uploads (id, community_id, uploaded_by, content_type, size_bytes, sha256, storage_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [u.id, u.communityId, u.uploadedBy, u.contentType, u.sizeBytes, u.sha256, u.storageKey],
    );
    return toUpload(rows[0]!);
  }

  async find(uploadId: string): Promise<Upload | undefined> {
    const { rows } = await this.pool.query<UploadRow>(`SELECT * FROM uploads WHERE id = $1`, [
      uploadId,
    ]);
    return rows[0] === undefined ? undefined : toUpload(rows[0]);
  }

  /** The community of an upload (the access guard's scope); undefined for an unknown one. */
  async community(uploadId: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ community_id: string }>(
      `SELECT community_id FROM uploads WHERE id = $1`,
      [uploadId],
    );
    return rows[0]?.community_id;
  }

  /**
   * 400 unless every id is an upload of the caller in the community that no demand names yet;
   * the ids, each once, in the order given.
   */
  async requireOwnUnattached(
    communityId: string,
    userId: string,
    photoIds: readonly string[],
    field: string,
  ): Promise<string[]> {
    const ids = [...new Set(photoIds)];
    if (ids.length === 0) return [];
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT id FROM uploads
        WHERE id = ANY ($1::uuid[]) AND community_id = $2 AND uploaded_by = $3
          AND attached_at IS NULL`,
      [ids, communityId, userId],
    );
    const usable = new Set(rows.map((r) => r.id));
    const others = ids.filter((id) => !usable.has(id));
    if (others.length > 0)
      throw new ValidationError(
        '照片须是您本人在本社区上传、且尚未用于其他诉求的照片，请重新上传',
        {
          fields: [
            { field, problems: others.map((id) => `not an unattached upload of yours: ${id}`) },
          ],
        },
      );
    return ids;
  }

  /** Names the demand on the uploads (its intake or a resolution just appended). */
  async attach(demandId: string, uploadIds: readonly string[]): Promise<void> {
    if (uploadIds.length === 0) return;
    await this.pool.query(
      `UPDATE uploads SET demand_id = $1, attached_at = now()
        WHERE id = ANY ($2::uuid[]) AND attached_at IS NULL`,
      [demandId, uploadIds],
    );
  }
}
