import { type Pool, type PoolClient } from 'pg';
import { AlreadyExistsError, NotEmptyError, NotFoundError, ValidationError } from '@yishi/domain';
import { inTransaction, uniqueViolation } from '@yishi/database';
import { recordAudit } from './audit';

/*
 * Grids (网格): a named set of a community's buildings with its grid workers and its admission
 * list (网格准入清单, the demand categories the grid must accept). A building is in at most one grid
 * (the primary key of grid_buildings); a demand goes to the grid of its building.
 */

export interface GridBuilding {
  readonly estate: string;
  readonly building: string;
}

export interface GridWorker {
  readonly userId: string;
  readonly displayName: string;
}

/** A grid's group-chat robot as anyone may see it: never its URL (it holds the key) nor secret. */
export interface GridRobotSummary {
  readonly kind: 'wecom' | 'dingtalk';
  readonly configured: true;
  /** The robot's host, e.g. `qyapi.weixin.qq.com`. */
  readonly host: string;
}

export interface GridView {
  readonly id: string;
  readonly name: string;
  readonly buildings: GridBuilding[];
  readonly workers: GridWorker[];
  readonly admissionList: string[];
  /** The grid's group-chat robot (一网格一微信群); null when none is set. */
  readonly robot: GridRobotSummary | null;
}

/** A grid as the demands ledger needs it: its id and name. */
export interface GridRef {
  readonly id: string;
  readonly name: string;
}

export interface GridInput {
  readonly name: string;
  readonly buildings: readonly GridBuilding[];
  readonly workerUserIds: readonly string[];
}

const place = (b: GridBuilding): string => `${b.estate} ${b.building}`;

/** The buildings' ids in the community's unit ledger; 400 naming the ones it does not hold. */
async function buildingIds(
  db: PoolClient,
  communityId: string,
  buildings: readonly GridBuilding[],
): Promise<string[]> {
  const { rows } = await db.query<{ id: string; estate: string; building: string }>(
    `SELECT b.id, e.name AS estate, b.name AS building
       FROM unnest($2::text[], $3::text[]) AS w (estate, building)
       JOIN estates e ON e.community_id = $1 AND e.name = w.estate
       JOIN buildings b ON b.estate_id = e.id AND b.name = w.building`,
    [communityId, buildings.map((b) => b.estate), buildings.map((b) => b.building)],
  );
  const found = new Map(rows.map((r) => [place(r), r.id]));
  const missing = buildings.filter((b) => !found.has(place(b))).map(place);
  if (missing.length > 0)
    throw new ValidationError(`本社区的房屋登记中没有这些楼栋：${missing.join('、')}`, {
      fields: [{ field: 'buildings', problems: missing.map((m) => `unknown building: ${m}`) }],
    });
  return [...new Set(buildings.map((b) => found.get(place(b))!))];
}

/** 400 unless every worker is a member of the community holding the grid-worker role. */
async function checkWorkers(
  db: PoolClient,
  communityId: string,
  userIds: readonly string[],
): Promise<void> {
  const { rows } = await db.query<{ user_id: string }>(
    `SELECT user_id FROM memberships
      WHERE community_id = $1 AND user_id = ANY ($2::uuid[]) AND 'grid-worker' = ANY (roles)`,
    [communityId, userIds],
  );
  const workers = new Set(rows.map((r) => r.user_id));
  const others = userIds.filter((id) => !workers.has(id));
  if (others.length > 0)
    throw new ValidationError('网格员须是本社区担任网格员角色的成员', {
      fields: [
        { field: 'workerUserIds', problems: others.map((id) => `not a grid worker here: ${id}`) },
      ],
    });
}

/**
 * The grid's buildings, replacing its old ones. A building another grid holds is 409
 * ALREADY_EXISTS naming both: the insert skips it (the key is the building) and the grid that holds
 * it is read in the same transaction.
 */
