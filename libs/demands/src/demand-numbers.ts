/**
 * A demand's readable number (`XY-20261207-0001`, docs/demands.md "A demand's stream"): the
 * community's prefix, the day of receipt in China Standard Time, and the day's next sequence from a
 * counter row per (community, day). The row is taken by one autocommit upsert once the intake has
 * passed every check, just before the append (the event store's group commit has no room for other
 * statements); a number is never given twice, and only a write that fails after taking its number
 * leaves a gap.
 */
import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { formatDemandNumber, shanghaiDateOf, type DemandEvent } from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';

@Injectable()
export class DemandNumbers {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** The next sequence number of the community's day (`YYYY-MM-DD`, China Standard Time). */
  async next(communityId: string, day: string): Promise<number> {
    const { rows } = await this.pool.query<{ last_seq: number }>(
      `INSERT INTO demand_number_counters AS c (community_id, day, last_seq) VALUES ($1, $2, 1)
       ON CONFLICT (community_id, day) DO UPDATE SET last_seq = c.last_seq + 1
       RETURNING last_seq`,
      [communityId, day],
    );
    return rows[0]!.last_seq;
  }

  /**
   * The intake's events with the number taken now in place of the one the decider checked (the
   * same prefix and day, sequence 1): the decision passed, so the number is spent on it.
   */
  async numbered(prefix: string, events: readonly DemandEvent[]): Promise<DemandEvent[]> {
    return Promise.all(
      events.map(async (event) => {
        if (event.type !== 'DemandReceived') return event;
        const { communityId, receivedAt } = event.data;
        const seq = await this.next(communityId, shanghaiDateOf(receivedAt));
        return {
          ...event,
          data: { ...event.data, number: formatDemandNumber(prefix, receivedAt, seq) },
        };
      }),
    );
  }
}
