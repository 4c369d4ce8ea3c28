import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The real-name binding lockout counts with rate-limiter-flexible (RateLimiterPostgres), as the
 * login throttle does: its table gets the library's columns, the points of a key and when they
 * expire (ms since the epoch). The old counts are dropped: at worst a lock in force ends early.
 */
export class BindingAttemptsFlexible1779640000000 implements MigrationInterface {
  name = 'BindingAttemptsFlexible1779640000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE unit_binding_attempts;
      CREATE TABLE unit_binding_attempts (
        key    text PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE unit_binding_attempts;
      CREATE TABLE unit_binding_attempts (
        key               text PRIMARY KEY,
        failures          integer NOT NULL,
        window_started_at timestamptz NOT NULL,
        locked_until      timestamptz
      );
    `);
  }
}