async function writeBuildings(
  db: PoolClient,
  communityId: string,
  gridId: string,
  ids: readonly string[],
): Promise<void> {
  await db.query(`DELETE FROM grid_buildings WHERE grid_id = $1`, [gridId]);
  const { rows } = await db.query<{ building_id: string }>(
    `INSERT INTO grid_buildings (building_id, grid_id, community_id)
     SELECT b, $2, $1 FROM unnest($3::uuid[]) AS b
     ON CONFLICT (building_id) DO NOTHING
     RETURNING building_id`,
    [communityId, gridId, ids],
  );
  if (rows.length === ids.length) return;
  const added = new Set(rows.map((r) => r.building_id));
  const { rows: held } = await db.query<{
    estate: string;
    building: string;
    grid_id: string;
    grid: string;
  }>(
    `SELECT e.name AS estate, b.name AS building, g.id AS grid_id, g.name AS grid
       FROM grid_buildings gb
       JOIN grids g ON g.id = gb.grid_id
       JOIN buildings b ON b.id = gb.building_id
       JOIN estates e ON e.id = b.estate_id
      WHERE gb.building_id = ANY ($1::uuid[])
      ORDER BY e.name, b.name`,
    [ids.filter((id) => !added.has(id))],
  );
  throw new AlreadyExistsError(
    held.length === 0
      ? '所选楼栋已属于其他网格，请刷新后再试'
      : `${held.map((h) => `${place(h)}已属于网格“${h.grid}”`).join('；')}，一栋楼只能属于一个网格`,
    {
      field: 'buildings',
      buildings: held.map((h) => ({
        estate: h.estate,
        building: h.building,
        gridId: h.grid_id,
        gridName: h.grid,
      })),
    },
  );
}

async function writeWorkers(
  db: PoolClient,
  communityId: string,
  gridId: string,
  userIds: readonly string[],
): Promise<void> {
  await db.query(`DELETE FROM grid_workers WHERE grid_id = $1`, [gridId]);
  await db.query(
    `INSERT INTO grid_workers (grid_id, community_id, user_id)
     SELECT $1, $2, u FROM unnest($3::uuid[]) AS u`,
    [gridId, communityId, [...new Set(userIds)]],
  );
}

function nameTaken(error: unknown, name: string): never {
  if (uniqueViolation(error) === 'grids_name_key')
    throw new AlreadyExistsError(`本社区已有名为“${name}”的网格`, { field: 'name' });
  throw error;
}

/** A new grid with its buildings and workers, in one transaction with its audit row. */
export async function createGrid(
  pool: Pool,
  actorId: string,
  communityId: string,
  gridId: string,
  input: GridInput,
): Promise<GridRef> {
  return inTransaction(pool, async (client) => {
    const ids = await buildingIds(client, communityId, input.buildings);
    await checkWorkers(client, communityId, input.workerUserIds);
    try {
      await client.query(`INSERT INTO grids (id, community_id, name) VALUES ($1, $2, $3)`, [
        gridId,
        communityId,
        input.name,
      ]);
    } catch (error) {
      nameTaken(error, input.name);
    }
    await writeBuildings(client, communityId, gridId, ids);
    await writeWorkers(client, communityId, gridId, input.workerUserIds);
    await recordAudit(client, {
      communityId,
      actorId,
      action: 'grid.created',
      entity: 'grid',
      entityId: gridId,
      data: { ...input },
    });
    return { id: gridId, name: input.name };
  });
}

interface GridRow {
  id: string;
  name: string;
  admission_list: string[];
  buildings: GridBuilding[];
  workers: GridWorker[];
  robot_kind: 'wecom' | 'dingtalk' | null;
  robot_url: string | null;
}

/** Buildings sorted as people count (2号楼 before 10号楼); workers who still hold the role. */
const GRID_SELECT = `
  SELECT g.id, g.name, g.admission_list,
         coalesce((SELECT json_agg(json_build_object('estate', e.name, 'building', b.name)
                            ORDER BY e.name, length(b.name), b.name)
                     FROM grid_buildings gb
                     JOIN buildings b ON b.id = gb.building_id
                     JOIN estates e ON e.id = b.estate_id
                    WHERE gb.grid_id = g.id), '[]') AS buildings,
         coalesce((SELECT json_agg(json_build_object('userId', u.id, 'displayName', u.display_name)
                            ORDER BY u.display_name, u.id)
                     FROM grid_workers w
                     JOIN memberships m ON m.community_id = w.community_id AND m.user_id = w.user_id
                     JOIN users u ON u.id = w.user_id
                    WHERE w.grid_id = g.id AND 'grid-worker' = ANY (m.roles)), '[]') AS workers,
         r.kind AS robot_kind, r.webhook_url AS robot_url
    FROM grids g
    LEFT JOIN grid_robots r ON r.grid_id = g.id`;

