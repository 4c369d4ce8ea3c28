import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * `idempotency_keys`: the `Idempotency-Key` of a write, scoped to who sent it (`user:<id>`, or
 * `addr:<ip>` when anonymous) and the route (`POST /api/v1/cases/:caseId/demands`).
 *
 * A row is first a reservation (`running`, held by `lease_id` until `locked_until`), then the
 * stored answer (`done`: status and body text, replayed byte for byte). A crashed request leaves a
 * reservation whose lease lapses; a retry with the same fingerprint takes it over, keeping its
 * `request_id` (the seed of the ids the request creates, so the rerun names the same things and the
 * domain refuses duplicates); a key reused after expiry is a new request with a new one. Rows expire at
 * `expires_at` (IDEMPOTENCY_TTL_HOURS after the first request) and are pruned in batches.
 */
export class IdempotencyKeys1771000000000 implements MigrationInterface {
  name = 'IdempotencyKeys1771000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        principal       text NOT NULL,
        route           text NOT NULL,
        key             text NOT NULL,
        fingerprint     text NOT NULL,
        state           text NOT NULL CHECK (state IN ('running', 'done')),
        request_id      uuid NOT NULL,
        lease_id        uuid NOT NULL,
        locked_until    timestamptz,
        response_status integer,
        response_body   text,
        created_at      timestamptz NOT NULL DEFAULT now(),
        completed_at    timestamptz,
        expires_at      timestamptz NOT NULL,
        PRIMARY KEY (principal, route, key),
        CHECK (state = 'running' OR response_status IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
  }
}
