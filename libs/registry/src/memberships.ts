import { type Pool, type PoolClient } from 'pg';
import {
  AlreadyExistsError,
  ForbiddenError,
  isOccupancy,
  isParty,
  isRole,
  NotFoundError,
  UNIT_LEAD_ROLES,
  ValidationError,
  type Occupancy,
  type Party,
  type Role,
} from '@yishi/domain';
import { inTransaction, uniqueViolation } from '@yishi/database';
import { recordAudit } from './audit';
import { foreignUnitIds } from './units';

const HOME_UNIT_IDS = `coalesce((SELECT array_agg(o.unit_id ORDER BY o.unit_id) FROM unit_owners o
  WHERE o.community_id = m.community_id AND o.user_id = m.user_id), '{}')`;

/** The units a unit lead or neighbour lead serves, as a column of a query over `memberships m`. */
export const LED_UNIT_IDS = `coalesce((SELECT array_agg(l.unit_id ORDER BY l.unit_id) FROM unit_leads l
  WHERE l.community_id = m.community_id AND l.user_id = m.user_id), '{}')`;

/**
 * A membership's `unitIds`, as a column of a query over `memberships m`: a resident's own units
 * (owned or rented), else the units a unit lead or neighbour lead serves.
 */
export const UNIT_IDS = `CASE WHEN 'resident' = ANY (m.roles) THEN ${HOME_UNIT_IDS}
  ELSE ${LED_UNIT_IDS} END`;

/** A membership's occupancy, as a column of a query over `memberships m`: residents' only. */
export const OCCUPANCY = `CASE WHEN 'resident' = ANY (m.roles) THEN m.occupancy END`;

export interface Membership {
  readonly communityId: string;
  readonly userId: string;
  readonly roles: Role[];
  readonly party: Party | null;
  /** A resident's own units; for a unit lead or neighbour lead who is not a resident, the led units. */
  readonly unitIds: string[];
  /** The units a unit lead or neighbour lead serves (empty for other roles). */
  readonly ledUnitIds: string[];
  /** How a resident lives in their units; null for a membership without the resident role. */
  readonly occupancy: Occupancy | null;
  /**
   * The estates (小区, by name) a party member is scoped to: told of, and acknowledging, only the
   * cases of those estates. Empty: the whole community.
   */
  readonly estates: string[];
}

export interface MembershipInput {
  readonly roles: readonly string[];
  readonly party?: string | null | undefined;
  readonly unitIds?: readonly string[] | undefined;
  readonly ledUnitIds?: readonly string[] | undefined;
  readonly occupancy?: string | null | undefined;
  readonly estates?: readonly string[] | undefined;
}

type MembershipFields = Omit<Membership, 'communityId' | 'userId'>;

const isLead = (roles: readonly string[]): boolean =>
  roles.some((r) => (UNIT_LEAD_ROLES as readonly string[]).includes(r));

const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x) => b.includes(x));

/**
 * The rules of http-api.md: `party-member` needs a party; a secretary belongs to the party
 * organisation; `resident` needs the units they live in, as an owner (the default) or a tenant;
 * `unit-lead` and `neighbour-lead` need the units they serve: `unitIds`, or `ledUnitIds` when the
 * membership is also a resident's (then `unitIds` are the resident's own).
 */
