import { randomUUID } from 'node:crypto';
import { type Pool, type PoolClient } from 'pg';
import {
  BindingRequiredError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '@yishi/domain';
import { inTransaction } from '@yishi/database';
import { recordAudit } from './audit';
import { isBound } from './bindings/unit-bindings';
import { OWNER_OF_RECORD } from './units';

/*
 * Written proxies (委托书) and building leads' buildings: who, besides an owner, may cast a unit's
 * ballot. Plain tables with the audit log, like the rest of the registry; a ballot cast under a
 * proxy names it (BallotCast.proxyId), so the vote's own record stays explainable.
 */

/** A proxy at most this long (a written authorisation for one vote or one year of votes). */
const MAX_PROXY_MS = 366 * 24 * 3_600_000;

export interface ProxyView {
  readonly id: string;
  readonly communityId: string;
  readonly unitId: string;
  readonly agentId: string;
  readonly grantedBy: string;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly scanUrl: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
  readonly revokedBy: string | null;
  /** Valid now: inside its window and not revoked. */
  readonly active: boolean;
}

interface ProxyRow {
  id: string;
  community_id: string;
  unit_id: string;
  agent_id: string;
  granted_by: string;
  valid_from: Date;
  valid_until: Date;
  scan_url: string;
  created_at: Date;
  revoked_at: Date | null;
  revoked_by: string | null;
}

function view(r: ProxyRow, now = Date.now()): ProxyView {
  return {
    id: r.id,
    communityId: r.community_id,
    unitId: r.unit_id,
    agentId: r.agent_id,
    grantedBy: r.granted_by,
    validFrom: r.valid_from.toISOString(),
    validUntil: r.valid_until.toISOString(),
    scanUrl: r.scan_url,
    createdAt: r.created_at.toISOString(),
    revokedAt: r.revoked_at?.toISOString() ?? null,
    revokedBy: r.revoked_by,
    active: r.revoked_at === null && r.valid_from.getTime() <= now && now < r.valid_until.getTime(),
  };
}

export interface ProxyInput {
  readonly unitId: string;
  readonly agentId: string;
  /** ISO 8601; unset: now. */
  readonly validFrom?: string | undefined;
  readonly validUntil: string;
  readonly scanUrl: string;
}

function invalid(field: string, problem: string): ValidationError {
  return new ValidationError(`${field} ${problem}`, { fields: [{ field, problems: [problem] }] });
}

/** Whether `userId` owns `unitId` in the registry (unit_owners, not as a tenant), in `communityId`. */
async function ownsUnit(
  db: Pool | PoolClient,
  communityId: string,
  userId: string,
  unitId: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `SELECT 1 FROM unit_owners o
      WHERE o.community_id = $1 AND o.user_id = $2 AND o.unit_id = $3 AND ${OWNER_OF_RECORD}`,
    [communityId, userId, unitId],
  );
  return (rowCount ?? 0) > 0;
}

/**
 * An owner of the unit registers a written proxy for it: the agent (any account that is a member
 * of the community), the validity window and the scan of the signed 委托书. 403 for a unit the
 * caller does not own; 400 for a bad window, a scan that is not an http(s) URL, or an agent who is
 * the caller or not a member.
 */
