/**
 * A demand's stream (`demand-<uuid>`): load by folding it, decide (libs/domain), and append with
 * the expected version. Modelled on CaseRepository (libs/cases), with its reasoning: one command of
 * a demand at a time in this process, and a version conflict (another process wrote) re-loads and
 * re-decides after a random pause, a bounded number of times, before the 409 goes through.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ConcurrencyConflictError,
  decideDemand,
  foldDemand,
  type DemandCommand,
  type DemandContext,
  type DemandEvent,
  type DemandState,
} from '@yishi/domain';
import { type EventStore, type RecordedEvent, StreamQueues } from '@yishi/event-store';
import { currentContext } from '@yishi/observability';

export const DEMAND_STREAM_PREFIX = 'demand-';

export function demandStream(demandId: string): string {
  return `${DEMAND_STREAM_PREFIX}${demandId}`;
}

/** The demand id of a demand stream, undefined for other streams. */
export function demandIdOf(streamId: string): string | undefined {
  return streamId.startsWith(DEMAND_STREAM_PREFIX)
    ? streamId.slice(DEMAND_STREAM_PREFIX.length)
    : undefined;
}

export interface LoadedDemand {
  readonly state: DemandState;
  /** The stream's version (0: no such demand). */
  readonly version: number;
}

export interface DemandOutcome extends LoadedDemand {
  /** What this command appended (empty: nothing to do). */
  readonly events: readonly DemandEvent[];
}

/**
 * What the caller adds once the decider has passed the command, before the append: checks that
 * depend on the demand as loaded (who may act on it: a grid's worker, the assignee), and the
 * demand's number, which is taken only then (docs/demands.md, "A demand's stream"). It returns
 * the events to append (the decided ones, or with the number filled in) or throws.
 */
export type BeforeAppend = (
  state: DemandState,
  events: readonly DemandEvent[],
) => readonly DemandEvent[] | Promise<readonly DemandEvent[]>;

export interface DemandExecution extends Omit<DemandContext, 'now'> {
  /** The time the events record; the clock's when absent. Fixed across retries when given. */
  readonly now?: string;
  readonly beforeAppend?: BeforeAppend;
  /**
   * The demand as the caller has just loaded it (or knows it: none, for an id made moments ago):
   * the first attempt decides on it instead of reading the stream again. The append's expected
   * version still guards it, so a write in between is a conflict like any other, and the retry
   * loads afresh.
   */
  readonly loaded?: LoadedDemand;
}

/** No demand: the state and version of a stream nothing was appended to. */
export const NO_DEMAND: LoadedDemand = { state: null, version: 0 };

/** Attempts against another process's writes to the demand (this process's are queued). */
const MAX_ATTEMPTS = 10;

/**
 * One per process (`DemandStoreModule`), shared by the API's use cases and, later, the worker's
 * jobs. No snapshots: a demand's stream is a handful of events.
 */
export class DemandRepository {
  private readonly queues = new StreamQueues();

  constructor(private readonly store: EventStore) {}

  /** The demand's events as recorded (ids and all), oldest first. */
  recorded(demandId: string): Promise<RecordedEvent[]> {
    return this.store.readStream(demandStream(demandId));
  }

  async load(demandId: string): Promise<LoadedDemand> {
    const recorded = await this.recorded(demandId);
    if (recorded.length === 0) return NO_DEMAND;
    const events = recorded.map((r) => ({ type: r.type, data: r.data }) as DemandEvent);
    return { state: foldDemand(events), version: recorded.at(-1)!.streamPosition };
  }

  execute(
    demandId: string,
    command: DemandCommand | ((state: DemandState) => DemandCommand),
    context: DemandExecution,
  ): Promise<DemandOutcome> {
    return this.queues.run(demandId, () => this.decideAndAppend(demandId, command, context));
  }

  private async decideAndAppend(
    demandId: string,
    command: DemandCommand | ((state: DemandState) => DemandCommand),
    context: DemandExecution,
  ): Promise<DemandOutcome> {
    const { now, beforeAppend, loaded, ...actor } = context;
    for (let attempt = 1; ; attempt++) {
      const { state, version } =
        attempt === 1 && loaded !== undefined ? loaded : await this.load(demandId);
      const cmd = typeof command === 'function' ? command(state) : command;
      const decided = decideDemand(state, cmd, { ...actor, now: now ?? new Date().toISOString() });
      if (decided.length === 0) return { state, version, events: [] };
      const events = beforeAppend === undefined ? decided : await beforeAppend(state, decided);
      const ctx = currentContext();
      try {
        const result = await this.store.append(
          demandStream(demandId),
          version === 0 ? 'no-stream' : version,
          events,
          {
            actorId: context.actorId,
            // The events' time in the log is the one they record.
            ...(now === undefined ? {} : { occurredAt: now }),
            ...(ctx === undefined
              ? {}
              : { correlationId: ctx.correlationId, causationId: ctx.causationId ?? null }),
          },
        );
        return {
          state: foldDemand(events, state),
          version: result.nextExpectedVersion,
          events,
        };
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError) || attempt >= MAX_ATTEMPTS) throw error;
        // Another process wrote to the demand: let it go on before deciding again.
        await sleep(Math.random() * 5 * 2 ** Math.min(attempt, 6));
      }
    }
  }
}
