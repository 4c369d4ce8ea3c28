import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Owners' voting, the whole of Article 278 (docs/voting.md):
 * - `unit_proxies`: written proxies (委托书). An owner of a unit names an agent account for a
 *   validity window, with the scan's URL; the owner (or any co-owner) may revoke it. A ballot the
 *   agent casts names the proxy (BallotCast.proxyId), so a tally can show which ballots came by
 *   proxy long after a revocation.
 * - `building_leads`: the buildings a building lead (楼栋长) serves; a lead enters paper ballots
 *   only for units of those buildings.
 * - `units.developer_unsold`: a unit the developer has not sold (or not handed over). In a vote's
 *   electorate all such units of a community count together as one owner (their areas in full).
 */
export class ProxiesAndPaperBallots1772000000000 implements MigrationInterface {
  name = 'ProxiesAndPaperBallots1772000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE unit_proxies (
        id           uuid PRIMARY KEY,
        community_id uuid NOT NULL REFERENCES communities (id),
        unit_id      uuid NOT NULL REFERENCES units (id),
        agent_id     uuid NOT NULL REFERENCES users (id),
        granted_by   uuid NOT NULL REFERENCES users (id),
        valid_from   timestamptz NOT NULL,
        valid_until  timestamptz NOT NULL,
        scan_url     text NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        revoked_at   timestamptz,
        revoked_by   uuid REFERENCES users (id),
        CONSTRAINT unit_proxies_window CHECK (valid_until > valid_from)
      );
      CREATE INDEX unit_proxies_agent ON unit_proxies (agent_id, unit_id) WHERE revoked_at IS NULL;
      CREATE INDEX unit_proxies_unit ON unit_proxies (unit_id, created_at);

      CREATE TABLE building_leads (
        community_id uuid NOT NULL REFERENCES communities (id),
        user_id      uuid NOT NULL REFERENCES users (id),
        building_id  uuid NOT NULL REFERENCES buildings (id),
        PRIMARY KEY (community_id, user_id, building_id)
      );

      ALTER TABLE units ADD COLUMN developer_unsold boolean NOT NULL DEFAULT false;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE units DROP COLUMN developer_unsold;
      DROP TABLE building_leads;
      DROP TABLE unit_proxies;
    `);
  }
}
