/**
 * What a demand's intake reads from the registry, in one statement: the community's settings (the
 * number prefix and the deadlines fixed on the demand), where the matter is (a unit's estate and
 * building, or a named estate and building checked against the unit ledger), and the grid of that
 * building. The intake is the ledger's busiest write, and on a loaded machine every round trip to
 * PostgreSQL costs a request far more than the statement's own work (docs/demands.md, "Benchmark");
 * read apart (`readSettings`, `unitPlaces`/`unitsInScope`, `gridOfBuilding`) these were three.
 * Nothing is cached: every intake reads the settings and the ledger as they are.
 */
import { type Pool, type PoolClient } from 'pg';
import { NotFoundError } from '@yishi/domain';
import { settingsOfRow, type SettingsRow } from './communities';
import { type GridRef } from './grids';
import { type CommunitySettings } from './settings';

/** Where a demand is said to be: one of the community's units, a named place, or nowhere. */
export type IntakeWhere =
  | { readonly unitId: string }
  | { readonly place: { readonly estate: string; readonly building: string | null } }
  | null;

export interface IntakePlace {
  readonly settings: CommunitySettings;
  /**
   * The unit's estate and building, or the named place as given when the unit ledger has a unit
   * there; null when no place was given; undefined when the ledger knows no such unit or place.
   */
  readonly place: { readonly estate: string; readonly building: string | null } | null | undefined;
  /** The grid of the place's building; null without a building, or for one in no grid. */
  readonly grid: GridRef | null;
}

interface IntakeRow extends SettingsRow {
  readonly place_estate: string | null;
  readonly place_building: string | null;
  readonly grid_id: string | null;
  readonly grid_name: string | null;
}

/** The settings row of the community, the place (`p`) joined on, and its building's grid. */
const intakeSql = (place: string) => `
  SELECT s.*, c.name AS community_name, p.estate AS place_estate, p.building AS place_building,
         g.id AS grid_id, g.name AS grid_name
    FROM community_settings s
    JOIN communities c ON c.id = s.community_id
    LEFT JOIN LATERAL (${place}) p ON true
    LEFT JOIN grid_buildings gb ON gb.building_id = p.building_id
    LEFT JOIN grids g ON g.id = gb.grid_id AND g.community_id = s.community_id
   WHERE s.community_id = $1`;

/** The unit's place, when it is one of the community's units. */
const UNIT_PLACE = intakeSql(`
  SELECT e.name AS estate, b.name AS building, b.id AS building_id
    FROM units u
    JOIN estates e ON e.id = u.estate_id
    JOIN entrances n ON n.id = u.entrance_id
    JOIN buildings b ON b.id = n.building_id
   WHERE u.id = $2 AND u.community_id = $1`);

/**
 * The named estate (and building, when one is named), when the unit ledger has at least one unit
 * there: a place with no unit is not the community's.
 */
const NAMED_PLACE = intakeSql(`
  SELECT e.name AS estate, b.name AS building, b.id AS building_id
    FROM estates e
    LEFT JOIN buildings b ON b.estate_id = e.id AND b.name = $3
   WHERE e.community_id = $1 AND e.name = $2
     AND ($3::text IS NULL OR b.id IS NOT NULL)
     AND EXISTS (SELECT 1 FROM units u JOIN entrances n ON n.id = u.entrance_id
                  WHERE u.community_id = $1 AND u.estate_id = e.id
                    AND ($3::text IS NULL OR n.building_id = b.id))`);

const NO_PLACE = intakeSql(`SELECT NULL::text AS estate, NULL::text AS building,
  NULL::uuid AS building_id WHERE false`);

export async function intakePlace(
  db: Pool | PoolClient,
  communityId: string,
  where: IntakeWhere,
): Promise<IntakePlace> {
  const { rows } = await (where === null
    ? db.query<IntakeRow>(NO_PLACE, [communityId])
    : 'unitId' in where
      ? db.query<IntakeRow>(UNIT_PLACE, [communityId, where.unitId])
      : db.query<IntakeRow>(NAMED_PLACE, [communityId, where.place.estate, where.place.building]));
  const r = rows[0];
  if (r === undefined) throw new NotFoundError('找不到该社区', { communityId });
  const place =
    where === null
      ? null
      : r.place_estate === null
        ? undefined
        : 'unitId' in where
          ? { estate: r.place_estate, building: r.place_building }
          : where.place;
  const grid = r.grid_id === null ? null : { id: r.grid_id, name: r.grid_name! };
  return { settings: settingsOfRow(r), place, grid };
}
