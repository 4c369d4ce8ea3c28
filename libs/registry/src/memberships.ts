import { type Pool, type PoolClient } from 'pg';
import {
  AlreadyExistsError,
  ForbiddenError,
  isParty,
  isRole,
  NotFoundError,
  ValidationError,
  type Party,
  type Role,
} from '@yishi/domain';
import { inTransaction, uniqueViolation } from '@yishi/database';
import { recordAudit } from './audit';
import { foreignUnitIds } from './units';

/** The units a member owns, as a column of a query over `memberships m`. */
export const UNIT_IDS = `coalesce((SELECT array_agg(o.unit_id ORDER BY o.unit_id) FROM unit_owners o
  WHERE o.community_id = m.community_id AND o.user_id = m.user_id), '{}')`;

export interface Membership {
  readonly communityId: string;
  readonly userId: string;
  readonly roles: Role[];
  readonly party: Party | null;
  readonly unitIds: string[];
}

export interface MembershipInput {
  readonly roles: readonly string[];
  readonly party?: string | null | undefined;
  readonly unitIds?: readonly string[] | undefined;
}

/**
 * The rules of http-api.md: `party-member` needs a party; a secretary belongs to the party
 * organisation; `resident` needs the units they own, and only residents own units.
 */
export function normaliseMembership(
  input: MembershipInput,
): Omit<Membership, 'communityId' | 'userId'> {
  const fail = (field: string, problem: string): never => {
    throw new ValidationError(`${field} ${problem}`, { fields: [{ field, problems: [problem] }] });
  };
  if (input.roles.length === 0) fail('roles', 'must name at least one role');
  const roles = [...new Set(input.roles)];
  for (const r of roles) if (!isRole(r)) fail('roles', `has an unknown role: ${r}`);
  const typed = roles as Role[];
  const given = input.party ?? null;
  if (given !== null && !isParty(given)) fail('party', 'is not one of the five parties');
  let party = given as Party | null;
  if (typed.includes('secretary')) {
    if (party !== null && party !== 'party-organisation')
      fail('party', 'of a secretary must be party-organisation');
    party = 'party-organisation';
  }
  if (typed.includes('party-member') && party === null)
    fail('party', 'is required for a party-member');
  if (party !== null && !typed.includes('party-member') && !typed.includes('secretary'))
    fail('party', 'is only for a party-member or a secretary');
  const unitIds = [...new Set(input.unitIds ?? [])];
  if (typed.includes('resident') && unitIds.length === 0)
    fail('unitIds', 'must list the units a resident owns');
  if (!typed.includes('resident') && unitIds.length > 0) fail('unitIds', 'are only for a resident');
  return { roles: typed, party, unitIds };
}

/**
 * A real-name binding lasts only while the account owns the unit: units taken out of a member's
 * list (or the whole membership) end their active bindings, each with its audit row.
 */
async function endBindingsOfUnowned(
  db: PoolClient,
  actorId: string | null,
  communityId: string,
  userId: string,
  keep: readonly string[],
): Promise<void> {
  const { rows } = await db.query<{ id: string; unit_id: string }>(
    `UPDATE unit_bindings SET unbound_at = now(), unbound_by = $4,
            unbind_reason = 'ownership removed from the registry'
      WHERE community_id = $1 AND user_id = $2 AND unbound_at IS NULL
        AND NOT (unit_id = ANY ($3::uuid[]))
      RETURNING id, unit_id`,
    [communityId, userId, keep, actorId],
  );
  for (const r of rows)
    await recordAudit(db, {
      communityId,
      actorId,
      action: 'unit-binding.unbound',
      entity: 'unit-binding',
      entityId: r.id,
      data: { unitId: r.unit_id, userId, by: 'ownership-removed', reason: null },
    });
}

