import { setTimeout as sleep } from 'node:timers/promises';
import {
  ConcurrencyConflictError,
  decide,
  fold,
  type CaseCommand,
  type CaseContext,
  type CaseEvent,
  type CaseState,
} from '@yishi/domain';
import { type EventStore, StreamQueues } from '@yishi/event-store';
import { currentContext } from '@yishi/observability';

export const CASE_STREAM_PREFIX = 'case-';

export function caseStream(caseId: string): string {
  return `${CASE_STREAM_PREFIX}${caseId}`;
}

/** The case id of a case stream, undefined for other streams. */
export function caseIdOf(streamId: string): string | undefined {
  return streamId.startsWith(CASE_STREAM_PREFIX)
    ? streamId.slice(CASE_STREAM_PREFIX.length)
    : undefined;
}

export interface LoadedCase {
  readonly state: CaseState;
  /** The stream's version (0: no such case). */
  readonly version: number;
}

export interface CaseOutcome extends LoadedCase {
  /** What this command appended (empty: nothing to do, e.g. a repeated acknowledgement). */
  readonly events: readonly CaseEvent[];
}

/** Attempts against another process's writes to the case (this process's are queued). */
const MAX_ATTEMPTS = 10;

/** Folded cases kept per event store; an entry costs a few kB. */
const SNAPSHOTS_PER_STORE = 10_000;

/**
 * The latest folded state of recently used cases, keyed by case id with the stream version it
 * folds. A stream is append-only and a position never changes, so the state at version v is exact
 * for ever: a load reads only the events after v (one round trip, usually no rows) and folds them
 * on. Postgres stays the truth: every load still reads the stream's head. Least recently used
 * entries go first. States are immutable (`evolve` never changes the one given), so sharing is safe.
 */
export class CaseSnapshots {
  private readonly entries = new Map<string, LoadedCase>();

  constructor(private readonly capacity = SNAPSHOTS_PER_STORE) {}

  get(caseId: string): LoadedCase | undefined {
    const hit = this.entries.get(caseId);
    if (hit !== undefined) {
      this.entries.delete(caseId);
      this.entries.set(caseId, hit);
    }
    return hit;
  }

  /** Keeps the newer of what is held and `loaded` (loads of one case may finish out of order). */
  put(caseId: string, loaded: LoadedCase): void {
    if (loaded.version === 0) return;
    const held = this.entries.get(caseId);
    if (held !== undefined && held.version >= loaded.version) return;
    this.entries.delete(caseId);
    this.entries.set(caseId, loaded);
    if (this.entries.size > this.capacity)
      this.entries.delete(this.entries.keys().next().value as string);
  }

  forget(caseId: string): void {
    this.entries.delete(caseId);
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * Loads a case by folding its stream, decides, and appends with the expected version, one command
 * of a case at a time in this process (`StreamQueues`). A version conflict means another process
 * changed the case meanwhile: re-load and re-decide after a random pause, a bounded number of
 * times, then let the 409 through.
 *
 * One per process (`CaseStoreModule` provides it to the API and the worker alike), so its snapshots
 * and its per-case queue are shared by everything that changes cases here.
 */
export class CaseRepository {
  constructor(
    private readonly store: EventStore,
    private readonly snapshots = new CaseSnapshots(),
    private readonly queues = new StreamQueues(),
  ) {}

  /** The case as its stream holds it now: the snapshot, if any, plus the events after it. */
  async load(caseId: string): Promise<LoadedCase> {
    const held = this.snapshots.get(caseId);
    const recorded = await this.store.readStream(caseStream(caseId), {
      afterVersion: held?.version ?? 0,
    });
    if (recorded.length === 0) return held ?? { state: null, version: 0 };
    if (held !== undefined && recorded[0]!.streamPosition !== held.version + 1) {
      // Not the continuation of the snapshot (cannot happen to an append-only stream): fold afresh.
      this.snapshots.forget(caseId);
      return this.load(caseId);
    }
    const events = recorded.map((r) => ({ type: r.type, data: r.data }) as CaseEvent);
    const loaded = {
      state: fold(events, held?.state ?? null),
      version: recorded.at(-1)!.streamPosition,
    };
    this.snapshots.put(caseId, loaded);
    return loaded;
  }

  async execute(
    caseId: string,
    command: CaseCommand | ((state: CaseState) => CaseCommand),
    context: Omit<CaseContext, 'now'> & {
      now?: () => string;
      /** The case as the caller just loaded it: the first attempt decides on it (a stale one
       * is a version conflict, and the retry loads afresh). */
      loaded?: LoadedCase;
    },
  ): Promise<CaseOutcome> {
    // A case loaded before waiting behind other commands of the case is stale: load afresh.
    const fresh = this.queues.busy(caseId) ? { ...context, loaded: undefined } : context;
    return this.queues.run(caseId, () => this.decideAndAppend(caseId, command, fresh));
  }

  private async decideAndAppend(
    caseId: string,
    command: CaseCommand | ((state: CaseState) => CaseCommand),
    context: Omit<CaseContext, 'now'> & { now?: () => string; loaded?: LoadedCase | undefined },
  ): Promise<CaseOutcome> {
    const { now: clock, loaded, ...actor } = context;
    const now = clock ?? (() => new Date().toISOString());
    for (let attempt = 1; ; attempt++) {
      const { state, version } =
        attempt === 1 && loaded !== undefined ? loaded : await this.load(caseId);
      const cmd = typeof command === 'function' ? command(state) : command;
      const events = decide(cmd, state, { ...actor, now: now() });
      if (events.length === 0) return { state, version, events };
      const ctx = currentContext();
      try {
        const result = await this.store.append(
          caseStream(caseId),
          version === 0 ? 'no-stream' : version,
          events,
          {
            actorId: context.actorId,
            ...(ctx === undefined
              ? {}
              : { correlationId: ctx.correlationId, causationId: ctx.causationId ?? null }),
          },
        );
        // Not kept as a snapshot: the next load folds the events as stored (JSON), like every load.
        return { state: fold(events, state), version: result.nextExpectedVersion, events };
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError) || attempt >= MAX_ATTEMPTS) throw error;
        // Another process wrote to the case: let it go on before deciding again.
        await sleep(Math.random() * 5 * 2 ** Math.min(attempt, 6));
      }
    }
  }
}
