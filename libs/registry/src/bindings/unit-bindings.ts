import { randomUUID } from 'node:crypto';
import { type Pool, type PoolClient } from 'pg';
import {
  AlreadyExistsError,
  BindingMismatchError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
} from '@yishi/domain';
import { inTransaction, uniqueViolation } from '@yishi/database';
import { recordAudit } from '../audit';
import { type BindingHasher } from './binding-hasher';
import { lockedFor, recordFailure } from './binding-attempts';
import { invalid, MAX_REASON, unitCommunity } from './binding-checks';
import { type BindingMethod, type OwnerIdentityInput, type UnitBindingView } from './binding-views';
import { identitiesOf, matching, normaliseIdentity, recordOwnerIdentity } from './owner-identities';

/**
 * After a binding: the account is an owner of the unit (unit_owners) and holds the resident role,
 * so later electorates count them. Returns whether either was added.
 */
export async function ensureOwner(
  client: PoolClient,
  communityId: string,
  userId: string,
  unitId: string,
): Promise<boolean> {
  const owner = await client.query(
    `INSERT INTO unit_owners (unit_id, user_id, community_id) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING`,
    [unitId, userId, communityId],
  );
  const role = await client.query(
    `UPDATE memberships SET roles = array_append(roles, 'resident'), updated_at = now()
      WHERE community_id = $1 AND user_id = $2 AND NOT ('resident' = ANY (roles))`,
    [communityId, userId],
  );
  return (owner.rowCount ?? 0) + (role.rowCount ?? 0) > 0;
}

interface BindingRow {
  id: string;
  community_id: string;
  unit_id: string;
  user_id: string;
  method: BindingMethod;
  bound_by: string | null;
  bound_at: Date;
  unbound_at: Date | null;
  unbound_by: string | null;
  estate: string;
  building: string;
  entrance: string;
  room: string;
}

const BINDING_SELECT = `
  SELECT b.id, b.community_id, b.unit_id, b.user_id, b.method, b.bound_by, b.bound_at,
         b.unbound_at, b.unbound_by, e.name AS estate, bl.name AS building, n.name AS entrance,
         u.room
    FROM unit_bindings b
    JOIN units u ON u.id = b.unit_id
    JOIN entrances n ON n.id = u.entrance_id
    JOIN buildings bl ON bl.id = n.building_id
    JOIN estates e ON e.id = bl.estate_id`;

function bindingView(r: BindingRow): UnitBindingView {
  return {
    id: r.id,
    communityId: r.community_id,
    unitId: r.unit_id,
    unit: { estate: r.estate, building: r.building, entrance: r.entrance, room: r.room },
    userId: r.user_id,
    method: r.method,
    boundAt: r.bound_at.toISOString(),
    boundBy: r.bound_by,
    unboundAt: r.unbound_at?.toISOString() ?? null,
    unboundBy: r.unbound_by,
    active: r.unbound_at === null,
  };
}

async function readBinding(db: Pool | PoolClient, id: string): Promise<UnitBindingView> {
  const { rows } = await db.query<BindingRow>(`${BINDING_SELECT} WHERE b.id = $1`, [id]);
  return bindingView(rows[0]!);
}

