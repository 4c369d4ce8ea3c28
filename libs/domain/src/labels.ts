/**
 * The one table of the words people read for the codes the system keeps (stages, parties, rules,
 * channels, event types…). The API's messages, the archive (PDF and HTML), the CSV exports and the
 * web app all read it, so a code is shown the same way everywhere and never shown raw.
 *
 * Pure data: the web app imports this file directly (apps/web/vite.config.mts, alias
 * `@yishi/domain/labels`), so it must not import anything beyond the domain's own types.
 */
import type { DepartmentKind, DepartmentRole, Occupancy, Party, Role } from './community';
import type { CaseEvent } from './case/events';
import type {
  CaseProcedure,
  CivilCodeMatter,
  DecisionKind,
  MeetingRequirement,
} from './case/procedure';
import type {
  EscalationCause,
  MeetingCircle,
  Mechanism,
  Outcome,
  Rating,
  ResolutionStatus,
  SignInMethod,
  Stage,
  TaskStatus,
} from './case/types';
import type { DemandEvent } from './demand/events';
import type {
  CloseCause,
  ConfirmationRecorder,
  DemandCategory,
  DemandStatus,
  LedgerSource,
} from './demand/types';
import type { BallotChannel } from './voting/ballot-acceptance';
import type { WhistleTimerKind } from './whistle/deadlines';
import type { WhistleEvent } from './whistle/events';
import type {
  EscalationSourceKind,
  TrackStatus,
  WhistleDeadline,
  WhistleStatus,
} from './whistle/types';
import type { CanvassChannel, CanvassOutcome, CanvassStatus } from './voting/canvass';
import type { BallotDisclosure } from './voting/objection';
import type { Choice, Matter, VotingRule } from './voting/tally';

/** A Record over each union keeps every list complete when the union grows. */
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
  'unit-lead': '单元长',
  'neighbour-lead': '邻长',
  'case-worker': '社工/两委委员',
  mediator: '调解员',
};

export const DEPARTMENT_KIND_LABELS: Readonly<Record<DepartmentKind, string>> = {
  department: '职能部门',
  'street-office': '街道办',
};

export const DEPARTMENT_ROLE_LABELS: Readonly<Record<DepartmentRole, string>> = {
  dispatcher: '调度员',
  staff: '工作人员',
};

export const OCCUPANCY_LABELS: Readonly<Record<Occupancy, string>> = {
  owner: '业主',
  tenant: '租户',
};

export const MECHANISM_LABELS: Readonly<Record<Mechanism, string>> = {
  'five-party-hall': '五方议事厅',
  'neighbourhood-consultation': '邻里会商',
  mediation: '矛盾调解',
};

/** Where a demand came from (the archive's and the ledger's 渠道 column). */
export const DEMAND_SOURCE_LABELS: Readonly<Record<LedgerSource, string>> = {
  online: '线上提交',
  'door-to-door': '入户倾听',
  hotline: '热线',
  'grid-patrol': '网格巡查',
  lead: '三长上报',
};

/** The demands ledger (诉求台账): a demand's status. */
export const DEMAND_STATUS_LABELS: Readonly<Record<DemandStatus, string>> = {
  received: '待签收',
  accepted: '已签收',
  assigned: '办理中',
  refused: '已退回',
  resolved: '待评价',
  closed: '已销号',
  withdrawn: '已撤回',
  merged: '已合并',
  'in-case': '已转议事',
};

export const DEMAND_CATEGORY_LABELS: Readonly<Record<DemandCategory, string>> = {
  'public-facilities': '公共设施',
  'environment-sanitation': '环境卫生',
  'property-service': '物业服务',
  'safety-hazard': '安全隐患',
  'neighbour-dispute': '邻里纠纷',
  'elderly-disabled-care': '为老助残',
  parking: '停车管理',
  greening: '绿化养护',
  utilities: '水电气暖',
  'illegal-construction': '违章搭建',
  noise: '噪音扰民',
  other: '其他',
};

/** Who recorded a demand's confirmation. */
export const CONFIRMATION_RECORDER_LABELS: Readonly<Record<ConfirmationRecorder, string>> = {
  submitter: '本人评价',
  'grid-worker': '网格员回访代录',
};

/** How a demand came to be closed. */
export const DEMAND_CLOSE_CAUSE_LABELS: Readonly<Record<CloseCause, string>> = {
  confirmation: '评价满意后销号',
  lapse: '逾期未评价，自动办结',
  case: '随议事案件办结',
};

