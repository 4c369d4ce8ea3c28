import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import {
  applyCorrections,
  countableBallots,
  countVote,
  type BallotCast,
  type BallotChannel,
  type BallotCorrection,
  type Tally,
  type VotingOpened,
} from '@yishi/domain';
import { type EventStore } from '@yishi/event-store';
import { EVENT_STORE, PG_POOL } from '@yishi/platform';
import { ballotStream, metadata } from './voting-streams';

/**
 * The ballots of a resolution: one stream per (resolution, unit), `ballot-<resolution>-<unit>`, so
 * owners voting at once never contend for a stream version; read back per unit, per set of units,
 * or all of them for the count.
 */
@Injectable()
export class BallotBox {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly db: Pool,
  ) {}

  /** Appends a ballot to its unit's stream at `expected` (the database refuses it once closed). */
  async append(ballot: BallotCast, expected: number | 'no-stream', actorId: string): Promise<void> {
    await this.store.append(
      ballotStream(ballot.data.resolutionId, ballot.data.unitId),
      expected,
      [ballot],
      metadata(actorId),
    );
  }

  /** The last ballot of a unit's stream and its position, if any. */
  async last(
    resolutionId: string,
    unitId: string,
  ): Promise<{ ballot: BallotCast['data']; streamPosition: number } | undefined> {
    const events = await this.store.readStream(ballotStream(resolutionId, unitId));
    const last = events.at(-1);
    return last === undefined
      ? undefined
      : { ballot: last.data as BallotCast['data'], streamPosition: last.streamPosition };
  }

  /** The ballots of one unit, oldest first (a replaced ballot stays in the stream). */
  async unitBallots(resolutionId: string, unitId: string): Promise<BallotCast['data'][]> {
    const events = await this.store.readStream(ballotStream(resolutionId, unitId));
    return events.map((e) => e.data as BallotCast['data']);
  }

  /** The ballot that counts for each of these units (the last of its stream), if any. */
  async latest(resolutionId: string, unitIds: readonly string[]): Promise<BallotCast['data'][]> {
    if (unitIds.length === 0) return [];
    const { rows } = await this.db.query<{ data: BallotCast['data'] }>(
      `SELECT DISTINCT ON (stream_id) data FROM events
        WHERE stream_id = ANY ($1::text[]) AND type = 'BallotCast'
        ORDER BY stream_id, stream_position DESC`,
      [unitIds.map((unitId) => ballotStream(resolutionId, unitId))],
    );
    return rows.map((r) => r.data);
  }

  /** Every ballot of the resolution, through the partial index on BallotCast by resolution. */
  async all(resolutionId: string): Promise<BallotCast['data'][]> {
    const { rows } = await this.db.query<{ data: BallotCast['data'] }>(
      `SELECT data FROM events
        WHERE type = 'BallotCast' AND data->>'resolutionId' = $1
        ORDER BY stream_id, stream_position`,
      [resolutionId],
    );
    return rows.map((r) => r.data);
  }

  /** Units with a ballot: one lookup in the partial index on BallotCast by resolution. */
  async votedUnits(resolutionId: string): Promise<Set<string>> {
    const { rows } = await this.db.query<{ unit_id: string }>(
      `SELECT DISTINCT data->>'unitId' AS unit_id FROM events
        WHERE type = 'BallotCast' AND data->>'resolutionId' = $1`,
      [resolutionId],
    );
    return new Set(rows.map((r) => r.unit_id));
  }

  /** The channel of each unit's counted (latest) ballot. */
  async countedChannels(resolutionId: string): Promise<Map<string, BallotChannel>> {
    const { rows } = await this.db.query<{ unit_id: string; channel: BallotChannel }>(
      `SELECT DISTINCT ON (stream_id) data->>'unitId' AS unit_id, data->>'channel' AS channel
         FROM events
        WHERE type = 'BallotCast' AND data->>'resolutionId' = $1
        ORDER BY stream_id, stream_position DESC`,
      [resolutionId],
    );
    return new Map(rows.map((r) => [r.unit_id, r.channel]));
  }

  /** The tally of the ballots, with any corrections of upheld objections applied. */
  async count(
    voting: VotingOpened['data'],
    corrections: readonly BallotCorrection[] = [],
  ): Promise<Tally> {
    const ballots = countableBallots(
      await this.all(voting.resolutionId),
      voting.rule === 'council',
    );
    return countVote(voting, applyCorrections(ballots, corrections));
  }
}
