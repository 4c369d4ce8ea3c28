/**
 * A whistle's photos (报到, 反馈): uploads like a demand's (the `uploads` rows, bytes in the evidence
 * store), made by the department's member for the whistle's community, attached to the whistle
 * once a check-in or an answer names them (`uploads.whistle_id`).
 */
import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { ValidationError } from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';

@Injectable()
export class WhistlePhotos {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /**
   * 400 unless every id is an upload of the caller in the community that nothing uses yet; the
   * ids, each once, in the order given.
   */
  async requireOwnUnattached(
    communityId: string,
    userId: string,
    photoIds: readonly string[],
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
      throw new ValidationError('照片须是您本人为本次吹哨上传、且尚未使用的照片，请重新上传', {
        fields: [
          {
            field: 'photoIds',
            problems: others.map((id) => `not an unattached upload of yours: ${id}`),
          },
        ],
      });
    return ids;
  }

  async attach(whistleId: string, uploadIds: readonly string[]): Promise<void> {
    if (uploadIds.length === 0) return;
    await this.pool.query(
      `UPDATE uploads SET whistle_id = $1, attached_at = now()
        WHERE id = ANY ($2::uuid[]) AND attached_at IS NULL`,
      [whistleId, uploadIds],
    );
  }
}
