import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The login throttle counts with rate-limiter-flexible (RateLimiterPostgres): its table has the
 * library's columns, the points of a key and when they expire (ms since the epoch). The counts
 * of the old table are dropped: at worst a lock in force ends early.
 */
export class LoginThrottleFlexible1779620000000 implements MigrationInterface {
  name = 'LoginThrottleFlexible1779620000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE login_throttle;
      CREATE TABLE login_throttle (
        key    text PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE login_throttle;
      CREATE TABLE login_throttle (
        key               text PRIMARY KEY,
        failures          integer NOT NULL,
        window_started_at timestamptz NOT NULL,
        locked_until      timestamptz
      );
    `);
  }
}
