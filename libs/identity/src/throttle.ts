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
  /** Seconds until the lock ends; 0 when not locked (the attempt may go on). */
  readonly lockedForSeconds: number;
  /** How long to wait before answering this attempt. */
  readonly delayMs: number;
}

/**
 * Login attempts per submitted username (whether or not it exists, so a lock tells nothing) and per
 * client address, in PostgreSQL so every API process shares them and a restart forgets nothing.
 *
 * An attempt is counted before its password is checked, in one statement (row locks order the
 * attempts of a burst): of 40 wrong passwords and the right one sent together, only the first
 * `lockAfterFailures` are checked at all, and the rest, the right one included, are refused. A
 * success then takes its own count back (see `succeeded`).
 */
export class LoginThrottle {
  constructor(
    private readonly pool: Pool,
    private readonly policy: ThrottlePolicy,
  ) {}

  private keys(username: string, address: string): [string, string] {
    return [`user:${username.normalize('NFKC').toLowerCase()}`, `addr:${address}`];
  }

  /**
   * Counts this attempt for the username and the address; past either's limit the key is locked
   * for `lockSeconds` and the attempt is refused (`lockedForSeconds` > 0). While a key is locked
   * attempts are refused without counting; after the lock the count starts afresh.
   */
  async attempt(username: string, address: string): Promise<ThrottleState> {
    const limit = this.policy.lockAfterFailures;
    // The count this attempt makes, and whether the key is locked now (before this attempt).
    const locked = `t.locked_until > now()`;
    const fresh = `(t.window_started_at < now() - $2::interval OR t.locked_until IS NOT NULL)`;
    const count = `CASE WHEN ${fresh} THEN 1 ELSE t.failures + 1 END`;
    const keyLimit = `CASE WHEN t.key LIKE 'user:%' THEN $3::int ELSE $4::int END`;
    const { rows } = await this.pool.query<{ failures: number; locked_for: number | null }>(
      `INSERT INTO login_throttle AS t (key, failures, window_started_at)
       SELECT k, 1, now() FROM unnest($1::text[]) AS k
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN ${locked} THEN t.failures ELSE ${count} END,
         window_started_at = CASE WHEN ${locked} OR NOT ${fresh}
                                  THEN t.window_started_at ELSE now() END,
         locked_until = CASE WHEN ${locked} THEN t.locked_until
                             WHEN ${count} > ${keyLimit} THEN now() + make_interval(secs => $5)
                             ELSE NULL END
       RETURNING failures, ceil(extract(epoch FROM t.locked_until - now()))::int AS locked_for`,
      [
        this.keys(username, address),
        WINDOW,
        limit,
        limit * ADDRESS_FACTOR,
        this.policy.lockSeconds,
      ],
    );
    const lockedForSeconds = Math.max(0, ...rows.map((r) => r.locked_for ?? 0));
    // The failures before this attempt set the delay. Capped below a second: no answer of the API
    // takes longer; past the cap the lock takes over.
    const before = Math.max(0, ...rows.map((r) => r.failures - 1));
    const delayMs =
      before < 3
        ? 0
        : Math.min(MAX_DELAY_MS, this.policy.slowdownMs * 2 ** Math.min(before - 3, 10));
    return { lockedForSeconds, delayMs };
  }

  /**
   * The password was right: the username's count starts afresh, and the address's count gives
   * this attempt back (an office behind one address signs many people in).
   */
  async succeeded(username: string, address: string): Promise<void> {
    const [user, addr] = this.keys(username, address);
    await this.pool.query(
      // An address left with no attempt of its own is forgotten (no row per address that ever
      // signed in).
      `WITH forgotten AS (DELETE FROM login_throttle WHERE key = $1),
            emptied AS (DELETE FROM login_throttle
                         WHERE key = $2 AND locked_until IS NULL AND failures <= 1)
       UPDATE login_throttle SET failures = failures - 1
        WHERE key = $2 AND locked_until IS NULL AND failures > 1`,
      [user, addr],
    );
  }
}
