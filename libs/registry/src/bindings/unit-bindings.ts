import { randomUUID } from 'node:crypto';
import { type Pool, type PoolClient } from 'pg';
import { AlreadyExistsError, ForbiddenError } from '@yishi/domain';
import { uniqueViolation } from '@yishi/database';
import { recordAudit } from '../audit';
import { isTenant } from './binding-checks';
import { type BindingHasher } from './binding-hasher';
import { type BindingMethod, type OwnerIdentityInput, type UnitBindingView } from './binding-views';
import { recordOwnerIdentity } from './owner-identities.repository';

// The binding rows shared by the binding by match, the secretary's approval and the demo's seed.

/**
 * After a binding: the account is an owner of the unit (unit_owners) and holds the resident role,
 * so later electorates count them. Returns whether either was added. A member registered as a
 * tenant is never made an owner this way (403): the secretary corrects the occupancy first.
 */
export async function ensureOwner(
  client: PoolClient,
  communityId: string,
  userId: string,
  unitId: string,
): Promise<boolean> {
  if (await isTenant(client, communityId, userId))
    throw new ForbiddenError(
      '该居民在本社区登记为租户，不能作为业主绑定房屋；请先将其居住身份更正为业主',
      { unitId, occupancy: 'tenant' },
    );
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

export interface BindingRow {
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

export const BINDING_SELECT = `
  SELECT b.id, b.community_id, b.unit_id, b.user_id, b.method, b.bound_by, b.bound_at,
         b.unbound_at, b.unbound_by, e.name AS estate, bl.name AS building, n.name AS entrance,
         u.room
    FROM unit_bindings b
    JOIN units u ON u.id = b.unit_id
    JOIN entrances n ON n.id = u.entrance_id
    JOIN buildings bl ON bl.id = n.building_id
    JOIN estates e ON e.id = bl.estate_id`;

export function bindingView(r: BindingRow): UnitBindingView {
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

export async function readBinding(db: Pool | PoolClient, id: string): Promise<UnitBindingView> {
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
