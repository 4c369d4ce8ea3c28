import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import {
  BindingMismatchError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
} from '@yishi/domain';
import { inTransaction } from '@yishi/database';
import { PG_POOL } from '@yishi/platform';
import { recordAudit } from '../audit';
import { lockedFor, recordFailure } from './binding-attempts';
import { BINDING_HASHER, type BindingHasher } from './binding-hasher';
import { unitCommunity } from './binding-checks';
import { type OwnerIdentityInput, type UnitBindingView } from './binding-views';
import { identitiesOf, matching, normaliseIdentity } from './owner-identities';
import {
  BINDING_SELECT,
  type BindingRow,
  bindingView,
  ensureOwner,
  insertBinding,
  readBinding,
} from './unit-bindings';

/** Accounts bound to units (实名绑定): binding by match, ending, and the two lists. */
@Injectable()
export class UnitBindingsRepository {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(BINDING_HASHER) private readonly hasher: BindingHasher,
  ) {}

  /**
   * POST /me/unit-bindings: the caller names a unit and the owner's certificate and ID numbers; when
   * both match an owner the secretary recorded for the unit, the caller is bound (and recorded as
   * an owner of it). A mismatch is 422 BINDING_MISMATCH and counts: after BINDING_USER_FAILURES
   * failures of the account, or BINDING_UNIT_FAILURES on the unit, within 15 minutes, 429
   * RATE_LIMITED for 15 minutes. 404 for an unknown unit, 403 for a unit of a community the caller
   * is not a member of.
   */
  async bindByRegistryMatch(
    userId: string,
    input: OwnerIdentityInput & { readonly unitId: string },
  ): Promise<UnitBindingView> {
    const identity = normaliseIdentity(input);
    const { unitId } = input;
    const communityId = await unitCommunity(this.pool, unitId);
    if (communityId === undefined) throw new NotFoundError('找不到该房屋', { unitId });
    const member = await this.pool.query(
      `SELECT 1 FROM memberships WHERE community_id = $1 AND user_id = $2`,
      [communityId, userId],
    );
    if ((member.rowCount ?? 0) === 0)
      throw new ForbiddenError('只能绑定本人所在社区的房屋', { unitId });
    const locked = await lockedFor(this.pool, userId, unitId);
    if (locked > 0)
      throw new RateLimitedError('核验失败次数过多，请稍后再试或申请书记审核', locked);
    const found = matching(this.hasher, await identitiesOf(this.pool, unitId), identity);
    if (found === undefined) {
      const { attemptsLeft, lockedForSeconds } = await recordFailure(
        this.pool,
        communityId,
        userId,
        unitId,
      );
      if (lockedForSeconds > 0)
        throw new RateLimitedError('核验失败次数过多，请稍后再试或申请书记审核', lockedForSeconds);
      throw new BindingMismatchError('产权证号或身份证号与登记信息不符', { unitId, attemptsLeft });
    }
    return inTransaction(this.pool, async (client) => {
      const bindingId = await insertBinding(client, {
        communityId,
        unitId,
        userId,
        method: 'registry-match',
        identityId: found.id,
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
        data: { unitId, userId, method: 'registry-match', identityId: found.id, ownerAdded },
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

/** Binding by match (UnitBindingsRepository.bindByRegistryMatch), for code without Nest. */
export function bindByRegistryMatch(
  pool: Pool,
  hasher: BindingHasher,
  userId: string,
  input: OwnerIdentityInput & { readonly unitId: string },
): Promise<UnitBindingView> {
  return new UnitBindingsRepository(pool, hasher).bindByRegistryMatch(userId, input);
}
