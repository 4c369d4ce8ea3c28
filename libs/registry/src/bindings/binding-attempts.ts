import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { inTransaction } from '@yishi/database';
import { PG_POOL } from '@yishi/platform';
import { recordAudit } from '../audit';

/** Failed matches within the window that lock the account (per user) or the unit (per unit). */
export const BINDING_USER_FAILURES = 5;
export const BINDING_UNIT_FAILURES = 10;
const WINDOW = '15 minutes';
const LOCK_SECONDS = 15 * 60;

const attemptKeys = (userId: string, unitId: string): [string, string] => [
  `user:${userId}`,
  `unit:${unitId}`,
];

/** Seconds until the user's or the unit's lock ends; 0 when neither is locked. */
async function lockedFor(db: Pool, userId: string, unitId: string): Promise<number> {
  const { rows } = await db.query<{ locked_for: number | null }>(
    `SELECT ceil(extract(epoch FROM locked_until - now()))::int AS locked_for
       FROM unit_binding_attempts WHERE key = ANY ($1)`,
    [attemptKeys(userId, unitId)],
  );
  return Math.max(0, ...rows.map((r) => r.locked_for ?? 0));
}

/**
 * Counts a failed match for the user and the unit (and locks either at its limit), with its audit
 * row, in a transaction of its own: the refusal itself must stay on record.
 */
async function recordFailure(
  pool: Pool,
  communityId: string,
  userId: string,
  unitId: string,
): Promise<{ attemptsLeft: number; lockedForSeconds: number }> {
  return inTransaction(pool, async (client) => {
    const [user, unit] = attemptKeys(userId, unitId);
    const { rows } = await client.query<{ key: string; failures: number }>(
      `INSERT INTO unit_binding_attempts AS t (key, failures, window_started_at)
       SELECT k, 1, now() FROM unnest($1::text[]) AS k
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN t.window_started_at < now() - $2::interval OR t.locked_until < now()
                         THEN 1 ELSE t.failures + 1 END,
         window_started_at = CASE WHEN t.window_started_at < now() - $2::interval
                                    OR t.locked_until < now()
                                  THEN now() ELSE t.window_started_at END,
         locked_until = CASE WHEN t.locked_until < now() THEN NULL ELSE t.locked_until END
       RETURNING key, failures`,
      [[user, unit], WINDOW],
    );
    const failures = (key: string) => rows.find((r) => r.key === key)?.failures ?? 0;
    const locked = await client.query<{ key: string }>(
      `UPDATE unit_binding_attempts SET locked_until = now() + make_interval(secs => $3)
        WHERE (key = $1 AND failures >= $4) OR (key = $2 AND failures >= $5)
        RETURNING key`,
      [user, unit, LOCK_SECONDS, BINDING_USER_FAILURES, BINDING_UNIT_FAILURES],
    );
    const attemptsLeft = Math.max(
      0,
      Math.min(BINDING_USER_FAILURES - failures(user), BINDING_UNIT_FAILURES - failures(unit)),
    );
    await recordAudit(client, {
      communityId,
      actorId: userId,
      action: 'unit-binding.failed',
      entity: 'unit',
      entityId: unitId,
      data: { userFailures: failures(user), unitFailures: failures(unit), attemptsLeft },
    });
    if (locked.rowCount !== 0)
      await recordAudit(client, {
        communityId,
        actorId: userId,
        action: 'unit-binding.locked',
        entity: 'unit',
        entityId: unitId,
        data: { locked: locked.rows.map((r) => r.key.split(':')[0]), seconds: LOCK_SECONDS },
      });
    return { attemptsLeft, lockedForSeconds: locked.rowCount === 0 ? 0 : LOCK_SECONDS };
  });
}

/** The failed matches of accounts and units, and their locks (rows of unit_binding_attempts). */
@Injectable()
export class BindingAttempts {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** Seconds until the user's or the unit's lock ends; 0 when neither is locked. */
  lockedFor(userId: string, unitId: string): Promise<number> {
    return lockedFor(this.pool, userId, unitId);
  }

  /** Counts a failed match (and locks at the limit), with its audit rows, committed at once. */
  recordFailure(
    communityId: string,
    userId: string,
    unitId: string,
  ): Promise<{ attemptsLeft: number; lockedForSeconds: number }> {
    return recordFailure(this.pool, communityId, userId, unitId);
  }
}
