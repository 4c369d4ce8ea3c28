import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The demands ledger's registry (docs/demands.md, docs/registry-and-access.md):
 * - `memberships.occupancy`: a resident lives in their units as an `owner` or a `tenant`; only
 *   owners are in an owners' electorate. Every existing membership is an owner's.
 * - `unit_leads`: the units a unit lead (单元长) or neighbour lead (邻长) serves.
 * - `grids` (网格) with their admission list (网格准入清单), `grid_buildings` (a building is in at
 *   most one grid: the primary key) and `grid_workers` (members of the community).
 */
export class GridsLeadsAndTenants1779700000000 implements MigrationInterface {
  name = 'GridsLeadsAndTenants1779700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE memberships ADD COLUMN occupancy text NOT NULL DEFAULT 'owner'
        CONSTRAINT memberships_occupancy_check CHECK (occupancy IN ('owner', 'tenant'));

      CREATE TABLE unit_leads (
        community_id uuid NOT NULL,
        user_id      uuid NOT NULL,
        unit_id      uuid NOT NULL REFERENCES units (id),
        PRIMARY KEY (community_id, user_id, unit_id),
        FOREIGN KEY (community_id, user_id) REFERENCES memberships (community_id, user_id)
          ON DELETE CASCADE
      );
      CREATE INDEX unit_leads_unit ON unit_leads (unit_id);

      CREATE TABLE grids (
        id             uuid PRIMARY KEY,
        community_id   uuid NOT NULL REFERENCES communities (id),
        name           text NOT NULL,
        admission_list text[] NOT NULL DEFAULT '{}',
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT grids_name_key UNIQUE (community_id, name)
      );

      CREATE TABLE grid_buildings (
        building_id  uuid PRIMARY KEY REFERENCES buildings (id),
        grid_id      uuid NOT NULL REFERENCES grids (id),
        community_id uuid NOT NULL REFERENCES communities (id)
      );
      CREATE INDEX grid_buildings_grid ON grid_buildings (grid_id);

      CREATE TABLE grid_workers (
        grid_id      uuid NOT NULL REFERENCES grids (id) ON DELETE CASCADE,
        community_id uuid NOT NULL,
        user_id      uuid NOT NULL,
        PRIMARY KEY (grid_id, user_id),
        FOREIGN KEY (community_id, user_id) REFERENCES memberships (community_id, user_id)
          ON DELETE CASCADE
      );
      CREATE INDEX grid_workers_member ON grid_workers (community_id, user_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE grid_workers, grid_buildings, grids, unit_leads;
      ALTER TABLE memberships DROP COLUMN occupancy;
    `);
  }
}
