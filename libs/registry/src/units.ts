import { type Pool, type PoolClient } from 'pg';
import { AlreadyExistsError } from '@yishi/domain';
import { inTransaction, uniqueViolation } from '@yishi/database';
import { areaNumber } from './area';
import { recordAudit } from './audit';
import { type LedgerUnit } from './hotline/address-match';
import { type UnitDraft } from './unit-rows';

export interface Unit {
  readonly id: string;
  readonly estate: string;
  readonly building: string;
  readonly entrance: string;
  readonly room: string;
  /** m², two decimals (stored exactly as hundredths). */
  readonly area: number;
}

/**
 * Creates the estates, buildings and entrances the units name (reusing existing ones) and the
 * units, in one transaction with its audit row: all of them or none. Set-based SQL (unnest), so
 * 10,000 units are a handful of statements.
 */
export async function importUnits(
  pool: Pool,
  actorId: string | null,
  communityId: string,
  drafts: readonly UnitDraft[],
  db?: PoolClient,
): Promise<Unit[]> {
  const work = async (client: PoolClient): Promise<Unit[]> => {
    const col = <K extends keyof UnitDraft>(k: K) => drafts.map((d) => d[k]);
    // Serialise imports into one community, so the duplicate check below sees committed rows.
    await client.query(`SELECT 1 FROM communities WHERE id = $1 FOR NO KEY UPDATE`, [communityId]);
    await client.query(
      `CREATE TEMP TABLE import_units ON COMMIT DROP AS
       SELECT ord, estate, building, entrance, room, area
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[])
              WITH ORDINALITY AS t(estate, building, entrance, room, area, ord)`,
      [col('estate'), col('building'), col('entrance'), col('room'), col('areaHundredths')],
    );
    await client.query(
      `INSERT INTO estates (id, community_id, name)
       SELECT gen_random_uuid(), $1, estate FROM (SELECT DISTINCT estate FROM import_units) s
       ON CONFLICT (community_id, name) DO NOTHING`,
      [communityId],
    );
    await client.query(
      `INSERT INTO buildings (id, estate_id, name)
       SELECT gen_random_uuid(), e.id, s.building
         FROM (SELECT DISTINCT estate, building FROM import_units) s
         JOIN estates e ON e.community_id = $1 AND e.name = s.estate
       ON CONFLICT (estate_id, name) DO NOTHING`,
      [communityId],
    );
    await client.query(
      `INSERT INTO entrances (id, building_id, name)
       SELECT gen_random_uuid(), b.id, s.entrance
         FROM (SELECT DISTINCT estate, building, entrance FROM import_units) s
         JOIN estates e ON e.community_id = $1 AND e.name = s.estate
         JOIN buildings b ON b.estate_id = e.id AND b.name = s.building
       ON CONFLICT (building_id, name) DO NOTHING`,
      [communityId],
    );
    const resolved = `
      SELECT i.ord, i.room, i.area, e.id AS estate_id, n.id AS entrance_id
        FROM import_units i
        JOIN estates e ON e.community_id = $1 AND e.name = i.estate
        JOIN buildings b ON b.estate_id = e.id AND b.name = i.building
        JOIN entrances n ON n.building_id = b.id AND n.name = i.entrance`;
    const existing = await client.query<{ ord: string }>(
      `SELECT r.ord FROM (${resolved}) r
         JOIN units u ON u.entrance_id = r.entrance_id AND u.room = r.room
        ORDER BY r.ord LIMIT 1`,
      [communityId],
    );
    if (existing.rows[0] !== undefined) {
      const row = Number(existing.rows[0].ord);
      throw new AlreadyExistsError(`第 ${row} 行：这套房屋已经登记过了`, {
        row,
        field: 'room',
      });
    }
    try {
      await client.query(
        `INSERT INTO units (id, community_id, estate_id, entrance_id, room, area_hundredths)
         SELECT gen_random_uuid(), $1, r.estate_id, r.entrance_id, r.room, r.area
           FROM (${resolved}) r ORDER BY r.ord`,
        [communityId],
      );
    } catch (error) {
      // Another import committed the same unit after the check above.
      if (uniqueViolation(error) === 'units_room_key')
        throw new AlreadyExistsError('导入的房屋中有已经登记过的', {
          field: 'room',
        });
      throw error;
    }
    const { rows } = await client.query<UnitRow & { ord: string }>(
      `SELECT i.ord, u.id, i.estate, i.building, i.entrance, u.room, u.area_hundredths
         FROM (${resolved}) r
         JOIN import_units i ON i.ord = r.ord
         JOIN units u ON u.entrance_id = r.entrance_id AND u.room = r.room
        ORDER BY i.ord`,
      [communityId],
    );
    await recordAudit(client, {
      communityId,
      actorId,
      action: 'units.imported',
      entity: 'unit',
      entityId: null,
      data: {
        count: rows.length,
        estates: [...new Set(drafts.map((d) => d.estate))],
        unitIds: rows.map((r) => r.id),
      },
    });
    return rows.map(toUnit);
  };
  return db === undefined ? inTransaction(pool, work) : work(db);
}