async function writeOwners(
  db: PoolClient,
  actorId: string | null,
  communityId: string,
  userId: string,
  unitIds: string[],
) {
  const foreign = await foreignUnitIds(db, communityId, unitIds);
  if (foreign.length > 0)
    throw new ValidationError('所选房屋中有不属于本社区的', {
      fields: [{ field: 'unitIds', problems: [`unknown units: ${foreign.join(', ')}`] }],
    });
  await db.query(`DELETE FROM unit_owners WHERE community_id = $1 AND user_id = $2`, [
    communityId,
    userId,
  ]);
  await db.query(
    `INSERT INTO unit_owners (unit_id, user_id, community_id)
     SELECT u, $2, $1 FROM unnest($3::uuid[]) AS u`,
    [communityId, userId, unitIds],
  );
  await endBindingsOfUnowned(db, actorId, communityId, userId, unitIds);
}

export async function createMembership(
  pool: Pool,
  actorId: string | null,
  communityId: string,
  userId: string,
  input: MembershipInput,
  db?: PoolClient,
): Promise<Membership> {
  const m = normaliseMembership(input);
  const work = async (client: PoolClient) => {
    const user = await client.query(`SELECT 1 FROM users WHERE id = $1`, [userId]);
    if (user.rowCount === 0)
      throw new ValidationError('找不到该用户', {
        fields: [{ field: 'userId', problems: ['no such user'] }],
      });
    try {
      await client.query(
        `INSERT INTO memberships (community_id, user_id, roles, party) VALUES ($1, $2, $3, $4)`,
        [communityId, userId, m.roles, m.party],
      );
    } catch (error) {
      if (uniqueViolation(error) === 'memberships_pkey')
        throw new AlreadyExistsError('该用户已经是本社区的成员', {
          field: 'userId',
        });
      throw error;
    }
    await writeOwners(client, actorId, communityId, userId, m.unitIds);
    await recordAudit(client, {
      communityId,
      actorId,
      action: 'membership.created',
      entity: 'membership',
      entityId: userId,
      data: { ...m },
    });
    return { communityId, userId, ...m };
  };
  return db === undefined ? inTransaction(pool, work) : work(db);
}

export async function findMembership(
  db: Pool | PoolClient,
  communityId: string,
  userId: string,
  lock = false,
): Promise<Membership | undefined> {
  const { rows } = await db.query<{ roles: Role[]; party: Party | null; unit_ids: string[] }>(
    `SELECT m.roles, m.party,
            ${UNIT_IDS} AS unit_ids
       FROM memberships m WHERE m.community_id = $1 AND m.user_id = $2 ${lock ? 'FOR UPDATE OF m' : ''}`,
    [communityId, userId],
  );
  const r = rows[0];
  return r === undefined
    ? undefined
    : { communityId, userId, roles: r.roles, party: r.party, unitIds: r.unit_ids };
}

export async function updateMembership(
  pool: Pool,
  actorId: string,
  communityId: string,
  userId: string,
  patch: Partial<MembershipInput>,
  allowSecretaryChange: (
    before: Membership,
    after: Omit<Membership, 'communityId' | 'userId'>,
  ) => boolean,
): Promise<Membership> {
  return inTransaction(pool, async (client) => {
    const before = await findMembership(client, communityId, userId, true);
    if (before === undefined) throw new NotFoundError('找不到该成员', { userId });
    const after = normaliseMembership({
      roles: patch.roles ?? before.roles,
      // New roles without a party drop the old one, unless the patch names it.
      party:
        patch.party !== undefined
          ? patch.party
          : (patch.roles ?? before.roles).some((r) => r === 'party-member' || r === 'secretary')
            ? before.party
            : null,
      unitIds:
        patch.unitIds ??
        (patch.roles !== undefined && !patch.roles.includes('resident') ? [] : before.unitIds),
    });
    if (!allowSecretaryChange(before, after)) throw secretaryOnlyByAdmin();
    await client.query(
      `UPDATE memberships SET roles = $3, party = $4, updated_at = now()
        WHERE community_id = $1 AND user_id = $2`,
      [communityId, userId, after.roles, after.party],
    );
    await writeOwners(client, actorId, communityId, userId, after.unitIds);
    await recordAudit(client, {
      communityId,
      actorId,
      action: 'membership.updated',
      entity: 'membership',
      entityId: userId,
      data: {
        before: { roles: before.roles, party: before.party, unitIds: before.unitIds },
        after,
      },
    });
    return { communityId, userId, ...after };
  });
}

