import {
  type Choice,
  type DemandSource,
  type Matter,
  type Mechanism,
  type Party,
  type Rating,
  type Role,
  type Stage,
  type VotingRule,
} from './api/types';

export const STAGE_LABELS: Readonly<Record<Stage, string>> = {
  gathering: '了解诉求',
  analysis: '分析研判',
  deliberation: '议事会商',
  'follow-up': '落实问效',
};

export const PARTY_LABELS: Readonly<Record<Party, string>> = {
  'party-organisation': '社区党组织',
  'owners-committee': '业主委员会',
  'property-company': '物业服务企业',
  'resident-representatives': '居民代表',
  'partner-units': '共建单位',
};

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  secretary: '社区书记',
  'party-member': '议事成员',
  resident: '居民',
  'grid-worker': '网格员',
  'building-lead': '楼栋长',
  'street-officer': '街道干部',
};

export const MECHANISM_LABELS: Readonly<Record<Mechanism, string>> = {
  'five-party-hall': '五方议事厅',
  'neighbourhood-consultation': '邻里会商',
};

export const SOURCE_LABELS: Readonly<Record<DemandSource, string>> = {
  online: '线上提交',
  'door-to-door': '入户倾听',
  hotline: '热线',
  'grid-patrol': '网格巡查',
};

export const RATING_LABELS: Readonly<Record<Rating, string>> = {
  satisfied: '满意',
  'basically-satisfied': '基本满意',
  dissatisfied: '不满意',
};

export const RULE_LABELS: Readonly<Record<VotingRule, string>> = {
  'simple-majority': '简单多数',
  'civil-code-278': '《民法典》第二百七十八条',
};

export const MATTER_LABELS: Readonly<Record<Matter, string>> = {
  ordinary: '一般事项',
  major: '重大事项',
};

export const CHOICE_LABELS: Readonly<Record<Choice, string>> = {
  for: '同意',
  against: '反对',
  abstain: '弃权',
};

export const OUTCOME_LABELS: Readonly<Record<string, string>> = {
  resolved: '已办结',
  unresolved: '未解决',
  withdrawn: '已撤回',
  unevaluated: '已办结（无人评价）',
};

/** Event types of the case timeline, as people say them; unknown ones show as they are. */
export const EVENT_LABELS: Readonly<Record<string, string>> = {
  CaseOpened: '案件立项',
  DemandSubmitted: '收到诉求',
  StageAcknowledged: '签收',
  StageEntered: '进入新阶段',
  StageAdvanced: '推进到下一阶段',
  StageReturned: '退回上一阶段',
  AdvanceRequested: '申请推进',
  StageAdvanceRejected: '推进未通过',
  AnalysisRecorded: '完成分析研判',
  NoticePublished: '发布公告',
  OpinionPosted: '发表意见',
  MeetingRecorded: '召开议事会',
  ResolutionDrafted: '起草决议，开始表决',
  VoteRecorded: '表决结果',
  TaskAssigned: '分派任务',
  TaskProgressReported: '报告进度',
  TaskCompleted: '任务完成',
  TaskReassigned: '任务转派',
  EvaluationOpened: '开始评价',
  EvaluationSubmitted: '居民评价',
  EvaluationConcluded: '评价结束',
  PartyEscalated: '逾期吹哨',
  CaseClosed: '案件销号',
  CaseReopened: '案件重新打开',
};

export function formatTime(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function scopeText(scope: {
  estate: string;
  building: string | null;
  entrance: string | null;
}): string {
  return [scope.estate, scope.building, scope.entrance]
    .filter((p) => p !== null && p !== '')
    .join(' ');
}
