import { type AppendMetadata } from '@yishi/event-store';
import { currentContext } from '@yishi/observability';

export const RESOLUTION_STREAM_PREFIX = 'resolution-';

/** The resolution's own stream: VotingOpened (the frozen electorate), then once VotingClosed. */
export function resolutionStream(resolutionId: string): string {
  return `${RESOLUTION_STREAM_PREFIX}${resolutionId}`;
}

/** One stream per (resolution, unit): ballots cast at once never contend for a stream version. */
export function ballotStream(resolutionId: string, unitId: string): string {
  return `ballot-${resolutionId}-${unitId}`;
}

/** An append's metadata: the actor, and the request's correlation where there is one. */
export function metadata(actorId: string): AppendMetadata {
  const ctx = currentContext();
  return {
    actorId,
    ...(ctx === undefined
      ? {}
      : { correlationId: ctx.correlationId, causationId: ctx.causationId ?? null }),
  };
}
