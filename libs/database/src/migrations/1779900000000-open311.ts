import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Open311 GeoReport v2 (docs/demands.md, "Open311"):
 * - `open311_keys`: the api_keys a community's secretary issues to a 311 app; only the SHA-256 of
 *   the key is kept (the key is shown once, at issue), with its first characters to recognise it
 *   by, its name, who issued and who revoked it. A revoked key stays, for the audit trail.
 * - `open311_requests`: what a demand submitted through Open311 carries besides the ledger's
 *   stream: the key it came with and the fields the GeoReport documents show publicly (the
 *   description as written, the coordinates, the address as typed, the media URL). A demand with
 *   a row here is one the public GETs may list; no other demand is.
 */
export class Open3111779900000000 implements MigrationInterface {
  name = 'Open3111779900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE open311_keys (
        id           uuid PRIMARY KEY,
        community_id uuid NOT NULL REFERENCES communities (id),
        name         text NOT NULL CONSTRAINT open311_keys_name_check CHECK (length(name) BETWEEN 1 AND 64),
        key_hash     bytea NOT NULL CONSTRAINT open311_keys_hash_key UNIQUE,
        key_prefix   text NOT NULL,
        issued_by    uuid NOT NULL REFERENCES users (id),
        issued_at    timestamptz NOT NULL DEFAULT now(),
        revoked_by   uuid REFERENCES users (id),
        revoked_at   timestamptz,
        last_used_at timestamptz,
        CONSTRAINT open311_keys_revoked_check CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
      );
      CREATE INDEX open311_keys_community ON open311_keys (community_id, issued_at);

      CREATE TABLE open311_requests (
        demand_id      uuid PRIMARY KEY,
        community_id   uuid NOT NULL REFERENCES communities (id),
        key_id         uuid NOT NULL REFERENCES open311_keys (id),
        description    text,
        lat            double precision CONSTRAINT open311_requests_lat_check CHECK (lat BETWEEN -90 AND 90),
        long           double precision CONSTRAINT open311_requests_long_check CHECK (long BETWEEN -180 AND 180),
        address_string text,
        media_url      text,
        submitted_at   timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT open311_requests_point_check CHECK ((lat IS NULL) = (long IS NULL))
      );
      CREATE INDEX open311_requests_community ON open311_requests (community_id, submitted_at DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE open311_requests, open311_keys;`);
  }
}
