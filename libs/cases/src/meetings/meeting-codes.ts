import { randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimitedError, ValidationError } from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';

/** How long a code shown in the room admits sign-ins. */
export const MEETING_CODE_MINUTES = 15;
/** Tries of a code per person, and per meeting from everyone, in a code's lifetime. */
const TRIES_PER_PERSON = 5;
const TRIES_PER_MEETING = 200;

/**
 * The one-time code of a meeting (签到码): six digits shown in the room (as digits and a QR code),
 * valid for fifteen minutes; a new one replaces the old. The code proves presence, so it is kept in
 * plain text for its short life (a hash of six digits hides nothing). Tries are counted with
 * rate-limiter-flexible in PostgreSQL, in the login throttle's table: five per person and 200 per
 * meeting in fifteen minutes, so guessing one of a million codes in its lifetime is hopeless.
 */
@Injectable()
export class MeetingCodes {
  private readonly people: RateLimiterPostgres;
  private readonly meetings: RateLimiterPostgres;

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {
    const common = {
      storeClient: pool,
      storeType: 'pool',
      tableName: 'login_throttle',
      tableCreated: true,
      duration: MEETING_CODE_MINUTES * 60,
    };
    this.people = new RateLimiterPostgres({
      ...common,
      keyPrefix: 'meeting-code-user',
      points: TRIES_PER_PERSON,
    });
    this.meetings = new RateLimiterPostgres({
      ...common,
      keyPrefix: 'meeting-code',
      points: TRIES_PER_MEETING,
    });
  }

  async issue(
    meetingId: string,
    communityId: string,
    issuedBy: string,
  ): Promise<{ code: string; expiresAt: string }> {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const { rows } = await this.pool.query<{ expires_at: Date }>(
      `INSERT INTO meeting_codes (meeting_id, community_id, code, expires_at, issued_by)
       VALUES ($1, $2, $3, now() + make_interval(mins => $4), $5)
       ON CONFLICT (meeting_id) DO UPDATE
         SET code = EXCLUDED.code, expires_at = EXCLUDED.expires_at,
             issued_by = EXCLUDED.issued_by, issued_at = now()
       RETURNING expires_at`,
      [meetingId, communityId, code, MEETING_CODE_MINUTES, issuedBy],
    );
    return { code, expiresAt: rows[0]!.expires_at.toISOString() };
  }

  /** The code is the meeting's and alive, or 400; too many tries, 429. */
  async check(meetingId: string, userId: string, code: string): Promise<void> {
    for (const [limiter, key] of [
      [this.people, `${meetingId}:${userId}`],
      [this.meetings, meetingId],
    ] as const) {
      try {
        await limiter.consume(key);
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
        throw new RateLimitedError(
          `签到码尝试次数过多，请 ${Math.ceil(seconds / 60)} 分钟后再试，或请工作人员协助签到`,
          seconds,
        );
      }
    }
    const { rows } = await this.pool.query(
      `SELECT 1 FROM meeting_codes WHERE meeting_id = $1 AND code = $2 AND expires_at > now()`,
      [meetingId, code],
    );
    if (rows.length === 0)
      throw new ValidationError('签到码不正确或已过期，请核对会场显示的签到码', { field: 'code' });
  }
}