export function normaliseMembership(input: MembershipInput): MembershipFields {
  const fail = (field: string, message: string, problem: string): never => {
    throw new ValidationError(message, { fields: [{ field, problems: [problem] }] });
  };
  if (input.roles.length === 0) fail('roles', '请至少选择一个角色', 'must name at least one role');
  const roles = [...new Set(input.roles)];
  for (const r of roles)
    if (!isRole(r)) fail('roles', `未知的角色：${r}`, `has an unknown role: ${r}`);
  const typed = roles as Role[];
  const given = input.party ?? null;
  if (given !== null && !isParty(given))
    fail('party', '所属方不是五方之一', 'is not one of the five parties');
  let party = given as Party | null;
  if (typed.includes('secretary')) {
    if (party !== null && party !== 'party-organisation')
      fail('party', '社区书记只能属于社区党组织', 'of a secretary must be party-organisation');
    party = 'party-organisation';
  }
  if (typed.includes('party-member') && party === null)
    fail('party', '议事成员须选择所属方', 'is required for a party-member');
  if (party !== null && !typed.includes('party-member') && !typed.includes('secretary'))
    fail('party', '只有议事成员和社区书记有所属方', 'is only for a party-member or a secretary');

  const resident = typed.includes('resident');
  const lead = isLead(typed);
  const unitIds = [...new Set(input.unitIds ?? [])];
  const givenLed = input.ledUnitIds === undefined ? undefined : [...new Set(input.ledUnitIds)];
  if (!resident && !lead && unitIds.length > 0)
    fail(
      'unitIds',
      '只有居民、单元长和邻长登记房屋',
      'are only for a resident, unit-lead or neighbour-lead',
    );
  if (!lead && givenLed !== undefined && givenLed.length > 0)
    fail(
      'ledUnitIds',
      '只有单元长和邻长登记负责的房屋',
      'are only for a unit-lead or neighbour-lead',
    );
  if (resident && unitIds.length === 0)
    fail('unitIds', '请选择居民居住的房屋', 'must list the units a resident lives in');
  let ledUnitIds: string[] = [];
  if (lead) {
    if (resident) ledUnitIds = givenLed ?? [];
    else {
      if (givenLed !== undefined && unitIds.length > 0 && !sameSet(givenLed, unitIds))
        fail('ledUnitIds', '单元长、邻长负责的房屋填写了两份且不一致', 'differ from unitIds');
      ledUnitIds = givenLed ?? unitIds;
    }
    if (ledUnitIds.length === 0)
      fail(
        resident ? 'ledUnitIds' : 'unitIds',
        resident
          ? '单元长、邻长同时是居民时，请在 ledUnitIds 中选择其负责的房屋'
          : '请选择单元长、邻长负责的房屋',
        'must list the units a unit-lead or neighbour-lead serves',
      );
  }
  const estates = [...new Set(input.estates ?? [])];
  if (estates.length > 0 && !typed.includes('party-member'))
    fail('estates', '只有议事成员可以限定负责的小区', 'are only for a party-member');
  const occupancy = input.occupancy ?? null;
  if (occupancy !== null && !isOccupancy(occupancy))
    fail('occupancy', '居住身份只能是业主（owner）或租户（tenant）', 'must be owner or tenant');
  if (occupancy !== null && !resident)
    fail('occupancy', '只有居民登记为业主或租户', 'is only for a resident');
  return {
    roles: typed,
    party,
    unitIds: resident ? unitIds : ledUnitIds,
    ledUnitIds,
    occupancy: resident ? ((occupancy as Occupancy | null) ?? 'owner') : null,
    estates,
  };
}

