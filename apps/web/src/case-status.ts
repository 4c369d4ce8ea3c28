import {
  type CaseDetail,
  type CaseParty,
  type PartyStageRecord,
  STAGES,
  type Stage,
} from './api/types';
import { formatMonthDay } from './labels';

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

/** Where an advance goes: a mediation is gathering → deliberation (the mediation) → closed. */
export function nextStage(stage: Stage, mechanism?: CaseDetail['mechanism']): Stage | 'closed' {
  if (mechanism === 'mediation') return stage === 'gathering' ? 'deliberation' : 'closed';
  const i = STAGES.indexOf(stage);
  return STAGES[i + 1] ?? 'closed';
}

/** `12月10日`, China Standard Time (not the phone's zone). */
const day = formatMonthDay;

/**
 * One line for a case card: where it stands and what it waits for. The API has no summary field;
 * this is derived from the case view (the board reads each open case's view anyway).
 */
export function caseSummary(c: CaseDetail, now = Date.now()): string {
  if (c.status === 'closed') return '已销号';
  if (c.advanceRequest !== null) return '已申请推进，系统正在核对条件';
  const entered = c.stageHistory[c.stageHistory.length - 1]?.enteredAt ?? c.openedAt;
  const rejection = c.lastAdvanceRejection;
  const parts: string[] = [];
  if (rejection !== null && rejection.rejectedAt >= entered && rejection.unmet.length > 0) {
    const first = rejection.unmet[0]?.message ?? '';
    parts.push(
      `推进未通过：${first}${rejection.unmet.length > 1 ? `等 ${rejection.unmet.length} 项` : ''}`,
    );
  } else parts.push(stageSummary(c, now));
  const required = c.parties.filter((p) => p.required);
  const signed = required.filter((p) => ackState(c, p, now) === 'acknowledged').length;
  if (signed < required.length) parts.push(`签收 ${signed}/${required.length} 方`);
  return parts.join('；');
}

function stageSummary(c: CaseDetail, now: number): string {
  switch (c.stage) {
    case 'gathering':
      return c.demands.length === 0 ? '待收集诉求' : `已收到诉求 ${c.demands.length} 条`;
    case 'analysis':
      if (c.analysis === null) return '待研判';
      if (c.notice !== null && Date.parse(c.notice.noticePeriodEndsAt) > now)
        return `公告公示中，${day(c.notice.noticePeriodEndsAt)}期满`;
      return '公告已发布';
    case 'deliberation': {
      const voting = c.resolutions.find((r) => r.status === 'open');
      if (voting !== undefined) return `表决中，${day(voting.closesAt)}截止`;
      const entry = currentEntry(c);
      if (!c.meetings.some((m) => m.entry === entry)) return '待召开议事会';
      return '待起草决议';
    }
    case 'follow-up': {
      if (c.tasks.length === 0) return '待分派任务';
      const done = c.tasks.filter((t) => t.status === 'done').length;
      if (done === c.tasks.length) {
        const window = c.evaluations.window;
        return window !== null && Date.parse(window.endsAt) > now
          ? `任务已完成，居民评价中（${day(window.endsAt)}结束）`
          : '任务已全部完成';
      }
      const overdue = c.tasks.filter(
        (t) => t.status === 'open' && Date.parse(t.dueAt) < now,
      ).length;
      return `任务完成 ${done}/${c.tasks.length}${overdue > 0 ? `，${overdue} 项逾期` : ''}`;
    }
  }
}
