import { type Pool } from 'pg';

/** The longest deliberate delay of a login after failures. */
const MAX_DELAY_MS = 500;

export interface ThrottlePolicy {
  /** Failures within the window that lock a username; an address gets five times as many. */
  readonly lockAfterFailures: number;
  readonly lockSeconds: number;
  /** Delay from the 3rd failure, doubling, at most MAX_DELAY_MS. */
  readonly slowdownMs: number;
}

const WINDOW = '15 minutes';
const ADDRESS_FACTOR = 5;

export interface ThrottleState {
  /** Seconds until the lock ends; 0 when not locked. */
  readonly lockedForSeconds: number;
  /** How long to wait before answering this attempt. */
  readonly delayMs: number;
}

/**
 * Failed logins per submitted username (whether or not it exists, so a lock tells nothing) and per
 * client address, in PostgreSQL so every API process shares them and a restart forgets nothing.
 */
export class LoginThrottle {
  constructor(
    private readonly pool: Pool,
    private readonly policy: ThrottlePolicy,
  ) {}

  private keys(username: string, address: string): [string, string] {
    return [`user:${username.normalize('NFC').toLowerCase()}`, `addr:${address}`];
  }

  async state(username: string, address: string): Promise<ThrottleState> {
    const { rows } = await this.pool.query<{ failures: number; locked_for: number | null }>(
      `SELECT CASE WHEN window_started_at < now() - $2::interval THEN 0 ELSE failures END AS failures,
              ceil(extract(epoch FROM locked_until - now()))::int AS locked_for
         FROM login_throttle WHERE key = ANY($1)`,
      [this.keys(username, address), WINDOW],
    );
    const lockedForSeconds = Math.max(0, ...rows.map((r) => r.locked_for ?? 0));
    const failures = Math.max(0, ...rows.map((r) => r.failures));
    // Capped below a second: no answer of the API takes longer; past the cap the lock takes over.
    const delayMs =
      failures < 3
        ? 0
        : Math.min(MAX_DELAY_MS, this.policy.slowdownMs * 2 ** Math.min(failures - 3, 10));
    return { lockedForSeconds, delayMs };
  }

  async recordFailure(username: string, address: string): Promise<void> {
    const [user, addr] = this.keys(username, address);
    const limit = this.policy.lockAfterFailures;
    // A lock resets the count, so the next window after it starts afresh.
    await this.pool.query(
      `INSERT INTO login_throttle AS t (key, failures, window_started_at)
       SELECT k, 1, now() FROM unnest($1::text[]) AS k
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN t.window_started_at < now() - $2::interval THEN 1 ELSE t.failures + 1 END,
         window_started_at = CASE WHEN t.window_started_at < now() - $2::interval
                                  THEN now() ELSE t.window_started_at END`,
      [[user, addr], WINDOW],
    );
    await this.pool.query(
      `UPDATE login_throttle
          SET locked_until = now() + make_interval(secs => $3), failures = 0, window_started_at = now()
        WHERE (key = $1 AND failures >= $4) OR (key = $2 AND failures >= $5)`,
      [user, addr, this.policy.lockSeconds, limit, limit * ADDRESS_FACTOR],
    );
  }

  async recordSuccess(username: string): Promise<void> {
    const [user] = this.keys(username, '');
    await this.pool.query(`DELETE FROM login_throttle WHERE key = $1`, [user]);
  }
}