interface UnitRow {
  id: string;
  estate: string;
  building: string;
  entrance: string;
  room: string;
  area_hundredths: string;
}

const toUnit = (r: UnitRow): Unit => ({
  id: r.id,
  estate: r.estate,
  building: r.building,
  entrance: r.entrance,
  room: r.room,
  area: areaNumber(Number(r.area_hundredths)),
});

const UNIT_SELECT = `
  SELECT u.id, e.name AS estate, b.name AS building, n.name AS entrance, u.room, u.area_hundredths
    FROM units u
    JOIN estates e ON e.id = u.estate_id
    JOIN entrances n ON n.id = u.entrance_id
    JOIN buildings b ON b.id = n.building_id`;

export async function listUnits(
  db: Pool,
  communityId: string,
  page: {
    limit: number;
    offset: number;
    estate?: string | undefined;
    building?: string | undefined;
  },
): Promise<{ items: Unit[]; total: number }> {
  const filter = `WHERE u.community_id = $1 AND ($2::text IS NULL OR e.name = $2)
                    AND ($3::text IS NULL OR b.name = $3)`;
  const args = [communityId, page.estate ?? null, page.building ?? null];
  const total = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM (${UNIT_SELECT} ${filter}) s`,
    args,
  );
  const { rows } = await db.query<UnitRow>(
    `${UNIT_SELECT} ${filter} ORDER BY e.name, b.name, n.name, u.room, u.id LIMIT $4 OFFSET $5`,
    [...args, page.limit, page.offset],
  );
  return { items: rows.map(toUnit), total: Number(total.rows[0]?.n ?? 0) };
}

/**
 * A community's whole unit ledger as the address matcher reads it (libs/registry/src/hotline): id,
 * estate, building, entrance and room. One statement; a community's units are thousands at most.
 */
export async function ledgerUnits(
  db: Pool | PoolClient,
  communityId: string,
): Promise<LedgerUnit[]> {
  const { rows } = await db.query<LedgerUnit>(
    `SELECT u.id, e.name AS estate, b.name AS building, n.name AS entrance, u.room
       FROM units u
       JOIN estates e ON e.id = u.estate_id
       JOIN entrances n ON n.id = u.entrance_id
       JOIN buildings b ON b.id = n.building_id
      WHERE u.community_id = $1
      ORDER BY e.name, b.name, n.name, u.room`,
    [communityId],
  );
  return rows;
}

/** The ids among `unitIds` that are NOT units of this community. */
export async function foreignUnitIds(
  db: Pool | PoolClient,
  communityId: string,
  unitIds: readonly string[],
): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM units WHERE community_id = $1 AND id = ANY($2::uuid[])`,
    [communityId, unitIds],
  );
  const mine = new Set(rows.map((r) => r.id));
  return unitIds.filter((id) => !mine.has(id));
}

