import {
  type CaseDetail,
  type CaseParty,
  type PartyStageRecord,
  STAGES,
  type Stage,
} from './api/types';

export type AckState = 'acknowledged' | 'escalated' | 'overdue' | 'waiting' | 'optional';

/** The stage entry the case is in now (a stage can be entered twice: a failed vote, a reopen). */
export function currentEntry(c: CaseDetail): number {
  return c.stageHistory[c.stageHistory.length - 1]?.entry ?? 0;
}

export function recordOf(c: CaseDetail, party: CaseParty): PartyStageRecord | undefined {
  const entry = currentEntry(c);
  return party.stages.find((s) => s.entry === entry && s.stage === c.stage);
}

/** One party's 签收 of the current stage: done, escalated (吹哨), past its deadline, or waiting. */
export function ackState(c: CaseDetail, party: CaseParty, now = Date.now()): AckState {
  const record = recordOf(c, party);
  if (record?.acknowledgedAt !== null && record?.acknowledgedAt !== undefined)
    return 'acknowledged';
  if (record?.escalatedAt !== null && record?.escalatedAt !== undefined) return 'escalated';
  if (!party.required) return 'optional';
  if (
    record?.deadline !== null &&
    record?.deadline !== undefined &&
    Date.parse(record.deadline) < now
  )
    return 'overdue';
  return 'waiting';
}

export const ACK_LABELS: Readonly<Record<AckState, string>> = {
  acknowledged: '已签收',
  escalated: '已吹哨',
  overdue: '逾期未签收',
  waiting: '待签收',
  optional: '可选参与',
};

/** What needs the secretary's eye on the board. */
export function attention(c: CaseDetail, now = Date.now()): { overdue: number; escalated: number } {
  if (c.status === 'closed') return { overdue: 0, escalated: 0 };
  let overdue = 0;
  let escalated = 0;
  for (const p of c.parties) {
    const state = ackState(c, p, now);
    if (state === 'overdue') overdue++;
    if (state === 'escalated') escalated++;
  }
  return { overdue, escalated };
}

export function nextStage(stage: Stage): Stage | 'closed' {
  const i = STAGES.indexOf(stage);
  return STAGES[i + 1] ?? 'closed';
}
