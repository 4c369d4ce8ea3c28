import { gate, nextTarget, type AdvanceTarget, type Case } from '@yishi/domain';

/**
 * Whether the queue should evaluate the case's next gate now, and to where:
 * - an advance was requested and not yet evaluated: always (it advances or is rejected with reasons);
 * - analysis, deliberation and follow-up: when the gate holds by itself (the notice period ended, the
 *   vote passed, the last task is done and the window over, the last party acknowledged);
 * - gathering: only after a rejected request whose gate now holds (the secretary decides when
 *   enough demands are in).
 */
export function wantedAdvance(
  state: Case,
  now: string,
  unitsInScope: number | null,
): AdvanceTarget | undefined {
  if (state.status !== 'open') return undefined;
  const to = nextTarget(state.stage);
  if (state.advanceRequest?.to === to) return to;
  if (gate(state, to, now, { unitsInScope }).length > 0) return undefined;
  if (state.stage !== 'gathering') return to;
  return state.lastAdvanceRejection?.to === to ? to : undefined;
}

/** BullMQ job id of an advance: deterministic per (case, from, to); no ':' and never all digits. */
export function advanceJobId(caseId: string, from: string, to: string): string {
  return `advance_${caseId}_${from}_${to}`;
}

/**
 * BullMQ job id of a time-driven gate check (a notice period's or evaluation window's end), from the
 * event that set the time (NoticePublished, EvaluationOpened): the reaction and the reconciler
 * derive the same id, so neither adds a second timer.
 */
export function timerJobId(kind: string, causeEventId: string): string {
  return `timer_${kind}_${causeEventId}`;
}
