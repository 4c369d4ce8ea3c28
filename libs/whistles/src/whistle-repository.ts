/**
 * A whistle's stream (`whistle-<uuid>`): load by folding it, decide (libs/domain), and append with
 * the expected version. The demand's repository (libs/demands) with its reasoning: one command of a
 * whistle at a time in this process, and a version conflict (another process wrote) re-loads and
 * re-decides after a random pause, a bounded number of times, before the 409 goes through.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ConcurrencyConflictError,
  decideWhistle,
  foldWhistle,
  type WhistleCommand,
  type WhistleContext,
  type WhistleEvent,
  type WhistleState,
} from '@yishi/domain';
import { type EventStore, type RecordedEvent, StreamQueues } from '@yishi/event-store';
import { currentContext } from '@yishi/observability';

export const WHISTLE_STREAM_PREFIX = 'whistle-';

export function whistleStream(whistleId: string): string {
  return `${WHISTLE_STREAM_PREFIX}${whistleId}`;
}

/** The whistle id of a whistle stream, undefined for other streams. */
export function whistleIdOf(streamId: string): string | undefined {
  return streamId.startsWith(WHISTLE_STREAM_PREFIX)
    ? streamId.slice(WHISTLE_STREAM_PREFIX.length)
    : undefined;
}

export interface LoadedWhistle {
  readonly state: WhistleState;
  /** The stream's version (0: no such whistle). */
  readonly version: number;
}

export interface WhistleOutcome extends LoadedWhistle {
  /** What this command appended (empty: nothing to do). */
  readonly events: readonly WhistleEvent[];
}

export interface WhistleExecution extends Omit<WhistleContext, 'now'> {
  /** The time the events record; the clock's when absent. */
  readonly now?: string;
}

const NO_WHISTLE: LoadedWhistle = { state: null, version: 0 };

/** Attempts against another process's writes to the whistle (this process's are queued). */
const MAX_ATTEMPTS = 10;

/** One per process (`WhistleStoreModule`). No snapshots: a whistle's stream is a few events. */
export class WhistleRepository {
  private readonly queues = new StreamQueues();

  constructor(private readonly store: EventStore) {}

  /** The whistle's events as recorded, oldest first. */
  recorded(whistleId: string): Promise<RecordedEvent[]> {
    return this.store.readStream(whistleStream(whistleId));
  }

  async load(whistleId: string): Promise<LoadedWhistle> {
    const recorded = await this.recorded(whistleId);
    if (recorded.length === 0) return NO_WHISTLE;
    const events = recorded.map((r) => ({ type: r.type, data: r.data }) as WhistleEvent);
    return { state: foldWhistle(events), version: recorded.at(-1)!.streamPosition };
  }

  execute(
    whistleId: string,
    command: WhistleCommand,
    context: WhistleExecution,
  ): Promise<WhistleOutcome> {
    return this.queues.run(whistleId, () => this.decideAndAppend(whistleId, command, context));
  }

  private async decideAndAppend(
    whistleId: string,
    command: WhistleCommand,
    context: WhistleExecution,
  ): Promise<WhistleOutcome> {
    const { now, ...actor } = context;
    const at = now ?? new Date().toISOString();
    for (let attempt = 1; ; attempt++) {
      const { state, version } = await this.load(whistleId);
      const events = decideWhistle(state, command, { ...actor, now: at });
      if (events.length === 0) return { state, version, events: [] };
      const ctx = currentContext();
      try {
        const result = await this.store.append(
          whistleStream(whistleId),
          version === 0 ? 'no-stream' : version,
          events,
          {
            actorId: context.actorId,
            ...(ctx === undefined
              ? {}
              : { correlationId: ctx.correlationId, causationId: ctx.causationId ?? null }),
          },
        );
        return { state: foldWhistle(events, state), version: result.nextExpectedVersion, events };
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError) || attempt >= MAX_ATTEMPTS) throw error;
        // Another process wrote to the whistle: let it go on before deciding again.
        await sleep(Math.random() * 5 * 2 ** Math.min(attempt, 6));
      }
    }
  }
}
