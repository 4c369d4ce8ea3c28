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
import { type EventStore } from '@yishi/event-store';
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

const MAX_ATTEMPTS = 5;

/**
 * Loads a case by folding its stream, decides, and appends with the expected version. A version
 * conflict means someone else changed the case meanwhile: re-load and re-decide, a bounded number
 * of times, then let the 409 through.
 */
export class CaseRepository {
  constructor(private readonly store: EventStore) {}

  async load(caseId: string): Promise<LoadedCase> {
    const recorded = await this.store.readStream(caseStream(caseId));
    const events = recorded.map((r) => ({ type: r.type, data: r.data }) as CaseEvent);
    return { state: fold(events), version: recorded.at(-1)?.streamPosition ?? 0 };
  }

  async execute(
    caseId: string,
    command: CaseCommand | ((state: CaseState) => CaseCommand),
    context: Omit<CaseContext, 'now'> & { now?: () => string },
  ): Promise<CaseOutcome> {
    const { now: clock, ...actor } = context;
    const now = clock ?? (() => new Date().toISOString());
    for (let attempt = 1; ; attempt++) {
      const { state, version } = await this.load(caseId);
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
        return { state: fold(events, state), version: result.nextExpectedVersion, events };
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError) || attempt >= MAX_ATTEMPTS) throw error;
        await sleep(Math.random() * 10 * attempt);
      }
    }
  }
}