const gridView = (r: GridRow): GridView => ({
  id: r.id,
  name: r.name,
  buildings: r.buildings,
  workers: r.workers,
  admissionList: r.admission_list,
  robot:
    r.robot_kind === null || r.robot_url === null
      ? null
      : { kind: r.robot_kind, configured: true, host: new URL(r.robot_url).host },
});

/** Every grid of a community, by name. */
export async function listGrids(db: Pool, communityId: string): Promise<GridView[]> {
  const { rows } = await db.query<GridRow>(
    `${GRID_SELECT} WHERE g.community_id = $1 ORDER BY length(g.name), g.name, g.id`,
    [communityId],
  );
  return rows.map(gridView);
}

export async function readGrid(db: Pool | PoolClient, gridId: string): Promise<GridView> {
  const { rows } = await db.query<GridRow>(`${GRID_SELECT} WHERE g.id = $1`, [gridId]);
  return gridView(rows[0]!);
}

/** The grid, locked for a change in this transaction; 404 for an unknown one. */
export async function lockGrid(
  db: PoolClient,
  gridId: string,
): Promise<{ communityId: string; before: GridView }> {
  const { rows } = await db.query<{ community_id: string }>(
    `SELECT community_id FROM grids WHERE id = $1 FOR UPDATE`,
    [gridId],
  );
  const row = rows[0];
  if (row === undefined) throw new NotFoundError('找不到该网格', { gridId });
  return { communityId: row.community_id, before: await readGrid(db, gridId) };
}

/** Renames a grid or replaces its buildings or workers, under the rules of a new grid. */
export async function updateGrid(
  pool: Pool,
  actorId: string,
  gridId: string,
  patch: Partial<GridInput>,
): Promise<GridView> {
  return inTransaction(pool, async (client) => {
    const { communityId, before } = await lockGrid(client, gridId);
    if (patch.name !== undefined && patch.name !== before.name)
      try {
        await client.query(`UPDATE grids SET name = $2, updated_at = now() WHERE id = $1`, [
          gridId,
          patch.name,
        ]);
      } catch (error) {
        nameTaken(error, patch.name);
      }
    if (patch.buildings !== undefined)
      await writeBuildings(
        client,
        communityId,
        gridId,
        await buildingIds(client, communityId, patch.buildings),
      );
    if (patch.workerUserIds !== undefined) {
      await checkWorkers(client, communityId, patch.workerUserIds);
      await writeWorkers(client, communityId, gridId, patch.workerUserIds);
    }
    const after = await readGrid(client, gridId);
    await recordAudit(client, {
      communityId,
      actorId,
      action: 'grid.updated',
      entity: 'grid',
      entityId: gridId,
      data: { before, after },
    });
    return after;
  });
}

/** Deletes a grid that has no buildings left (409 NOT_EMPTY otherwise). */
export async function deleteGrid(pool: Pool, actorId: string, gridId: string): Promise<void> {
  await inTransaction(pool, async (client) => {
    const { communityId, before } = await lockGrid(client, gridId);
    if (before.buildings.length > 0)
      throw new NotEmptyError(
        `网格“${before.name}”还有 ${before.buildings.length} 栋楼，请先把楼栋移出或划给其他网格再删除`,
        { gridId, buildings: before.buildings.length },
      );
    await client.query(`DELETE FROM grids WHERE id = $1`, [gridId]);
    await recordAudit(client, {
      communityId,
      actorId,
      action: 'grid.deleted',
      entity: 'grid',
      entityId: gridId,
      data: { before },
    });
  });
}

/** Replaces a grid's admission list (网格准入清单). */
export async function setAdmissionList(
  pool: Pool,
  actorId: string,
  gridId: string,
  categories: readonly string[],
): Promise<GridView> {
  return inTransaction(pool, async (client) => {
    const { communityId, before } = await lockGrid(client, gridId);
    await client.query(`UPDATE grids SET admission_list = $2, updated_at = now() WHERE id = $1`, [
      gridId,
      categories,
    ]);
    await recordAudit(client, {
      communityId,
      actorId,
      action: 'grid.admission-list-set',
      entity: 'grid',
      entityId: gridId,
      data: { before: before.admissionList, after: categories },
    });
    return readGrid(client, gridId);
  });
}