export async function deleteMembership(
  pool: Pool,
  actorId: string,
  communityId: string,
  userId: string,
  allowSecretaryChange: (before: Membership) => boolean,
): Promise<void> {
  await inTransaction(pool, async (client) => {
    const before = await findMembership(client, communityId, userId, true);
    if (before === undefined) throw new NotFoundError('找不到该成员', { userId });
    if (!allowSecretaryChange(before)) throw secretaryOnlyByAdmin();
    await client.query(`DELETE FROM unit_owners WHERE community_id = $1 AND user_id = $2`, [
      communityId,
      userId,
    ]);
    await endBindingsOfUnowned(client, actorId, communityId, userId, []);
    await client.query(`DELETE FROM memberships WHERE community_id = $1 AND user_id = $2`, [
      communityId,
      userId,
    ]);
    await recordAudit(client, {
      communityId,
      actorId,
      action: 'membership.deleted',
      entity: 'membership',
      entityId: userId,
      data: { before: { roles: before.roles, party: before.party, unitIds: before.unitIds } },
    });
  });
}

function secretaryOnlyByAdmin(): ForbiddenError {
  return new ForbiddenError('只有平台管理员可以任命或免去书记');
}

export interface MemberView extends Membership {
  readonly username: string;
  readonly displayName: string;
}

/**
 * A page of a community's members, oldest first, with the total: optionally only one role, or only
 * members of one of the five parties (`withParty`).
 */
export async function listMemberships(
  db: Pool,
  communityId: string,
  page: { limit: number; offset: number; role?: Role | undefined; withParty?: boolean },
): Promise<{ items: MemberView[]; total: number }> {
  const where = `m.community_id = $1
        AND ($2::text IS NULL OR $2 = ANY (m.roles))
        AND (NOT $3 OR m.party IS NOT NULL)`;
  const args = [communityId, page.role ?? null, page.withParty === true];
  const [{ rows }, count] = await Promise.all([
    db.query<{
      user_id: string;
      username: string;
      display_name: string;
      roles: Role[];
      party: Party | null;
      unit_ids: string[];
    }>(
      `SELECT m.user_id, u.username, u.display_name, m.roles, m.party,
              ${UNIT_IDS} AS unit_ids
         FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE ${where}
        ORDER BY m.created_at, m.user_id
        LIMIT $4 OFFSET $5`,
      [...args, page.limit, page.offset],
    ),
    db.query<{ n: string }>(`SELECT count(*) AS n FROM memberships m WHERE ${where}`, args),
  ]);
  return {
    items: rows.map((r) => ({
      communityId,
      userId: r.user_id,
      username: r.username,
      displayName: r.display_name,
      roles: r.roles,
      party: r.party,
      unitIds: r.unit_ids,
    })),
    total: Number(count.rows[0]!.n),
  };
}

/** Every membership of a user, for GET /me and the guard. */
export async function membershipsOf(
  db: Pool,
  userId: string,
): Promise<(Membership & { communityName: string })[]> {
  const { rows } = await db.query<{
    community_id: string;
    name: string;
    roles: Role[];
    party: Party | null;
    unit_ids: string[];
  }>(
    `SELECT m.community_id, c.name, m.roles, m.party,
            ${UNIT_IDS} AS unit_ids
       FROM memberships m JOIN communities c ON c.id = m.community_id
      WHERE m.user_id = $1 ORDER BY m.created_at, m.community_id`,
    [userId],
  );
  return rows.map((r) => ({
    communityId: r.community_id,
    communityName: r.name,
    userId,
    roles: r.roles,
    party: r.party,
    unitIds: r.unit_ids,
  }));
}

/** Whether a membership holds the secretary role (giving or taking it is the admin's alone). */
export const isSecretary = (m: { readonly roles: readonly string[] }): boolean =>
  m.roles.includes('secretary');
