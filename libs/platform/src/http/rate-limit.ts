import { type Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/** One limit: at most `max` hits per window for the key; `max` 0 means no limit. */
export interface RateLimit {
  readonly key: string;
  readonly max: number;
}

export type RateDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAfterSeconds: number; readonly limitKey: string };

/**
 * Write limits in Redis, shared by every API process, counted by rate-limiter-flexible
 * (RateLimiterRedis: a fixed window per key that starts at its first hit, in one script with
 * Redis's own clock, called by its SHA-1 and sent again after NOSCRIPT).
 *
 * A hit is admitted only when every key is under its limit, and then counted against all of them:
 * the keys are counted together (one round trip, pipelined), and when any refuses, the keys that
 * admitted get their point back. A refused key keeps the extra count, which changes nothing: its
 * window ends when it ends, and a client that keeps retrying is let in then.
 *
 * No insurance limiter: when Redis is down the caller decides (the write guard lets writes through).
 */
export class RedisRateLimiter {
  /** One limiter per maximum (rate-limiter-flexible fixes the points per instance). */
  private readonly limiters = new Map<number, RateLimiterRedis>();

  constructor(
    private readonly redis: Redis,
    /** Prepended to every key; hash-tagged (`{yishi}`) so the keys share a cluster slot. */
    private readonly prefix: string,
    private readonly windowSeconds: number,
  ) {}

  private limiter(max: number): RateLimiterRedis {
    let limiter = this.limiters.get(max);
    if (limiter === undefined) {
      limiter = new RateLimiterRedis({
        storeClient: this.redis,
        keyPrefix: `${this.prefix}:rate`,
        points: max,
        duration: this.windowSeconds,
        rejectIfRedisNotReady: true,
      });
      this.limiters.set(max, limiter);
    }
    return limiter;
  }

  async hit(limits: readonly RateLimit[]): Promise<RateDecision> {
    const active = limits.filter((l) => l.max > 0);
    if (active.length === 0) return { allowed: true };
    const outcomes = await Promise.all(
      active.map(async (limit) => {
        try {
          await this.limiter(limit.max).consume(limit.key);
          return { limit, refusedFor: 0 };
        } catch (error) {
          if (!(error instanceof RateLimiterRes)) throw error;
          return { limit, refusedFor: Math.max(1, error.msBeforeNext) };
        }
      }),
    );
    const refused = outcomes.filter((o) => o.refusedFor > 0);
    if (refused.length === 0) return { allowed: true };
    // A hit refused by one key is counted against none.
    await Promise.all(
      outcomes
        .filter((o) => o.refusedFor === 0)
        .map((o) => this.limiter(o.limit.max).reward(o.limit.key)),
    );
    const longest = refused.reduce((a, b) => (b.refusedFor > a.refusedFor ? b : a));
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil(longest.refusedFor / 1000)),
      limitKey: longest.limit.key,
    };
  }
}
