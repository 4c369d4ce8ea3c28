import { setTimeout as sleep } from 'node:timers/promises';
import { type Pool } from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimitedError } from '@yishi/domain';

/** The longest deliberate delay of a login after failures. */
const MAX_DELAY_MS = 500;
const WINDOW_SECONDS = 15 * 60;
const ADDRESS_FACTOR = 5;
/** The table (migration LoginThrottleFlexible) holding rate-limiter-flexible's rows. */
const TABLE = 'login_throttle';

export interface ThrottlePolicy {
  /** Failures within the window that lock a username; an address gets five times as many. */
  readonly lockAfterFailures: number;
  readonly lockSeconds: number;
  /** Delay from the 3rd failure, doubling, at most MAX_DELAY_MS. */
  readonly slowdownMs: number;
}

export interface ThrottleState {
  /** Seconds until the lock ends; 0 when not locked (the attempt may go on). */
  readonly lockedForSeconds: number;
  /** How long to wait before answering this attempt. */
  readonly delayMs: number;
}

/** "15 分钟" / "40 秒": how long a lock still holds, for the person waiting. */
export function waitPhrase(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.ceil(seconds))} 秒`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} 分钟`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} 小时` : `${hours} 小时 ${minutes % 60} 分钟`;
}

/** The refusal of a locked username or address, saying for how long (also Retry-After). */
export function lockedOut(seconds: number): RateLimitedError {
  return new RateLimitedError(`登录失败次数过多，请在 ${waitPhrase(seconds)}后再试`, seconds);
}

/**
 * Login attempts per submitted username (whether or not it exists, so a lock tells nothing) and per
 * client address, counted by rate-limiter-flexible in PostgreSQL (RateLimiterPostgres): every API
 * process shares them, a restart forgets nothing, and logging in needs no Redis.
 *
 * An attempt is counted before its password is checked (one atomic upsert per key): of 40 wrong
 * passwords and the right one sent together, only the first `lockAfterFailures` are checked at
 * all, and the rest, the right one included, are refused. Past the limit a key is blocked for
 * `lockSeconds`; after that (or after a 15-minute window without a lock) its count starts afresh.
 * A success then takes its own count back (see `succeeded`).
 */
export class LoginThrottle {
  private readonly users: RateLimiterPostgres;
  private readonly addresses: RateLimiterPostgres;

  constructor(
    pool: Pool,
    private readonly policy: ThrottlePolicy,
  ) {
    const common = {
      storeClient: pool,
      storeType: 'pool',
      tableName: TABLE,
      tableCreated: true,
      duration: WINDOW_SECONDS,
      blockDuration: policy.lockSeconds,
    };
    this.users = new RateLimiterPostgres({
      ...common,
      keyPrefix: 'user',
      points: policy.lockAfterFailures,
    });
    this.addresses = new RateLimiterPostgres({
      ...common,
      keyPrefix: 'addr',
      points: policy.lockAfterFailures * ADDRESS_FACTOR,
    });
  }

  private static userKey(username: string): string {
    return username.normalize('NFKC').toLowerCase();
  }

  /**
   * Counts this attempt for the username and the address; past either's limit the key is locked
   * for `lockSeconds` and the attempt is refused (`lockedForSeconds` > 0).
   */
  async attempt(username: string, address: string): Promise<ThrottleState> {
    const results = await Promise.all([
      consumed(this.users.consume(LoginThrottle.userKey(username))),
      consumed(this.addresses.consume(address)),
    ]);
    const lockedForSeconds = Math.max(
      0,
      ...results.filter((r) => r.refused).map((r) => Math.ceil(r.res.msBeforeNext / 1000)),
    );
    // The failures before this attempt set the delay. Capped below a second: no answer of the API
    // takes longer; past the cap the lock takes over.
    const before = Math.max(0, ...results.map((r) => r.res.consumedPoints - 1));
    const delayMs =
      before < 3
        ? 0
        : Math.min(MAX_DELAY_MS, this.policy.slowdownMs * 2 ** Math.min(before - 3, 10));
    return { lockedForSeconds, delayMs };
  }

  /** `attempt`, then the refusal of a locked key or the deliberate delay. */
  async admit(username: string, address: string): Promise<void> {
    const { lockedForSeconds, delayMs } = await this.attempt(username, address);
    if (lockedForSeconds > 0) throw lockedOut(lockedForSeconds);
    if (delayMs > 0) await sleep(delayMs);
  }

  /**
   * The password was right: the username's count starts afresh, and the address's count gives
   * this attempt back (an office behind one address signs many people in). An address left with
   * no attempt of its own is forgotten (no row per address that ever signed in).
   */
  async succeeded(username: string, address: string): Promise<void> {
    const [, left] = await Promise.all([
      this.users.delete(LoginThrottle.userKey(username)),
      this.addresses.reward(address, 1),
    ]);
    if (left.consumedPoints <= 0) await this.addresses.delete(address);
  }
}

/** A consume's outcome: rate-limiter-flexible rejects with its result when over the limit. */
async function consumed(
  attempt: Promise<RateLimiterRes>,
): Promise<{ refused: boolean; res: RateLimiterRes }> {
  try {
    return { refused: false, res: await attempt };
  } catch (error) {
    if (error instanceof RateLimiterRes) return { refused: true, res: error };
    throw error;
  }
}