/** The community of a grid (the access guard's scope); undefined for an unknown one. */
export async function gridCommunity(db: Pool, gridId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ community_id: string }>(
    `SELECT community_id FROM grids WHERE id = $1`,
    [gridId],
  );
  return rows[0]?.community_id;
}

/** The grid holding a building of the community's ledger; null when none does. */
export async function gridOfBuilding(
  db: Pool | PoolClient,
  communityId: string,
  estate: string,
  building: string,
): Promise<GridRef | null> {
  const { rows } = await db.query<GridRef>(
    `SELECT g.id, g.name
       FROM grids g
       JOIN grid_buildings gb ON gb.grid_id = g.id
       JOIN buildings b ON b.id = gb.building_id
       JOIN estates e ON e.id = b.estate_id
      WHERE g.community_id = $1 AND e.name = $2 AND b.name = $3`,
    [communityId, estate, building],
  );
  return rows[0] ?? null;
}

/** The grids a member works in, while they hold the grid-worker role; by name. */
export async function gridsOfWorker(
  db: Pool | PoolClient,
  communityId: string,
  userId: string,
): Promise<GridRef[]> {
  const { rows } = await db.query<GridRef>(
    `SELECT g.id, g.name
       FROM grid_workers w
       JOIN grids g ON g.id = w.grid_id
       JOIN memberships m ON m.community_id = w.community_id AND m.user_id = w.user_id
      WHERE w.community_id = $1 AND w.user_id = $2 AND 'grid-worker' = ANY (m.roles)
      ORDER BY length(g.name), g.name, g.id`,
    [communityId, userId],
  );
  return rows;
}

/** A grid as a demand's refusal needs it: its admission list too. */
export interface GridWithAdmissions extends GridRef {
  readonly admissionList: readonly string[];
}

/** A grid of the community with its admission list; null for an unknown one or another's. */
export async function gridWithAdmissions(
  db: Pool | PoolClient,
  communityId: string,
  gridId: string,
): Promise<GridWithAdmissions | null> {
  const { rows } = await db.query<{ id: string; name: string; admission_list: string[] }>(
    `SELECT id, name, admission_list FROM grids WHERE community_id = $1 AND id = $2`,
    [communityId, gridId],
  );
  const row = rows[0];
  return row === undefined
    ? null
    : { id: row.id, name: row.name, admissionList: row.admission_list };
}

/** The units a unit or neighbour lead serves and the buildings a building lead serves. */
export interface LedPlaces {
  readonly unitIds: readonly string[];
  readonly buildings: readonly GridBuilding[];
}

/** What a member leads, while holding the lead's role (a role taken away leads nothing). */
export async function ledPlaces(
  db: Pool | PoolClient,
  communityId: string,
  userId: string,
): Promise<LedPlaces> {
  const { rows } = await db.query<{ unit_ids: string[]; buildings: GridBuilding[] }>(
    `SELECT coalesce((SELECT array_agg(l.unit_id ORDER BY l.unit_id) FROM unit_leads l
                       WHERE l.community_id = m.community_id AND l.user_id = m.user_id
                         AND m.roles && ARRAY['unit-lead', 'neighbour-lead']), '{}') AS unit_ids,
            coalesce((SELECT json_agg(json_build_object('estate', e.name, 'building', b.name)
                                      ORDER BY e.name, b.name)
                        FROM building_leads bl
                        JOIN buildings b ON b.id = bl.building_id
                        JOIN estates e ON e.id = b.estate_id
                       WHERE bl.community_id = m.community_id AND bl.user_id = m.user_id
                         AND 'building-lead' = ANY (m.roles)), '[]') AS buildings
       FROM memberships m WHERE m.community_id = $1 AND m.user_id = $2`,
    [communityId, userId],
  );
  const row = rows[0];
  return row === undefined
    ? { unitIds: [], buildings: [] }
    : { unitIds: row.unit_ids, buildings: row.buildings };
}
