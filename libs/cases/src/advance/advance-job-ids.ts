/* Job ids of the advance (the rule itself is the domain's advanceRule, libs/domain gates.ts). */

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