/** The estates named that the community does not have (400 when there is any). */
async function checkEstates(db: PoolClient, communityId: string, estates: readonly string[]) {
  if (estates.length === 0) return;
  const { rows } = await db.query<{ name: string }>(
    `SELECT e AS name FROM unnest($2::text[]) AS e
      WHERE NOT EXISTS (SELECT 1 FROM estates s WHERE s.community_id = $1 AND s.name = e)`,
    [communityId, estates],
  );
  if (rows.length > 0)
    throw new ValidationError(`本社区没有这些小区：${rows.map((r) => r.name).join('、')}`, {
      fields: [
        {
          field: 'estates',
          problems: [`unknown estates: ${rows.map((r) => r.name).join(', ')}`],
        },
      ],
    });
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

/** A resident's own units (owned or rented); none for other memberships. */
const homesOf = (m: MembershipFields): string[] => (m.roles.includes('resident') ? m.unitIds : []);

/**
 * A member's own units (unit_owners) and, when they are not an owner's (a tenant, or no longer a
 * resident), the end of their bindings: a tenant is never bound as an owner.
 */
async function writeHomes(
  db: PoolClient,
  actorId: string | null,
  communityId: string,
  userId: string,
  m: MembershipFields,
) {
  const unitIds = homesOf(m);
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
  await endBindingsOfUnowned(
    db,
    actorId,
    communityId,
    userId,
    m.occupancy === 'owner' ? unitIds : [],
  );
}

/** The units a unit lead or neighbour lead serves (unit_leads), all of the community. */
async function writeLedUnits(
  db: PoolClient,
  communityId: string,
  userId: string,
  ledUnitIds: readonly string[],
) {
  const foreign = await foreignUnitIds(db, communityId, ledUnitIds);
  if (foreign.length > 0)
    throw new ValidationError('单元长、邻长负责的房屋中有不属于本社区的', {
      fields: [{ field: 'ledUnitIds', problems: [`unknown units: ${foreign.join(', ')}`] }],
    });
  await db.query(`DELETE FROM unit_leads WHERE community_id = $1 AND user_id = $2`, [
    communityId,
    userId,
  ]);
  await db.query(
    `INSERT INTO unit_leads (community_id, user_id, unit_id)
     SELECT $1, $2, u FROM unnest($3::uuid[]) AS u`,
    [communityId, userId, ledUnitIds],
  );
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
    await checkEstates(client, communityId, m.estates);
    try {
      await client.query(
        `INSERT INTO memberships (community_id, user_id, roles, party, occupancy, estates)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [communityId, userId, m.roles, m.party, m.occupancy ?? 'owner', m.estates],
      );
    } catch (error) {
      if (uniqueViolation(error) === 'memberships_pkey')
        throw new AlreadyExistsError('该用户已经是本社区的成员', {
          field: 'userId',
        });
      throw error;
    }
    await writeHomes(client, actorId, communityId, userId, m);
    await writeLedUnits(client, communityId, userId, m.ledUnitIds);
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
  const { rows } = await db.query<MembershipRow>(
    `SELECT ${MEMBERSHIP_COLUMNS}
       FROM memberships m WHERE m.community_id = $1 AND m.user_id = $2 ${lock ? 'FOR UPDATE OF m' : ''}`,
    [communityId, userId],
  );
  const r = rows[0];
  return r === undefined ? undefined : { communityId, userId, ...membershipFields(r) };
}

/** What every read of a membership selects over `memberships m`. */
const MEMBERSHIP_COLUMNS = `m.roles, m.party, ${UNIT_IDS} AS unit_ids,
  ${LED_UNIT_IDS} AS led_unit_ids, ${OCCUPANCY} AS occupancy, m.estates`;

interface MembershipRow {
  roles: Role[];
  party: Party | null;
  unit_ids: string[];
  led_unit_ids: string[];
  occupancy: Occupancy | null;
  estates: string[];
}

function membershipFields(r: MembershipRow): MembershipFields {
  return {
    roles: r.roles,
    party: r.party,
    unitIds: r.unit_ids,
    ledUnitIds: r.led_unit_ids,
    occupancy: r.occupancy,
    estates: r.estates,
  };
}

/**
 * A patch over the membership it changes: the roles it names (or the old ones); the party as
 * before unless named; a resident's own units, a lead's units and the occupancy kept while the
 * roles they belong to stay, unless named.
 */
function patched(before: Membership, patch: Partial<MembershipInput>): MembershipInput {
  const roles = patch.roles ?? before.roles;
  const resident = roles.includes('resident');
  const lead = isLead(roles);
  const homes = before.roles.includes('resident') ? before.unitIds : [];
  return {
    roles,
    // New roles without a party drop the old one, unless the patch names it.
    party:
      patch.party !== undefined
        ? patch.party
        : roles.some((r) => r === 'party-member' || r === 'secretary')
          ? before.party
          : null,
    unitIds: patch.unitIds ?? (resident ? homes : undefined),
    // A lead who is not a resident may name the led units as `unitIds`.
    ledUnitIds:
      patch.ledUnitIds ??
      (lead && (resident || patch.unitIds === undefined) ? before.ledUnitIds : undefined),
    occupancy: patch.occupancy ?? (resident ? (before.occupancy ?? undefined) : undefined),
    // A party member's estates stay while they are one, unless named.
    estates: patch.estates ?? (roles.includes('party-member') ? before.estates : undefined),
  };
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
    const after = normaliseMembership(patched(before, patch));
    if (!allowSecretaryChange(before, after)) throw secretaryOnlyByAdmin();
    await checkEstates(client, communityId, after.estates);
    await client.query(
      `UPDATE memberships SET roles = $3, party = $4, occupancy = $5, estates = $6, updated_at = now()
        WHERE community_id = $1 AND user_id = $2`,
      [communityId, userId, after.roles, after.party, after.occupancy ?? 'owner', after.estates],
    );
    await writeHomes(client, actorId, communityId, userId, after);
    await writeLedUnits(client, communityId, userId, after.ledUnitIds);
    await recordAudit(client, {
      communityId,
      actorId,
      action: 'membership.updated',
      entity: 'membership',
      entityId: userId,
      data: { before: fieldsOf(before), after },
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
      data: { before: fieldsOf(before) },
    });
  });
}

function fieldsOf(m: Membership): MembershipFields {
  const { roles, party, unitIds, ledUnitIds, occupancy, estates } = m;
  return { roles, party, unitIds, ledUnitIds, occupancy, estates };
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
    db.query<MembershipRow & { user_id: string; username: string; display_name: string }>(
      `SELECT m.user_id, u.username, u.display_name, ${MEMBERSHIP_COLUMNS}
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
      ...membershipFields(r),
    })),
    total: Number(count.rows[0]!.n),
  };
}

/** Every membership of a user, for GET /me and the guard. */
export async function membershipsOf(
  db: Pool,
  userId: string,
): Promise<(Membership & { communityName: string })[]> {
  const { rows } = await db.query<MembershipRow & { community_id: string; name: string }>(
    `SELECT m.community_id, c.name, ${MEMBERSHIP_COLUMNS}
       FROM memberships m JOIN communities c ON c.id = m.community_id
      WHERE m.user_id = $1 ORDER BY m.created_at, m.community_id`,
    [userId],
  );
  return rows.map((r) => ({
    communityId: r.community_id,
    communityName: r.name,
    userId,
    ...membershipFields(r),
  }));
}

/** Whether a membership holds the secretary role (giving or taking it is the admin's alone). */
export const isSecretary = (m: { readonly roles: readonly string[] }): boolean =>
  m.roles.includes('secretary');
