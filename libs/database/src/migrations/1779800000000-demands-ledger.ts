import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The demands ledger (docs/demands.md):
 * - `community_settings.demand_number_prefix`: the prefix of a community's demand numbers (null for
 *   a community made before it: the default from its name, computed where it is read);
 * - `demand_number_counters`: the day's last sequence number per community and China Standard Time
 *   day, taken by one upsert when a demand is received;
 * - `uploads`: photos uploaded before the demand (or resolution) that names them, the bytes in the
 *   evidence store; `demand_id` once a demand names them;
 * - `pg_trgm`, where the server has it: the ledger's first search index used it. Nothing does any
 *   more (1779960000000 searches by grams of its own), so a server without it is no obstacle.
 */
export class DemandsLedger1779800000000 implements MigrationInterface {
  name = 'DemandsLedger1779800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
          CREATE EXTENSION IF NOT EXISTS pg_trgm;
        END IF;
      END $$;

      ALTER TABLE community_settings ADD COLUMN demand_number_prefix text
        CONSTRAINT community_settings_demand_number_prefix_check
        CHECK (demand_number_prefix ~ '^[A-Z]{2,6}$');

      CREATE TABLE demand_number_counters (
        community_id uuid NOT NULL REFERENCES communities (id),
        day          date NOT NULL,
        last_seq     integer NOT NULL CHECK (last_seq > 0),
        PRIMARY KEY (community_id, day)
      );

      CREATE TABLE uploads (
        id           uuid PRIMARY KEY,
        community_id uuid NOT NULL REFERENCES communities (id),
        uploaded_by  uuid NOT NULL REFERENCES users (id),
        -- Sniffed from the bytes, never taken from the request.
        content_type text NOT NULL,
        size_bytes   integer NOT NULL CHECK (size_bytes > 0),
        sha256       text NOT NULL,
        storage_key  text NOT NULL,
        uploaded_at  timestamptz NOT NULL DEFAULT now(),
        demand_id    uuid,
        attached_at  timestamptz,
        CONSTRAINT uploads_attached CHECK ((demand_id IS NULL) = (attached_at IS NULL))
      );
      CREATE INDEX uploads_uploader ON uploads (uploaded_by, community_id) WHERE demand_id IS NULL;
      CREATE INDEX uploads_demand ON uploads (demand_id) WHERE demand_id IS NOT NULL;
    `);
  }

  /** The extension stays: other objects of the database may use it. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE uploads, demand_number_counters;
      ALTER TABLE community_settings DROP COLUMN demand_number_prefix;
    `);
  }
}
