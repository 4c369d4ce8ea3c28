import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { inTransaction } from '@yishi/database';
import { PG_POOL } from '@yishi/platform';
import { recordAudit } from '../audit';

/** Failed matches within the window that lock the account (per user) or the unit (per unit). */
export const BINDING_USER_FAILURES = 5;
export const BINDING_UNIT_FAILURES = 10;
const WINDOW_SECONDS = 15 * 60;
const LOCK_SECONDS = 15 * 60;
/** rate-limiter-flexible's rows (migration BindingAttemptsFlexible); keys `user:<id>`, `unit:<id>`. */
const TABLE = 'unit_binding_attempts';

/** A limiter's count of a key, or nothing: rate-limiter-flexible rejects with it past the limit. */
async function counted(attempt: Promise<RateLimiterRes>): Promise<RateLimiterRes> {
  try {
    return await attempt;
  } catch (error) {
    if (error instanceof RateLimiterRes) return error;
    throw error;
  }
}

/**
 * The failed matches of accounts and units, and their locks: counted by rate-limiter-flexible in
 * PostgreSQL (RateLimiterPostgres), as the login throttle is, so every API process shares them.
 * A key at its limit is blocked for LOCK_SECONDS; after that (or a window without a lock) its
 * count starts afresh. A binding that succeeds clears the account's count (in its transaction,
 * unit-bindings.repository.ts). Each failure and each lock is on record in the audit log.
 */
@Injectable()
export class BindingAttempts {
  private readonly users: RateLimiterPostgres;
  private readonly units: RateLimiterPostgres;

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {
    const common = {
      storeClient: pool,
      storeType: 'pool',
      tableName: TABLE,
      tableCreated: true,
      duration: WINDOW_SECONDS,
    };
    this.users = new RateLimiterPostgres({
      ...common,
      keyPrefix: 'user',
      points: BINDING_USER_FAILURES,
    });
    this.units = new RateLimiterPostgres({
      ...common,
      keyPrefix: 'unit',
      points: BINDING_UNIT_FAILURES,
    });
  }

  /** Seconds until the user's or the unit's lock ends; 0 when neither is locked. */
  async lockedFor(userId: string, unitId: string): Promise<number> {
    const [user, unit] = await Promise.all([this.users.get(userId), this.units.get(unitId)]);
    const lock = (res: RateLimiterRes | null, limit: number) =>
      res !== null && res.consumedPoints >= limit ? Math.ceil(res.msBeforeNext / 1000) : 0;
    return Math.max(0, lock(user, BINDING_USER_FAILURES), lock(unit, BINDING_UNIT_FAILURES));
  }

  /**
   * Counts a failed match for the user and the unit, locks either at its limit, and puts the
   * refusal (and the lock) on record in the audit log.
   */
  async recordFailure(
    communityId: string,
    userId: string,
    unitId: string,
  ): Promise<{ attemptsLeft: number; lockedForSeconds: number }> {
    const [user, unit] = await Promise.all([
      counted(this.users.consume(userId)),
      counted(this.units.consume(unitId)),
    ]);
    const locked: string[] = [];
    if (user.consumedPoints >= BINDING_USER_FAILURES) {
      await this.users.block(userId, LOCK_SECONDS);
      locked.push('user');
    }
    if (unit.consumedPoints >= BINDING_UNIT_FAILURES) {
      await this.units.block(unitId, LOCK_SECONDS);
      locked.push('unit');
    }
    const userFailures = Math.min(user.consumedPoints, BINDING_USER_FAILURES);
    const unitFailures = Math.min(unit.consumedPoints, BINDING_UNIT_FAILURES);
    const attemptsLeft = Math.max(
      0,
      Math.min(BINDING_USER_FAILURES - userFailures, BINDING_UNIT_FAILURES - unitFailures),
    );
    await inTransaction(this.pool, async (client) => {
      await recordAudit(client, {
        communityId,
        actorId: userId,
        action: 'unit-binding.failed',
        entity: 'unit',
        entityId: unitId,
        data: { userFailures, unitFailures, attemptsLeft },
      });
      if (locked.length > 0)
        await recordAudit(client, {
          communityId,
          actorId: userId,
          action: 'unit-binding.locked',
          entity: 'unit',
          entityId: unitId,
          data: { locked, seconds: LOCK_SECONDS },
        });
    });
    return { attemptsLeft, lockedForSeconds: locked.length === 0 ? 0 : LOCK_SECONDS };
  }
}
