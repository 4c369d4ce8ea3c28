/**
 * A demand's readable number (`XY-20261207-0001`, docs/demands.md "A demand's stream"): the
 * community's prefix, the day of receipt in China Standard Time, and the day's next sequence from a
 * counter row per (community, day). The row is taken by one autocommit upsert once the intake has
 * passed every check, just before the append (the event store's group commit has no room for other
 * statements); a number is never given twice, and only a write that fails after taking its number
 * leaves a gap.
 *
 * Every intake of a community's day moves the same row, so under load the upserts queued on its
 * row lock, each a round trip of its own. The numbers of one process are taken as a group commit
 * instead: while one upsert of a (community, day) is in flight, the intakes that reach this point
 * wait, and the next upsert takes a block of exactly as many numbers (`last_seq + n`) and hands
 * them out in the order asked. No timer: a lone intake's upsert goes at once. A block is never
 * larger than its takers, so nothing is left over and the guarantees stay as they were; the
 * numbers of one block are consecutive, and blocks of several processes interleave as single
 * upserts did. Hand-written: a DataLoader batches within one tick only, and this is the same
 * few lines as the event store's write coalescer, keyed by counter row.
 */
import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { formatDemandNumber, shanghaiDateOf, type DemandEvent } from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';

/** Numbers taken by one upsert at most. */
const MAX_BLOCK = 500;

interface Taker {
  readonly resolve: (seq: number) => void;
  readonly reject: (error: unknown) => void;
}

/** The intakes of one (community, day) waiting for a number while its upsert is in flight. */
interface Counter {
  readonly communityId: string;
  readonly day: string;
  readonly takers: Taker[];
}

@Injectable()
export class DemandNumbers {
  /** Counters with an upsert in flight, by `${communityId} ${day}`. */
  private readonly busy = new Map<string, Counter>();

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** The next sequence number of the community's day (`YYYY-MM-DD`, China Standard Time). */
  next(communityId: string, day: string): Promise<number> {
    const key = `${communityId} ${day}`;
    const waiting = this.busy.get(key);
    return new Promise<number>((resolve, reject) => {
      if (waiting !== undefined) {
        waiting.takers.push({ resolve, reject });
        return;
      }
      const counter: Counter = { communityId, day, takers: [{ resolve, reject }] };
      this.busy.set(key, counter);
      void this.drain(key, counter);
    });
  }

  /** Upserts for the counter's takers, a block at a time, until none is waiting. */
  private async drain(key: string, counter: Counter): Promise<void> {
    while (counter.takers.length > 0) {
      const block = counter.takers.splice(0, MAX_BLOCK);
      try {
        const last = await this.take(counter.communityId, counter.day, block.length);
        block.forEach((taker, i) => taker.resolve(last - block.length + 1 + i));
      } catch (error) {
        for (const taker of block) taker.reject(error);
      }
    }
    this.busy.delete(key);
  }

  /** Moves the counter on by `n`; its new last sequence. */
  private async take(communityId: string, day: string, n: number): Promise<number> {
    const { rows } = await this.pool.query<{ last_seq: number }>(
      `INSERT INTO demand_number_counters AS c (community_id, day, last_seq) VALUES ($1, $2, $3)
       ON CONFLICT (community_id, day) DO UPDATE SET last_seq = c.last_seq + $3
       RETURNING last_seq`,
      [communityId, day, n],
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