/** How many units a case scope covers (estate, optionally building and entrance): 0 if none. */
export async function unitsInScope(
  db: Pool | PoolClient,
  communityId: string,
  scope: { estate: string; building?: string | null; entrance?: string | null },
): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM (${UNIT_SELECT}
      WHERE u.community_id = $1 AND e.name = $2
        AND ($3::text IS NULL OR b.name = $3) AND ($4::text IS NULL OR n.name = $4)) s`,
    [communityId, scope.estate, scope.building ?? null, scope.entrance ?? null],
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * Whether the unit_owners row `o` is an owner's, not a tenant's: what an owners' electorate and a
 * written proxy count.
 */
export const OWNER_OF_RECORD = `EXISTS (SELECT 1 FROM memberships om
  WHERE om.community_id = o.community_id AND om.user_id = o.user_id AND om.occupancy = 'owner')`;

/** A unit of a case scope as a vote's electorate needs it: exact area and its registered owners. */
export interface ScopeUnit {
  readonly unitId: string;
  readonly areaHundredths: number;
  /** Owners' user ids from unit_owners (never a tenant's), sorted; empty when none is registered. */
  readonly ownerIds: readonly string[];
  /** Marked as the developer's unsold (or not handed over) unit. */
  readonly developerUnsold: boolean;
}

/**
 * The units a case scope covers (estate, optionally building and entrance), with area and owners,
 * in a stable order (building, entrance, room). One statement, so the list is one snapshot.
 */
export async function unitsInScopeWithOwners(
  db: Pool | PoolClient,
  communityId: string,
  scope: { estate: string; building?: string | null; entrance?: string | null },
): Promise<ScopeUnit[]> {
  const { rows } = await db.query<{
    id: string;
    area_hundredths: string;
    owner_ids: string[];
    developer_unsold: boolean;
  }>(
    // Per unit by its primary key; the community's tenants are one uncorrelated list, hashed
    // once. A shape the planner keeps without statistics (a bulk-loaded community has none until
    // autovacuum runs): a join against the grouped owners, or a membership lookup per owner row,
    // took 18 s over 5,000 units there instead of 0.1 s.
    `SELECT s.id, s.area_hundredths,
            (SELECT d.developer_unsold FROM units d WHERE d.id = s.id) AS developer_unsold,
            coalesce((SELECT array_agg(o.user_id::text ORDER BY o.user_id) FROM unit_owners o
                       WHERE o.unit_id = s.id
                         AND o.user_id NOT IN (SELECT t.user_id FROM memberships t
                                                WHERE t.community_id = $1
                                                  AND t.occupancy = 'tenant')), '{}') AS owner_ids
       FROM (${UNIT_SELECT}
              WHERE u.community_id = $1 AND e.name = $2
                AND ($3::text IS NULL OR b.name = $3) AND ($4::text IS NULL OR n.name = $4)) s
      ORDER BY s.building, s.entrance, s.room, s.id`,
    [communityId, scope.estate, scope.building ?? null, scope.entrance ?? null],
  );
  return rows.map((r) => ({
    unitId: r.id,
    areaHundredths: Number(r.area_hundredths),
    ownerIds: r.owner_ids,
    developerUnsold: r.developer_unsold,
  }));
}

/** A unit of a case scope with everyone living in it: owners and tenants (a household). */
export interface ScopeHousehold {
  readonly unitId: string;
  readonly areaHundredths: number;
  /** Residents' user ids (resident memberships of the community, owner or tenant), sorted. */
  readonly residentIds: readonly string[];
}

/**
 * The households a case scope covers, for a resident poll (居民意见征询): the units with at least
 * one resident member of the community, owner or tenant, with those residents, in a stable order
 * (building, entrance, room). One statement, so the list is one snapshot.
 */
export async function householdsInScope(
  db: Pool | PoolClient,
  communityId: string,
  scope: { estate: string; building?: string | null; entrance?: string | null },
): Promise<ScopeHousehold[]> {
  const { rows } = await db.query<{ id: string; area_hundredths: string; resident_ids: string[] }>(
    `SELECT s.id, s.area_hundredths,
            array_agg(o.user_id::text ORDER BY o.user_id) AS resident_ids
       FROM (${UNIT_SELECT}
              WHERE u.community_id = $1 AND e.name = $2
                AND ($3::text IS NULL OR b.name = $3) AND ($4::text IS NULL OR n.name = $4)) s
       JOIN unit_owners o ON o.unit_id = s.id
       JOIN memberships m ON m.community_id = $1 AND m.user_id = o.user_id
                         AND 'resident' = ANY (m.roles)
      GROUP BY s.id, s.area_hundredths, s.building, s.entrance, s.room
      ORDER BY s.building, s.entrance, s.room, s.id`,
    [communityId, scope.estate, scope.building ?? null, scope.entrance ?? null],
  );
  return rows.map((r) => ({
    unitId: r.id,
    areaHundredths: Number(r.area_hundredths),
    residentIds: r.resident_ids,
  }));
}

/** Whether `unitId` is one of the units the case scope covers. */
export async function unitInScope(
  db: Pool | PoolClient,
  communityId: string,
  scope: { estate: string; building?: string | null; entrance?: string | null },
  unitId: string,
): Promise<boolean> {
  const { rows } = await db.query<{ yes: boolean }>(
    `SELECT EXISTS (${UNIT_SELECT}
      WHERE u.community_id = $1 AND e.name = $2
        AND ($3::text IS NULL OR b.name = $3) AND ($4::text IS NULL OR n.name = $4)
        AND u.id = $5) AS yes`,
    [communityId, scope.estate, scope.building ?? null, scope.entrance ?? null, unitId],
  );
  return rows[0]?.yes === true;
}

/** Where each of `unitIds` is (estate, building, entrance, room), in that order; unknown ids left out. */
export async function unitPlaces(
  db: Pool | PoolClient,
  communityId: string,
  unitIds: readonly string[],
): Promise<Unit[]> {
  const { rows } = await db.query<{
    id: string;
    estate: string;
    building: string;
    entrance: string;
    room: string;
    area_hundredths: string;
  }>(
    `${UNIT_SELECT}
      WHERE u.community_id = $1 AND u.id = ANY ($2::uuid[])
      ORDER BY e.name, b.name, n.name, u.room, u.id`,
    [communityId, unitIds],
  );
  return rows.map((r) => ({
    id: r.id,
    estate: r.estate,
    building: r.building,
    entrance: r.entrance,
    room: r.room,
    area: areaNumber(Number(r.area_hundredths)),
  }));
}

/** An estate of the registry with its buildings and entrances, and how many units each holds. */
export interface EstatePlace {
  readonly id: string;
  readonly name: string;
  /** Its property company (物业服务企业), null when none is registered (estates.ts). */
  readonly propertyCompany: string | null;
  readonly units: number;
  readonly buildings: {
    readonly name: string;
    readonly units: number;
    readonly entrances: { readonly name: string; readonly units: number }[];
  }[];
}

// 2号楼 before 10号楼: names are sorted as people count, not byte by byte.
const byName = new Intl.Collator('zh-CN', { numeric: true }).compare;

/**
 * The community's estates → buildings → entrances that hold units, each with its unit count: what
 * a form needs to pick a case's scope (a few kB for 10,000 units, one grouped statement).
 */
export async function placeTree(
  db: Pool | PoolClient,
  communityId: string,
): Promise<EstatePlace[]> {
  const { rows } = await db.query<{
    estate_id: string;
    estate: string;
    property_company: string | null;
    building: string;
    entrance: string;
    n: string;
  }>(
    `SELECT e.id AS estate_id, e.name AS estate, e.property_company,
            b.name AS building, n.name AS entrance, count(*) AS n
       FROM units u
       JOIN estates e ON e.id = u.estate_id
       JOIN entrances n ON n.id = u.entrance_id
       JOIN buildings b ON b.id = n.building_id
      WHERE u.community_id = $1
      GROUP BY e.id, b.name, n.name`,
    [communityId],
  );
  const estates = new Map<string, Map<string, { name: string; units: number }[]>>();
  const about = new Map<string, { id: string; propertyCompany: string | null }>();
  for (const r of rows) {
    about.set(r.estate, { id: r.estate_id, propertyCompany: r.property_company });
    const buildings = estates.get(r.estate) ?? new Map<string, { name: string; units: number }[]>();
    estates.set(r.estate, buildings);
    const entrances = buildings.get(r.building) ?? [];
    buildings.set(r.building, entrances);
    entrances.push({ name: r.entrance, units: Number(r.n) });
  }
  const sum = (xs: readonly { units: number }[]) => xs.reduce((t, x) => t + x.units, 0);
  return [...estates]
    .map(([name, buildings]) => {
      const list = [...buildings]
        .map(([building, entrances]) => ({
          name: building,
          units: sum(entrances),
          entrances: entrances.sort((a, b) => byName(a.name, b.name)),
        }))
        .sort((a, b) => byName(a.name, b.name));
      const { id, propertyCompany } = about.get(name)!;
      return { id, name, propertyCompany, units: sum(list), buildings: list };
    })
    .sort((a, b) => byName(a.name, b.name));
}
