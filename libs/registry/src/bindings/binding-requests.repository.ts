import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { AlreadyExistsError, NotFoundError, WrongStageError } from '@yishi/domain';
import { inTransaction, uniqueViolation } from '@yishi/database';
import { PG_POOL } from '@yishi/platform';
import { recordAudit } from '../audit';
import { refuseTenant, unitOf } from './binding-checks';
import { type BindingRequestStatus, type BindingRequestView } from './binding-views';
import { ensureOwner, insertBinding, isBound } from './unit-bindings';

interface RequestRow {
  id: string;
  community_id: string;
  unit_id: string;
  user_id: string;
  status: BindingRequestStatus;
  evidence_storage_key: string;
  evidence_content_type: string;
  evidence_size_bytes: number;
  evidence_sha256: string;
  evidence_file_name: string | null;
  created_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
}

/** Where a request's evidence is downloaded (the secretary's review). */
export function bindingEvidencePath(r: { communityId: string; id: string }): string {
  return `/api/v1/communities/${r.communityId}/binding-requests/${r.id}/evidence`;
}

function requestView(r: RequestRow): BindingRequestView {
  return {
    id: r.id,
    communityId: r.community_id,
    unitId: r.unit_id,
    userId: r.user_id,
    status: r.status,
    evidence: {
      url: bindingEvidencePath({ communityId: r.community_id, id: r.id }),
      contentType: r.evidence_content_type,
      sizeBytes: r.evidence_size_bytes,
      sha256: r.evidence_sha256,
      fileName: r.evidence_file_name,
    },
    createdAt: r.created_at.toISOString(),
    decidedBy: r.decided_by,
    decidedAt: r.decided_at?.toISOString() ?? null,
    reason: r.decision_reason,
  };
}

/** Requests for the secretary's approval of a binding, with their evidence's storage keys. */
@Injectable()
export class BindingRequestsRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /**
   * Checks a request before its evidence is stored: the unit is the community's, not bound yet,
   * and the caller is not registered there as a tenant.
   */
  async check(communityId: string, userId: string, unitId: string): Promise<void> {
    await unitOf(this.pool, communityId, unitId);
    await refuseTenant(this.pool, communityId, userId, unitId);
    if (await isBound(this.pool, userId, unitId))
      throw new AlreadyExistsError('您已绑定该房屋', { unitId });
  }

  /** One pending request per account and unit (409 ALREADY_EXISTS), with its audit row. */
  async create(r: {
    readonly communityId: string;
    readonly userId: string;
    readonly unitId: string;
    readonly evidence: {
      readonly storageKey: string;
      readonly contentType: string;
      readonly sizeBytes: number;
      readonly sha256: string;
      readonly fileName: string | null;
    };
  }): Promise<BindingRequestView> {
    await this.check(r.communityId, r.userId, r.unitId);
    return inTransaction(this.pool, async (client) => {
      let rows: RequestRow[];
      try {
        ({ rows } = await client.query<RequestRow>(
          `INSERT INTO unit_binding_requests (id, community_id, unit_id, user_id,
           evidence_storage_key, evidence_content_type, evidence_size_bytes, evidence_sha256,
           evidence_file_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
          [
            randomUUID(),
            r.communityId,
            r.unitId,
            r.userId,
            r.evidence.storageKey,
            r.evidence.contentType,
            r.evidence.sizeBytes,
            r.evidence.sha256,
            r.evidence.fileName,
          ],
        ));
      } catch (error) {
        if (uniqueViolation(error) === 'unit_binding_requests_pending')
          throw new AlreadyExistsError('该房屋已有待审核的绑定申请', { unitId: r.unitId });
        throw error;
      }
      const row = rows[0]!;
      await recordAudit(client, {
        communityId: r.communityId,
        actorId: r.userId,
        action: 'binding-request.created',
        entity: 'binding-request',
        entityId: row.id,
        data: { unitId: r.unitId, sha256: r.evidence.sha256 },
      });
      return requestView(row);
    });
  }

  /** A community's binding requests (`all`, the secretary) or the caller's own; newest first. */
  async list(
    communityId: string,
    userId: string,
    filter: { readonly all: boolean; readonly status?: BindingRequestStatus | undefined },
  ): Promise<BindingRequestView[]> {
    const { rows } = await this.pool.query<RequestRow>(
      `SELECT * FROM unit_binding_requests
      WHERE community_id = $1 AND ($3 OR user_id = $2) AND ($4::text IS NULL OR status = $4)
      ORDER BY created_at DESC, id LIMIT 500`,
      [communityId, userId, filter.all, filter.status ?? null],
    );
    return rows.map(requestView);
  }

  /** The stored evidence of a request the caller may see (the secretary's, or their own). */
  async evidence(
    communityId: string,
    requestId: string,
    viewer: { readonly userId: string; readonly all: boolean },
  ): Promise<{ storageKey: string; contentType: string; fileName: string | null; id: string }> {
    const { rows } = await this.pool.query<RequestRow>(
      `SELECT * FROM unit_binding_requests WHERE id = $1 AND community_id = $2`,
      [requestId, communityId],
    );
    const r = rows[0];
    if (r === undefined || (!viewer.all && r.user_id !== viewer.userId))
      throw new NotFoundError('找不到该绑定申请', { requestId });
    return {
      id: r.id,
      storageKey: r.evidence_storage_key,
      contentType: r.evidence_content_type,
      fileName: r.evidence_file_name,
    };
  }

  /**
   * Decides a pending request: approving binds the resident (method `secretary-approval`) and
   * records them as an owner; a decided request is 409 WRONG_STAGE. One transaction, audited.
   */
  async decide(
    communityId: string,
    actorId: string,
    requestId: string,
    decision: 'approve' | 'reject',
    reason: string | null,
  ): Promise<BindingRequestView & { bindingId: string | null }> {
    return inTransaction(this.pool, async (client) => {
      const found = await client.query<RequestRow>(
        `SELECT * FROM unit_binding_requests WHERE id = $1 AND community_id = $2 FOR UPDATE`,
        [requestId, communityId],
      );
      const r = found.rows[0];
      if (r === undefined) throw new NotFoundError('找不到该绑定申请', { requestId });
      if (r.status !== 'pending')
        throw new WrongStageError('该申请已处理', { requestId, status: r.status });
      let bindingId: string | null = null;
      if (decision === 'approve') {
        bindingId = await insertBinding(client, {
          communityId,
          unitId: r.unit_id,
          userId: r.user_id,
          method: 'secretary-approval',
          requestId,
          boundBy: actorId,
        });
        const ownerAdded = await ensureOwner(client, communityId, r.user_id, r.unit_id);
        await recordAudit(client, {
          communityId,
          actorId,
          action: 'unit-binding.bound',
          entity: 'unit-binding',
          entityId: bindingId,
          data: {
            unitId: r.unit_id,
            userId: r.user_id,
            method: 'secretary-approval',
            requestId,
            ownerAdded,
          },
        });
      }
      const { rows } = await client.query<RequestRow>(
        `UPDATE unit_binding_requests
          SET status = $2, decided_by = $3, decided_at = now(), decision_reason = $4
        WHERE id = $1 RETURNING *`,
        [requestId, decision === 'approve' ? 'approved' : 'rejected', actorId, reason],
      );
      await recordAudit(client, {
        communityId,
        actorId,
        action: decision === 'approve' ? 'binding-request.approved' : 'binding-request.rejected',
        entity: 'binding-request',
        entityId: requestId,
        data: { unitId: r.unit_id, userId: r.user_id, reason, bindingId },
      });
      return { ...requestView(rows[0]!), bindingId };
    });
  }
}