export async function registerProxy(
  db: Pool,
  communityId: string,
  ownerId: string,
  input: ProxyInput,
): Promise<ProxyView> {
  const from = input.validFrom === undefined ? Date.now() : Date.parse(input.validFrom);
  const until = Date.parse(input.validUntil);
  if (Number.isNaN(from)) throw invalid('validFrom', 'must be an ISO 8601 time');
  if (Number.isNaN(until)) throw invalid('validUntil', 'must be an ISO 8601 time');
  if (until <= from) throw invalid('validUntil', 'must be after validFrom');
  if (until <= Date.now()) throw invalid('validUntil', 'must be in the future');
  if (until - from > MAX_PROXY_MS) throw invalid('validUntil', 'at most one year after validFrom');
  let url: URL;
  try {
    url = new URL(input.scanUrl);
  } catch {
    throw invalid('scanUrl', 'must be an http(s) URL of the signed proxy');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw invalid('scanUrl', 'must be an http(s) URL of the signed proxy');
  if (input.agentId === ownerId) throw invalid('agentId', 'must be someone else');
  return inTransaction(db, async (client) => {
    if (!(await ownsUnit(client, communityId, ownerId, input.unitId)))
      throw new ForbiddenError('只能为本人名下的房屋办理委托', { unitId: input.unitId });
    // A proxy hands on the owner's vote: only an owner bound by real name may grant it.
    if (!(await isBound(client, ownerId, input.unitId)))
      throw new BindingRequiredError('请先完成该房屋的实名绑定再办理委托', {
        unitId: input.unitId,
      });
    const member = await client.query(
      `SELECT 1 FROM memberships WHERE community_id = $1 AND user_id = $2`,
      [communityId, input.agentId],
    );
    if ((member.rowCount ?? 0) === 0)
      throw invalid('agentId', 'must be a member of this community');
    const { rows } = await client.query<ProxyRow>(
      `INSERT INTO unit_proxies
         (id, community_id, unit_id, agent_id, granted_by, valid_from, valid_until, scan_url)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [
        randomUUID(),
        communityId,
        input.unitId,
        input.agentId,
        ownerId,
        new Date(from),
        new Date(until),
        url.toString(),
      ],
    );
    const row = rows[0]!;
    await recordAudit(client, {
      communityId,
      actorId: ownerId,
      action: 'proxy.registered',
      entity: 'proxy',
      entityId: row.id,
      data: { unitId: row.unit_id, agentId: row.agent_id, validUntil: row.valid_until },
    });
    return view(row);
  });
}

/**
 * An owner of the proxy's unit revokes it (any co-owner may). Revoking again returns it as it is.
 * A ballot the agent cast before stands, as it was valid when cast; the owner's own ballot still
 * replaces it.
 */
export async function revokeProxy(
  db: Pool,
  communityId: string,
  ownerId: string,
  proxyId: string,
): Promise<ProxyView> {
  return inTransaction(db, async (client) => {
    const found = await client.query<ProxyRow>(
      `SELECT * FROM unit_proxies WHERE id = $1 AND community_id = $2 FOR UPDATE`,
      [proxyId, communityId],
    );
    const row = found.rows[0];
    if (row === undefined) throw new NotFoundError('委托书不存在', { proxyId });
    if (!(await ownsUnit(client, communityId, ownerId, row.unit_id)))
      throw new ForbiddenError('只有该房屋的业主可以撤销委托', { proxyId });
    if (row.revoked_at !== null) return view(row);
    const { rows } = await client.query<ProxyRow>(
      `UPDATE unit_proxies SET revoked_at = now(), revoked_by = $2 WHERE id = $1 RETURNING *`,
      [proxyId, ownerId],
    );
    await recordAudit(client, {
      communityId,
      actorId: ownerId,
      action: 'proxy.revoked',
      entity: 'proxy',
      entityId: proxyId,
      data: { unitId: row.unit_id, agentId: row.agent_id },
    });
    return view(rows[0]!);
  });
}

/**
 * The proxies the caller may see: the ones of units they own and the ones naming them as agent;
 * `all` (a secretary) every proxy of the community. Newest first.
 */
export async function listProxies(
  db: Pool,
  communityId: string,
  userId: string,
  options: { readonly all: boolean; readonly unitId?: string | undefined },
): Promise<ProxyView[]> {
  const { rows } = await db.query<ProxyRow>(
    `SELECT p.* FROM unit_proxies p
      WHERE p.community_id = $1
        AND ($3::uuid IS NULL OR p.unit_id = $3)
        AND ($4 OR p.agent_id = $2 OR EXISTS (
              SELECT 1 FROM unit_owners o
               WHERE o.unit_id = p.unit_id AND o.user_id = $2 AND ${OWNER_OF_RECORD}))
      ORDER BY p.created_at DESC, p.id
      LIMIT 500`,
    [communityId, userId, options.unitId ?? null, options.all],
  );
  const now = Date.now();
  return rows.map((r) => view(r, now));
}

/** The proxy under which `agentId` may vote for `unitId` at `at`: the newest valid one. */
export async function activeProxy(
  db: Pool | PoolClient,
  agentId: string,
  unitId: string,
  at: Date,
): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM unit_proxies
      WHERE agent_id = $1 AND unit_id = $2 AND revoked_at IS NULL
        AND valid_from <= $3 AND $3 < valid_until
      ORDER BY created_at DESC LIMIT 1`,
    [agentId, unitId, at],
  );
  return rows[0]?.id;
}

/** The units an agent holds an active written proxy for at `at` (see activeProxy). */
export async function proxiedUnitIds(
  db: Pool | PoolClient,
  agentId: string,
  at: Date,
): Promise<Set<string>> {
  const { rows } = await db.query<{ unit_id: string }>(
    `SELECT DISTINCT unit_id FROM unit_proxies
      WHERE agent_id = $1 AND revoked_at IS NULL AND valid_from <= $2 AND $2 < valid_until`,
    [agentId, at],
  );
  return new Set(rows.map((r) => r.unit_id));
}

export interface LeadBuilding {
  readonly estate: string;
  readonly building: string;
}

/**
 * Sets the buildings a building lead (楼栋长) or a grid worker (网格员) serves, replacing the
 * previous list. The user must hold the `building-lead` or `grid-worker` role in the community;
 * every building must exist. Both canvass their buildings' units during a vote (扫楼); only a
 * building lead enters paper ballots (see leadsBuildingOf).
 */
export async function setLeadBuildings(
  db: Pool,
  communityId: string,
  actorId: string,
  userId: string,
  buildings: readonly LeadBuilding[],
): Promise<LeadBuilding[]> {
  return inTransaction(db, async (client) => {
    const member = await client.query<{ roles: string[] }>(
      `SELECT roles FROM memberships WHERE community_id = $1 AND user_id = $2`,
      [communityId, userId],
    );
    const roles = member.rows[0]?.roles;
    if (roles === undefined) throw new NotFoundError('找不到该成员', { userId });
    if (!roles.includes('building-lead') && !roles.includes('grid-worker'))
      throw invalid('userId', 'must hold the building-lead or grid-worker role');
    const ids: string[] = [];
    for (const [i, b] of buildings.entries()) {
      const { rows } = await client.query<{ id: string }>(
        `SELECT b.id FROM buildings b JOIN estates e ON e.id = b.estate_id
          WHERE e.community_id = $1 AND e.name = $2 AND b.name = $3`,
        [communityId, b.estate, b.building],
      );
      const id = rows[0]?.id;
      if (id === undefined)
        throw invalid(`buildings[${i}]`, `no building ${b.building} in estate ${b.estate}`);
      ids.push(id);
    }
    await client.query(`DELETE FROM building_leads WHERE community_id = $1 AND user_id = $2`, [
      communityId,
      userId,
    ]);
    await client.query(
      `INSERT INTO building_leads (community_id, user_id, building_id)
       SELECT $1, $2, unnest($3::uuid[]) ON CONFLICT DO NOTHING`,
      [communityId, userId, ids],
    );
    await recordAudit(client, {
      communityId,
      actorId,
      action: 'building-leads.set',
      entity: 'membership',
      entityId: userId,
      data: { buildings },
    });
    return leadBuildings(client, communityId, userId);
  });
}

/** The buildings a lead serves, by name. */
export async function leadBuildings(
  db: Pool | PoolClient,
  communityId: string,
  userId: string,
): Promise<LeadBuilding[]> {
  const { rows } = await db.query<LeadBuilding>(
    `SELECT e.name AS estate, b.name AS building
       FROM building_leads l
       JOIN buildings b ON b.id = l.building_id
       JOIN estates e ON e.id = b.estate_id
      WHERE l.community_id = $1 AND l.user_id = $2
      ORDER BY e.name, b.name`,
    [communityId, userId],
  );
  return rows;
}

/**
 * Whether `userId` leads the building `unitId` is in (so may enter its paper ballot): assigned to
 * the building and holding the building-lead role (a grid worker assigned there canvasses only).
 */
export async function leadsBuildingOf(
  db: Pool | PoolClient,
  userId: string,
  unitId: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `SELECT 1 FROM units u
       JOIN entrances n ON n.id = u.entrance_id
       JOIN building_leads l ON l.building_id = n.building_id AND l.community_id = u.community_id
       JOIN memberships m ON m.community_id = l.community_id AND m.user_id = l.user_id
      WHERE u.id = $1 AND l.user_id = $2 AND 'building-lead' = ANY (m.roles)`,
    [unitId, userId],
  );
  return (rowCount ?? 0) > 0;
}

/** Which of `unitIds` are in a building `userId` leads (leadsBuildingOf, for many units at once). */
export async function ledUnitIds(
  db: Pool | PoolClient,
  userId: string,
  unitIds: readonly string[],
): Promise<Set<string>> {
  if (unitIds.length === 0) return new Set();
  const { rows } = await db.query<{ id: string }>(
    `SELECT u.id FROM units u
       JOIN entrances n ON n.id = u.entrance_id
       JOIN building_leads l ON l.building_id = n.building_id AND l.community_id = u.community_id
       JOIN memberships m ON m.community_id = l.community_id AND m.user_id = l.user_id
      WHERE u.id = ANY ($1::uuid[]) AND l.user_id = $2 AND 'building-lead' = ANY (m.roles)`,
    [unitIds, userId],
  );
  return new Set(rows.map((r) => r.id));
}

/** The building leads (the role held now) of the buildings these units are in. */
export async function leadsOfUnits(
  db: Pool | PoolClient,
  communityId: string,
  unitIds: readonly string[],
): Promise<string[]> {
  if (unitIds.length === 0) return [];
  const { rows } = await db.query<{ user_id: string }>(
    `SELECT DISTINCT l.user_id FROM units u
       JOIN entrances n ON n.id = u.entrance_id
       JOIN building_leads l ON l.building_id = n.building_id AND l.community_id = u.community_id
       JOIN memberships m ON m.community_id = l.community_id AND m.user_id = l.user_id
      WHERE u.community_id = $1 AND u.id = ANY ($2::uuid[]) AND 'building-lead' = ANY (m.roles)`,
    [communityId, unitIds],
  );
  return rows.map((r) => r.user_id);
}

/**
 * Marks units as the developer's unsold (or not yet handed over) units, or clears the mark. In an
 * electorate frozen later, such a unit without a registered owner belongs to the developer, and all
 * of them count together as one owner. Returns how many units changed.
 */
export async function markDeveloperUnsold(
  db: Pool,
  communityId: string,
  actorId: string,
  unitIds: readonly string[],
  unsold: boolean,
): Promise<number> {
  return inTransaction(db, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `SELECT id FROM units WHERE community_id = $1 AND id = ANY ($2::uuid[])`,
      [communityId, unitIds],
    );
    const known = new Set(rows.map((r) => r.id));
    const foreign = unitIds.filter((id) => !known.has(id));
    if (foreign.length > 0) throw invalid('unitIds', `unknown units: ${foreign.join(', ')}`);
    const updated = await client.query(
      `UPDATE units SET developer_unsold = $3
        WHERE community_id = $1 AND id = ANY ($2::uuid[]) AND developer_unsold <> $3`,
      [communityId, unitIds, unsold],
    );
    await recordAudit(client, {
      communityId,
      actorId,
      action: 'units.developer-unsold',
      entity: 'unit',
      entityId: null,
      data: { unitIds, unsold },
    });
    return updated.rowCount ?? 0;
  });
}

/** The community of a proxy, for the route's scope. */
export async function proxyCommunity(db: Pool, proxyId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ community_id: string }>(
    `SELECT community_id FROM unit_proxies WHERE id = $1`,
    [proxyId],
  );
  return rows[0]?.community_id;
}
