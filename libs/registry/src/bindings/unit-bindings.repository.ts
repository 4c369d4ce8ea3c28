import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { NotFoundError } from '@yishi/domain';
import { inTransaction } from '@yishi/database';
import { PG_POOL } from '@yishi/platform';
import { recordAudit } from '../audit';
import { refuseTenant, unitCommunity } from './binding-checks';
import { type UnitBindingView } from './binding-views';
import {
  BINDING_SELECT,
  type BindingRow,
  bindingView,
  ensureOwner,
  insertBinding,
  readBinding,
} from './unit-bindings';

/** Accounts bound to units (实名绑定): the binding by match, its end, and the two lists. */
@Injectable()
export class UnitBindingsRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** The community of a unit; undefined for an unknown unit. */
  communityOfUnit(unitId: string): Promise<string | undefined> {
    return unitCommunity(this.pool, unitId);
  }

  /** 403 for a member registered as a tenant: never bound as an owner. */
  refuseTenant(communityId: string, userId: string, unitId: string): Promise<void> {
    return refuseTenant(this.pool, communityId, userId, unitId);
  }

  async isMember(communityId: string, userId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `SELECT 1 FROM memberships WHERE community_id = $1 AND user_id = $2`,
      [communityId, userId],
    );
    return (rowCount ?? 0) > 0;
  }

  /**
   * Binds the account through the owner record it matched, records it as an owner of the unit and
   * clears the account's failed matches: one transaction, audited. 409 ALREADY_EXISTS when the
   * account or the record is bound already.
   */
  async bindByMatch(b: {
    communityId: string;
    unitId: string;
    userId: string;
    identityId: string;
  }): Promise<UnitBindingView> {
    const { communityId, unitId, userId } = b;
    return inTransaction(this.pool, async (client) => {
      const bindingId = await insertBinding(client, {
        communityId,
        unitId,
        userId,
        method: 'registry-match',
        identityId: b.identityId,
        boundBy: userId,
      });
      const ownerAdded = await ensureOwner(client, communityId, userId, unitId);
      await client.query(`DELETE FROM unit_binding_attempts WHERE key = $1`, [`user:${userId}`]);
      await recordAudit(client, {
        communityId,
        actorId: userId,
        action: 'unit-binding.bound',
        entity: 'unit-binding',
        entityId: bindingId,
        data: { unitId, userId, method: 'registry-match', identityId: b.identityId, ownerAdded },
      });
      return readBinding(client, bindingId);
    });
  }

  /**
   * Ends a binding: by the bound resident themself (`by: self`; someone else's binding is not found)
   * or by the secretary of its community with a reason. Unbinding an ended binding returns it as is.
   */
  async unbind(
    actorId: string,
    bindingId: string,
    by: { readonly self: true } | { readonly communityId: string; readonly reason: string },
  ): Promise<UnitBindingView> {
    const reason = 'self' in by ? null : by.reason;
    return inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{
        community_id: string;
        unit_id: string;
        user_id: string;
        unbound_at: Date | null;
      }>(
        `SELECT community_id, unit_id, user_id, unbound_at FROM unit_bindings WHERE id = $1
         FOR UPDATE`,
        [bindingId],
      );
      const row = rows[0];
      if (
        row === undefined ||
        ('self' in by ? row.user_id !== actorId : row.community_id !== by.communityId)
      )
        throw new NotFoundError('找不到该绑定记录', { bindingId });
      if (row.unbound_at !== null) return readBinding(client, bindingId);
      await client.query(
        `UPDATE unit_bindings SET unbound_at = now(), unbound_by = $2, unbind_reason = $3
          WHERE id = $1`,
        [bindingId, actorId, reason],
      );
      await recordAudit(client, {
        communityId: row.community_id,
        actorId,
        action: 'unit-binding.unbound',
        entity: 'unit-binding',
        entityId: bindingId,
        data: {
          unitId: row.unit_id,
          userId: row.user_id,
          by: 'self' in by ? 'self' : 'secretary',
          reason,
        },
      });
      return readBinding(client, bindingId);
    });
  }

  /** The caller's active bindings (GET /me/unit-bindings), newest first. */
  async ofUser(userId: string): Promise<UnitBindingView[]> {
    const { rows } = await this.pool.query<BindingRow>(
      `${BINDING_SELECT} WHERE b.user_id = $1 AND b.unbound_at IS NULL
        ORDER BY b.bound_at DESC, b.id`,
      [userId],
    );
    return rows.map(bindingView);
  }

  /** A community's bindings, active and ended, newest first (the secretary's view). */
  async ofCommunity(
    communityId: string,
    filter: { readonly unitId?: string | undefined; readonly active?: boolean | undefined },
  ): Promise<UnitBindingView[]> {
    const { rows } = await this.pool.query<BindingRow>(
      `${BINDING_SELECT}
        WHERE b.community_id = $1 AND ($2::uuid IS NULL OR b.unit_id = $2)
          AND ($3::boolean IS NULL OR (b.unbound_at IS NULL) = $3)
        ORDER BY b.bound_at DESC, b.id LIMIT 1000`,
      [communityId, filter.unitId ?? null, filter.active ?? null],
    );
    return rows.map(bindingView);
  }
}