/** Inserts an active binding; 409 ALREADY_EXISTS when the account or the identity is bound. */
export async function insertBinding(
  client: PoolClient,
  b: {
    communityId: string;
    unitId: string;
    userId: string;
    method: BindingMethod;
    identityId?: string;
    requestId?: string;
    boundBy: string | null;
  },
): Promise<string> {
  const id = randomUUID();
  try {
    await client.query('SAVEPOINT bind');
    await client.query(
      `INSERT INTO unit_bindings
         (id, community_id, unit_id, user_id, method, identity_id, request_id, bound_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        id,
        b.communityId,
        b.unitId,
        b.userId,
        b.method,
        b.identityId ?? null,
        b.requestId ?? null,
        b.boundBy,
      ],
    );
    await client.query('RELEASE SAVEPOINT bind');
  } catch (error) {
    const constraint = uniqueViolation(error);
    if (constraint === 'unit_bindings_active')
      throw new AlreadyExistsError('您已绑定该房屋', { unitId: b.unitId });
    if (constraint === 'unit_bindings_identity_active')
      throw new AlreadyExistsError('该业主身份已绑定其他账号，请联系社区书记', {
        unitId: b.unitId,
      });
    throw error;
  }
  return id;
}

/**
 * POST /me/unit-bindings: the caller names a unit and the owner's certificate and ID numbers; when
 * both match an owner the secretary recorded for the unit, the caller is bound (and recorded as
 * an owner of it). A mismatch is 422 BINDING_MISMATCH and counts: after BINDING_USER_FAILURES
 * failures of the account, or BINDING_UNIT_FAILURES on the unit, within 15 minutes, 429
 * RATE_LIMITED for 15 minutes. 404 for an unknown unit, 403 for a unit of a community the caller
 * is not a member of.
 */
export async function bindByRegistryMatch(
  pool: Pool,
  hasher: BindingHasher,
  userId: string,
  input: OwnerIdentityInput & { readonly unitId: string },
): Promise<UnitBindingView> {
  const identity = normaliseIdentity(input);
  const { unitId } = input;
  const communityId = await unitCommunity(pool, unitId);
  if (communityId === undefined) throw new NotFoundError('找不到该房屋', { unitId });
  const member = await pool.query(
    `SELECT 1 FROM memberships WHERE community_id = $1 AND user_id = $2`,
    [communityId, userId],
  );
  if ((member.rowCount ?? 0) === 0)
    throw new ForbiddenError('只能绑定本人所在社区的房屋', { unitId });
  const locked = await lockedFor(pool, userId, unitId);
  if (locked > 0) throw new RateLimitedError('核验失败次数过多，请稍后再试或申请书记审核', locked);
  const found = matching(hasher, await identitiesOf(pool, unitId), identity);
  if (found === undefined) {
    const { attemptsLeft, lockedForSeconds } = await recordFailure(
      pool,
      communityId,
      userId,
      unitId,
    );
    if (lockedForSeconds > 0)
      throw new RateLimitedError('核验失败次数过多，请稍后再试或申请书记审核', lockedForSeconds);
    throw new BindingMismatchError('产权证号或身份证号与登记信息不符', { unitId, attemptsLeft });
  }
  return inTransaction(pool, async (client) => {
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
export async function unbind(
  pool: Pool,
  actorId: string,
  bindingId: string,
  by: { readonly self: true } | { readonly communityId: string; readonly reason: unknown },
): Promise<UnitBindingView> {
  let reason: string | null = null;
  if (!('self' in by)) {
    if (typeof by.reason !== 'string' || by.reason.trim() === '' || by.reason.length > MAX_REASON)
      throw invalid('reason', `required, 1 to ${MAX_REASON} characters`);
    reason = by.reason.trim();
  }
  return inTransaction(pool, async (client) => {
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
export async function bindingsOfUser(db: Pool, userId: string): Promise<UnitBindingView[]> {
  const { rows } = await db.query<BindingRow>(
    `${BINDING_SELECT} WHERE b.user_id = $1 AND b.unbound_at IS NULL
      ORDER BY b.bound_at DESC, b.id`,
    [userId],
  );
  return rows.map(bindingView);
}

/** A community's bindings, active and ended, newest first (the secretary's view). */
export async function bindingsOfCommunity(
  db: Pool,
  communityId: string,
  filter: { readonly unitId?: string | undefined; readonly active?: boolean | undefined },
): Promise<UnitBindingView[]> {
  const { rows } = await db.query<BindingRow>(
    `${BINDING_SELECT}
      WHERE b.community_id = $1 AND ($2::uuid IS NULL OR b.unit_id = $2)
        AND ($3::boolean IS NULL OR (b.unbound_at IS NULL) = $3)
      ORDER BY b.bound_at DESC, b.id LIMIT 1000`,
    [communityId, filter.unitId ?? null, filter.active ?? null],
  );
  return rows.map(bindingView);
}

/** The units `userId` is bound to now: what an owner's ballot is checked against. */
export async function boundUnitIds(db: Pool | PoolClient, userId: string): Promise<Set<string>> {
  const { rows } = await db.query<{ unit_id: string }>(
    `SELECT unit_id FROM unit_bindings WHERE user_id = $1 AND unbound_at IS NULL`,
    [userId],
  );
  return new Set(rows.map((r) => r.unit_id));
}

/** Whether `userId` is bound to `unitId` now. */
export async function isBound(
  db: Pool | PoolClient,
  userId: string,
  unitId: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `SELECT 1 FROM unit_bindings WHERE user_id = $1 AND unit_id = $2 AND unbound_at IS NULL`,
    [userId, unitId],
  );
  return (rowCount ?? 0) > 0;
}

/**
 * The demo's binding (SEED_DEMO): the owner identity recorded and the account bound by matching
 * it, as a resident would, so the demo's owners can vote at once.
 */
export async function seedDemoBinding(
  pool: Pool,
  db: PoolClient,
  hasher: BindingHasher,
  b: { communityId: string; unitId: string; userId: string; identity: OwnerIdentityInput },
): Promise<void> {
  const recorded = await recordOwnerIdentity(
    pool,
    hasher,
    b.communityId,
    null,
    b.unitId,
    b.identity,
    db,
  );
  const bindingId = await insertBinding(db, {
    communityId: b.communityId,
    unitId: b.unitId,
    userId: b.userId,
    method: 'registry-match',
    identityId: recorded.id,
    boundBy: null,
  });
  await recordAudit(db, {
    communityId: b.communityId,
    actorId: null,
    action: 'unit-binding.bound',
    entity: 'unit-binding',
    entityId: bindingId,
    data: { unitId: b.unitId, userId: b.userId, method: 'registry-match', demo: true },
  });
}