/** Event types of a demand's timeline. */
export const DEMAND_EVENT_LABELS: Readonly<Record<DemandEvent['type'], string>> = {
  DemandReceived: '受理诉求',
  DemandAccepted: '签收',
  DemandAssigned: '派单',
  DemandRefused: '退回（不在准入清单）',
  DemandResolved: '办结，请评价',
  DemandConfirmed: '评价',
  DemandConfirmationLapsed: '逾期未评价',
  DemandWithdrawn: '撤回',
  DemandMerged: '合并到其他诉求',
  DemandEscalated: '转入议事案件',
  DemandClosedWithCase: '随议事案件办结',
  DemandWhistled: '吹哨：请部门报到',
  DemandWhistleAnswered: '部门已反馈',
  DemandWhistleSettled: '吹哨办结',
};

/** A whistle's status (吹哨报到): its least advanced department's, or withdrawn. */
export const WHISTLE_STATUS_LABELS: Readonly<Record<WhistleStatus, string>> = {
  issued: '待签收',
  accepted: '已签收',
  'on-site': '已报到',
  answered: '已反馈，待评价',
  closed: '已办结',
  withdrawn: '已撤回',
};

/** Where one department stands with a whistle. */
export const WHISTLE_TRACK_STATUS_LABELS: Readonly<Record<TrackStatus, string>> = {
  issued: '待签收',
  accepted: '已签收',
  'on-site': '已报到',
  answered: '已反馈，待评价',
  closed: '已办结',
  transferred: '已流转',
};

/** Event types of a whistle's timeline. */
export const WHISTLE_EVENT_LABELS: Readonly<Record<WhistleEvent['type'], string>> = {
  WhistleIssued: '吹哨（录入）',
  WhistleAccepted: '部门签收',
  WhistleTransferred: '流转',
  WhistleCheckedIn: '到场报到',
  WhistleAnswered: '部门反馈',
  WhistleRated: '评价（一哨一评）',
  WhistleWithdrawn: '撤回',
  WhistleOverdueEscalated: '逾期上报街道',
};

export const WHISTLE_DEADLINE_LABELS: Readonly<Record<WhistleDeadline, string>> = {
  accept: '签收期限',
  answer: '反馈期限',
};

/** The timers of a whistle's deadlines. */
export const WHISTLE_TIMER_LABELS: Readonly<Record<WhistleTimerKind, string>> = {
  'accept-reminder': '签收提醒',
  'accept-overdue': '逾期未签收，上报街道',
  'answer-reminder': '反馈提醒',
  'answer-overdue': '逾期未反馈，上报街道',
};

/** The escalations the platform turns into whistles to the street's office. */
export const ESCALATION_SOURCE_LABELS: Readonly<Record<EscalationSourceKind, string>> = {
  'party-escalated': '参与方逾期未签收',
  'follow-up-escalated': '落实任务逾期',
  'demand-escalated': '诉求逾期',
};

/** How a ballot reached the count. */
export const BALLOT_CHANNEL_LABELS: Readonly<Record<BallotChannel, string>> = {
  online: '业主线上投票',
  proxy: '受托人投票',
  paper: '纸质选票',
};

export const RATING_LABELS: Readonly<Record<Rating, string>> = {
  satisfied: '满意',
  'basically-satisfied': '基本满意',
  dissatisfied: '不满意',
};

export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  resolved: '已办结',
  unresolved: '未解决',
  withdrawn: '已撤回',
  unevaluated: '已办结（无人评价）',
};

export const RULE_LABELS: Readonly<Record<VotingRule, string>> = {
  'simple-majority': '简单多数',
  'civil-code-278': '民法典第二百七十八条',
  'resident-poll': '居民意见征询',
  council: '议事会决定',
};

export const MATTER_LABELS: Readonly<Record<Matter, string>> = {
  ordinary: '一般事项',
  major: '重大事项',
};

/** A voting rule as people read it: `民法典第二百七十八条·一般事项`, `简单多数`. */
export function ruleLabel(rule: VotingRule, matter?: Matter | null): string {
  if (rule !== 'civil-code-278' || matter === undefined || matter === null)
    return RULE_LABELS[rule];
  return `${RULE_LABELS[rule]}·${MATTER_LABELS[matter]}`;
}

/** A case's procedure (docs/procedure.md): whether deliberation needs a meeting. */
export const MEETING_REQUIREMENT_LABELS: Readonly<Record<MeetingRequirement, string>> = {
  required: '须召开议事会',
  optional: '视情况召开议事会',
};

/** A case's procedure: how the matter is decided. */
export const DECISION_KIND_LABELS: Readonly<Record<DecisionKind, string>> = {
  'owners-vote': '业主表决',
  'resident-poll': '居民意见征询',
  council: '议事会决定',
  none: '无需表决',
};

/** What each way of deciding means, in one plain sentence (the new-case form). */
export const DECISION_KIND_EXPLANATIONS: Readonly<Record<DecisionKind, string>> = {
  'owners-vote': '范围内的业主按专有部分面积和人数投票，一户一票，租户不参加。',
  'resident-poll': '范围内每户（业主或租户）答一次，多数意见为准，只报告参与率，不设最低人数。',
  council: '议事会上已签到的各方各答一次，到场各方都同意即通过。',
  none: '不经表决，由牵头方按分析研判的方案直接办理。',
};

