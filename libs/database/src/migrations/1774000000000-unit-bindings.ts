import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Real-name binding (实名绑定) of resident accounts to units (docs/voting.md):
 * - `unit_owner_identities`: what the secretary recorded for each owner of a unit, the property
 *   certificate number (不动产权证号) and the ID number, ONLY as HMAC-SHA256 hashes under a
 *   server pepper (BINDING_PEPPER) and a random salt of the row. Never in clear.
 * - `unit_binding_requests`: a resident asks the secretary to bind them, with a scan as evidence
 *   (stored like task evidence, under DATA_DIR/evidence); approved or rejected with a reason.
 * - `unit_bindings`: who is bound to which unit, how (`registry-match` or
 *   `secretary-approval`), and when it ended. At most one active binding per (unit, user), and
 *   one registry identity binds one account at a time.
 * - `unit_binding_attempts`: failed matches per user and per unit, for the lock (brute force).
 */
export class UnitBindings1774000000000 implements MigrationInterface {
  name = 'UnitBindings1774000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE unit_owner_identities (
        id               uuid PRIMARY KEY,
        community_id     uuid NOT NULL REFERENCES communities (id),
        unit_id          uuid NOT NULL REFERENCES units (id),
        salt             bytea NOT NULL CHECK (length(salt) = 16),
        certificate_hash bytea NOT NULL CHECK (length(certificate_hash) = 32),
        id_number_hash   bytea NOT NULL CHECK (length(id_number_hash) = 32),
        recorded_by      uuid REFERENCES users (id),
        recorded_at      timestamptz NOT NULL DEFAULT now(),
        removed_at       timestamptz,
        removed_by       uuid REFERENCES users (id)
      );
      CREATE INDEX unit_owner_identities_unit ON unit_owner_identities (unit_id)
        WHERE removed_at IS NULL;

      CREATE TABLE unit_binding_requests (
        id                    uuid PRIMARY KEY,
        community_id          uuid NOT NULL REFERENCES communities (id),
        unit_id               uuid NOT NULL REFERENCES units (id),
        user_id               uuid NOT NULL REFERENCES users (id),
        status                text NOT NULL DEFAULT 'pending'
                              CHECK (status IN ('pending', 'approved', 'rejected')),
        evidence_storage_key  text NOT NULL,
        evidence_content_type text NOT NULL,
        evidence_size_bytes   integer NOT NULL CHECK (evidence_size_bytes > 0),
        evidence_sha256       text NOT NULL,
        evidence_file_name    text,
        created_at            timestamptz NOT NULL DEFAULT now(),
        decided_by            uuid REFERENCES users (id),
        decided_at            timestamptz,
        decision_reason       text
      );
      CREATE UNIQUE INDEX unit_binding_requests_pending
        ON unit_binding_requests (unit_id, user_id) WHERE status = 'pending';
      CREATE INDEX unit_binding_requests_community
        ON unit_binding_requests (community_id, created_at);

      CREATE TABLE unit_bindings (
        id            uuid PRIMARY KEY,
        community_id  uuid NOT NULL REFERENCES communities (id),
        unit_id       uuid NOT NULL REFERENCES units (id),
        user_id       uuid NOT NULL REFERENCES users (id),
        method        text NOT NULL CHECK (method IN ('registry-match', 'secretary-approval')),
        identity_id   uuid REFERENCES unit_owner_identities (id),
        request_id    uuid REFERENCES unit_binding_requests (id),
        bound_by      uuid REFERENCES users (id),
        bound_at      timestamptz NOT NULL DEFAULT now(),
        unbound_at    timestamptz,
        unbound_by    uuid REFERENCES users (id),
        unbind_reason text,
        CONSTRAINT unit_bindings_how CHECK (
          (method = 'registry-match' AND identity_id IS NOT NULL) OR
          (method = 'secretary-approval' AND request_id IS NOT NULL))
      );
      CREATE UNIQUE INDEX unit_bindings_active ON unit_bindings (unit_id, user_id)
        WHERE unbound_at IS NULL;
      CREATE UNIQUE INDEX unit_bindings_identity_active ON unit_bindings (identity_id)
        WHERE unbound_at IS NULL AND identity_id IS NOT NULL;
      -- The ballot's check: the caller's active bindings, one index-only lookup.
      CREATE INDEX unit_bindings_user ON unit_bindings (user_id, unit_id) WHERE unbound_at IS NULL;
      CREATE INDEX unit_bindings_community ON unit_bindings (community_id, bound_at);

      CREATE TABLE unit_binding_attempts (
        key               text PRIMARY KEY,
        failures          integer NOT NULL,
        window_started_at timestamptz NOT NULL,
        locked_until      timestamptz
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE unit_binding_attempts, unit_bindings, unit_binding_requests, unit_owner_identities;
    `);
  }
}