/** The matters of Civil Code Art. 278 (业主共同决定事项), as the law names them. */
export const CIVIL_CODE_MATTER_LABELS: Readonly<Record<CivilCodeMatter, string>> = {
  'management-rules': '制定和修改业主大会议事规则、管理规约',
  'committee-election': '选举业主委员会或者更换业主委员会成员',
  'property-company': '选聘和解聘物业服务企业或者其他管理人',
  'maintenance-fund-use': '使用建筑物及其附属设施的维修资金',
  'maintenance-fund-raise': '筹集建筑物及其附属设施的维修资金',
  rebuild: '改建、重建建筑物及其附属设施',
  'common-parts-use': '改变共有部分的用途或者利用共有部分从事经营活动',
  'other-major': '有关共有和共同管理权利的其他重大事项',
};

/**
 * Which threshold each matter takes, for the words shown beside it; the law itself is
 * `civilCodeThreshold` in case/procedure.ts (labels.spec.ts keeps the two in step).
 */
export const CIVIL_CODE_MATTER_THRESHOLDS: Readonly<Record<CivilCodeMatter, Matter>> = {
  'management-rules': 'ordinary',
  'committee-election': 'ordinary',
  'property-company': 'ordinary',
  'maintenance-fund-use': 'ordinary',
  'maintenance-fund-raise': 'major',
  rebuild: 'major',
  'common-parts-use': 'major',
  'other-major': 'ordinary',
};

/** The law's threshold in plain words (Art. 278, second paragraph). */
export const CIVIL_CODE_THRESHOLD_TEXT: Readonly<Record<Matter, string>> = {
  major: '重大事项：参与表决的专有部分面积和人数均占三分之二以上，且经参与表决者四分之三以上同意',
  ordinary: '一般事项：参与表决的专有部分面积和人数均占三分之二以上，且经参与表决者过半数同意',
};

/** A procedure in a line: `须召开议事会 · 议事会决定`, with the Art. 278 matter when named. */
export function procedureText(
  p: Pick<CaseProcedure, 'meeting' | 'decision'> & {
    civilCodeMatter?: CivilCodeMatter | null;
  },
): string {
  const parts = [MEETING_REQUIREMENT_LABELS[p.meeting], DECISION_KIND_LABELS[p.decision]];
  if (p.civilCodeMatter !== undefined && p.civilCodeMatter !== null)
    parts.push(
      `民法典第二百七十八条·${MATTER_LABELS[CIVIL_CODE_MATTER_THRESHOLDS[p.civilCodeMatter]]}`,
    );
  return parts.join(' · ');
}

export const CHOICE_LABELS: Readonly<Record<Choice, string>> = {
  for: '同意',
  against: '反对',
  abstain: '弃权',
};

/** 入户动员 (canvassing owners to vote): how a unit was contacted, what came of it, where it stands. */
export const CANVASS_CHANNEL_LABELS: Readonly<Record<CanvassChannel, string>> = {
  door: '上门',
  phone: '电话',
  video: '视频',
  'on-site': '现场',
};

export const CANVASS_OUTCOME_LABELS: Readonly<Record<CanvassOutcome, string>> = {
  reached: '已联系',
  promised: '承诺投票',
  declined: '拒绝',
  unreachable: '联系不上',
};

export const CANVASS_STATUS_LABELS: Readonly<Record<CanvassStatus, string>> = {
  'not-reached': '未联系',
  ...CANVASS_OUTCOME_LABELS,
  voted: '已投票',
};

export const DISCLOSURE_LABELS: Readonly<Record<BallotDisclosure, string>> = {
  open: '实名公示',
  totals: '只公示总数',
};

export const RESOLUTION_STATUS_LABELS: Readonly<Record<ResolutionStatus, string>> = {
  open: '表决中',
  passed: '通过',
  failed: '未通过',
  cancelled: '已撤销',
};

export const TASK_STATUS_LABELS: Readonly<Record<TaskStatus, string>> = {
  open: '未完成',
  done: '已完成',
};

export const ESCALATION_CAUSE_LABELS: Readonly<Record<EscalationCause, string>> = {
  acknowledgement: '逾期未签收',
  'task-overdue': '任务逾期',
  evaluation: '居民评价未通过',
};

/** The timers the worker fires (the archive's 提醒/吹哨 table). */
export const TIMER_LABELS: Readonly<Record<string, string>> = {
  reminder: '签收提醒（催签）',
  escalation: '签收逾期吹哨',
  'task-reminder': '任务到期提醒（催办）',
  'task-escalation': '任务逾期吹哨',
};

/** The circle a person comes to a meeting in. */
export const MEETING_CIRCLE_LABELS: Readonly<Record<MeetingCircle, string>> = {
  party: '五方代表',
  deputy: '两代表一委员',
  'serving-party-member': '在职党员',
  resident: '居民',
  mediator: '调解员',
  community: '社区工作人员',
  guest: '列席人员',
};

/** How an attendee signed in. */
export const SIGN_IN_METHOD_LABELS: Readonly<Record<SignInMethod, string>> = {
  self: '本人签到',
  code: '现场签到码',
  sheet: '纸质签到表',
};

/** Event types of a case's record and timeline, as people say them. */
export const CASE_EVENT_LABELS: Readonly<Record<CaseEvent['type'], string>> = {
  CaseOpened: '案件立项',
  StageEntered: '进入新阶段',
  DemandSubmitted: '收到诉求',
  DemandsLinked: '台账诉求转入',
  StageAcknowledged: '签收',
  PartyEscalated: '逾期吹哨',
  AnalysisRecorded: '完成分析研判',
  NoticePublished: '发布公告',
  OpinionPosted: '发表意见',
  MeetingRecorded: '召开议事会',
  MeetingScheduled: '安排议事会',
  MeetingSignedIn: '议事会签到',
  MinutesRecorded: '记录会议纪要',
  ResolutionDrafted: '起草决议，开始表决',
  VoteRecorded: '表决结果',
  ResolutionCancelled: '撤销决议',
  StageReturned: '退回上一阶段',
  AdvanceRequested: '申请推进',
  StageAdvanceRejected: '推进未通过',
  StageAdvanced: '推进到下一阶段',
  TaskAssigned: '分派任务',
  TaskProgressReported: '报告进度',
  TaskCompleted: '任务完成',
  TaskReassigned: '任务转派',
  EvaluationOpened: '开始评价',
  EvaluationSubmitted: '居民评价',
  EvaluationConcluded: '评价结束',
  CaseClosed: '案件销号',
  CaseReopened: '案件重新打开',
  FollowUpEscalated: '落实问效吹哨',
  EscalationRated: '一哨一评',
  CaseHandlerAssigned: '指定经办人',
  AgreementDrafted: '起草调解协议',
  AgreementSigned: '签署调解协议',
  CaseWhistled: '吹哨：请部门报到',
  CaseWhistleAnswered: '部门已反馈',
  CaseWhistleSettled: '吹哨办结',
};

/** The kinds of notification (libs/messaging NOTIFICATION_KINDS; a spec there keeps them in step). */
export const NOTIFICATION_KIND_LABELS: Readonly<Record<string, string>> = {
  'stage-entered': '进入新阶段，请签收',
  'acknowledgement-reminder': '签收提醒',
  escalated: '吹哨报到',
  'voting-opened': '表决开始',
  'voting-opened-notice': '表决开始（知悉）',
  'task-assigned': '分派任务',
  'case-closed': '案件销号',
  'vote-published': '表决结果公示',
  'evaluation-opened': '请评价办理结果',
  'task-reminder': '任务到期提醒',
  'task-overdue': '任务逾期吹哨',
  'evaluation-escalated': '评价未通过吹哨',
  'demand-confirm': '请确认诉求办理结果',
  'vote-reminder': '表决提醒',
  'demand-reminder': '诉求时限提醒',
  'demand-overdue': '诉求逾期督办',
  'demand-escalated': '诉求逾期吹哨',
  'whistle-issued': '吹哨报到，请签收',
  'whistle-answered': '部门已反馈，请评价',
  'whistle-reminder': '吹哨时限提醒',
  'whistle-overdue': '吹哨逾期督办',
  'mediation-opened': '矛盾调解立案',
  'agreement-drafted': '调解协议待签署',
  'meeting-scheduled': '议事会通知',
};

/**
 * Any code as people read it, for places that show codes of several kinds (e.g. a timeline):
 * unknown codes come back as they are, so a new code shows up rather than vanishing.
 */
export function labelOf(
  table: Readonly<Record<string, string>>,
  code: string | null | undefined,
): string {
  if (code === null || code === undefined) return '—';
  return Object.prototype.hasOwnProperty.call(table, code) ? (table[code] as string) : code;
}

const oneDecimal = (n: number): string => String(Math.round(n * 10) / 10);

/** A file size as people read it: `10 MB`, `64 KB`, `512 字节` (1 MB = 1024 KB = 1,048,576 字节). */
export function fileSizeText(bytes: number): string {
  if (bytes >= 1_048_576) return `${oneDecimal(bytes / 1_048_576)} MB`;
  if (bytes >= 1024) return `${oneDecimal(bytes / 1024)} KB`;
  return `${bytes} 字节`;
}
