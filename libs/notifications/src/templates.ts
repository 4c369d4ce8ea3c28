import { formatChineseTime, PARTY_LABELS, STAGE_LABELS, type Party } from '@yishi/domain';
import { type NotificationKind, type NotificationRequest } from '@yishi/messaging';

/** Pure: the Chinese text of every notification kind. No I/O, no clock. */

/** `2026年3月5日 18:00`, in China Standard Time whatever the server's zone. */
export const formatChineseDeadline = formatChineseTime;

export interface RenderedNotification {
  /** Short, for a list: 「分析研判」阶段签收 etc. */
  readonly title: string;
  /** The full sentence, as an inbox row, a webhook and an SMS (where the template allows) carry it. */
  readonly body: string;
}

function stageName(request: NotificationRequest): string {
  if (request.stage === undefined) throw new Error(`${request.kind} needs a stage`);
  return STAGE_LABELS[request.stage];
}

function deadline(request: NotificationRequest): string {
  if (request.deadline === undefined) throw new Error(`${request.kind} needs a deadline`);
  return formatChineseDeadline(request.deadline);
}

function subject(request: NotificationRequest): string {
  if (request.subject === undefined || request.subject === '')
    throw new Error(`${request.kind} needs a subject`);
  return request.subject;
}

/** The text for one party's notification. Throws if the request lacks what its kind needs. */
export function renderNotification(
  request: NotificationRequest,
  party: Party,
): RenderedNotification {
  const c = `《${request.caseTitle}》`;
  const p = PARTY_LABELS[party];
  switch (request.kind) {
    case 'stage-entered': {
      const s = stageName(request);
      const until =
        request.deadline === undefined ? '请及时签收' : `请于${deadline(request)}前签收`;
      return {
        title: `案件进入「${s}」阶段`,
        body: `【议事】案件${c}进入「${s}」阶段，${until}。`,
      };
    }
    case 'acknowledgement-reminder': {
      const s = stageName(request);
      return {
        title: `签收提醒：「${s}」阶段`,
        body: `【议事】提醒：案件${c}「${s}」阶段尚未签收，签收截止时间为${deadline(request)}，请尽快签收。`,
      };
    }
    case 'escalated': {
      const s = stageName(request);
      return {
        title: `吹哨报到：${p}未按时签收`,
        body: `【议事】吹哨报到：案件${c}「${s}」阶段，${p}未在${deadline(request)}前签收，请街道相关部门报到处理。`,
      };
    }
    case 'voting-opened': {
      const r = subject(request);
      return {
        title: `表决开始：${r}`,
        body: `【议事】案件${c}的决议《${r}》已开始表决，截止时间为${deadline(request)}，请及时投票。`,
      };
    }
    case 'voting-opened-notice': {
      // To the parties, who do not vote as parties: information, no call to vote.
      const r = subject(request);
      return {
        title: `表决已开始（知悉）：${r}`,
        body: `【议事】案件${c}的决议《${r}》已开始由业主表决，截止时间为${deadline(request)}。本通知供知悉，无需操作。`,
      };
    }
    case 'task-assigned': {
      const t = subject(request);
      return {
        title: `新任务：${t}`,
        body: `【议事】案件${c}向${p}分派任务《${t}》，请于${deadline(request)}前完成并反馈进展。`,
      };
    }
    case 'vote-published':
      return renderPublication(request);
    case 'case-closed':
      return {
        title: '案件已办结',
        body: `【议事】案件${c}已办结销号，感谢各方参与，欢迎对办理结果进行评价。`,
      };
    case 'evaluation-opened':
      return {
        title: '请评价办理结果',
        body: `【议事】案件${c}的任务已全部完成，请于${deadline(request)}前对办理结果进行评价（满意/基本满意/不满意），每户一次。`,
      };
    case 'task-reminder': {
      const t = subject(request);
      return {
        title: `任务即将到期：${t}`,
        body: `【议事】提醒：案件${c}中${p}承办的任务《${t}》将于${deadline(request)}到期，请抓紧办理并反馈进展。`,
      };
    }
    case 'task-overdue': {
      const t = subject(request);
      return {
        title: `吹哨报到：${p}任务逾期`,
        body: `【议事】吹哨报到：案件${c}中${p}承办的任务《${t}》已于${deadline(request)}到期仍未完成，请街道相关部门报到处理。`,
      };
    }
    case 'vote-reminder':
      return renderVoteReminder(request, []);
    case 'demand-confirm':
      return renderDemandConfirm(request);
    case 'demand-reminder':
    case 'demand-overdue':
    case 'demand-escalated':
      return renderDemandNotice(request);
    case 'whistle-issued':
    case 'whistle-answered':
    case 'whistle-reminder':
    case 'whistle-overdue':
      return renderWhistleNotice(request);
    case 'meeting-scheduled':
      return renderMeetingNotice(request);
    case 'evaluation-escalated':
      return {
        title: `吹哨报到：居民评价未通过`,
        body: `【议事】吹哨报到：案件${c}评价期至${deadline(request)}结束，${subject(request)}，已重新落实，${p}为承办方，请街道相关部门报到督办。`,
      };
  }
}

/**
 * A demand's deadline notices (inbox only, to named users): `caseTitle` is the demand's number and
 * content, `subject` the act owed (签收, 办结), `deadline` its deadline.
 */
export function renderDemandNotice(request: NotificationRequest): RenderedNotification {
  const text = DEMAND_NOTICES[request.kind as DemandNoticeKind] as DemandNotice | undefined;
  if (text === undefined) throw new Error(`${request.kind} is not a demand notice`);
  return text(`《${request.caseTitle}》`, subject(request), deadline(request));
}

type DemandNoticeKind = 'demand-reminder' | 'demand-overdue' | 'demand-escalated';
type DemandNotice = (demand: string, owed: string, due: string) => RenderedNotification;

const DEMAND_NOTICES: Readonly<Record<DemandNoticeKind, DemandNotice>> = {
  'demand-reminder': (c, owed, due) => ({
    title: `诉求${owed}提醒`,
    body: `【议事】提醒：诉求${c}须于${due}前${owed}，请抓紧处理。`,
  }),
  'demand-overdue': (c, owed, due) => ({
    title: `诉求逾期未${owed}`,
    body: `【议事】诉求${c}已于${due}到期仍未${owed}，请社区督办。`,
  }),
  'demand-escalated': (c, owed, due) => ({
    title: `吹哨报到：诉求逾期未${owed}`,
    body: `【议事】吹哨报到：诉求${c}已于${due}到期，社区督办后仍未${owed}，请街道相关部门报到处理。`,
  }),
};

/**
 * A whistle's notices (inbox only, to named users): `caseTitle` is the whistle's subject. Issued:
 * the department accepts by `deadline`; answered: `subject` is the department that answered;
 * reminder: `subject` is the act owed (签收, 反馈) by `deadline`; overdue: `subject` says which
 * department has still not done what (城管执法中队仍未签收).
 */
export function renderWhistleNotice(request: NotificationRequest): RenderedNotification {
  const w = `《${request.caseTitle}》`;
  if (request.kind === 'whistle-issued')
    return {
      title: `吹哨报到：请签收${w}`,
      body: `【议事】吹哨报到：社区吹哨${w}派给了贵部门，请于${deadline(request)}前签收，并按要求到场报到、反馈。`,
    };
  if (request.kind === 'whistle-answered') {
    const by = subject(request);
    return {
      title: `${by}已反馈，请评价`,
      body: `【议事】吹哨报到：${by}已对吹哨${w}作出反馈，请及时评价（满意/基本满意/不满意）；不满意的，将退回重新办理。`,
    };
  }
  if (request.kind === 'whistle-reminder') {
    const owed = subject(request);
    return {
      title: `吹哨${owed}提醒：${w}`,
      body: `【议事】提醒：吹哨${w}须于${deadline(request)}前${owed}，请抓紧办理。`,
    };
  }
  if (request.kind === 'whistle-overdue')
    return {
      title: `吹哨报到：吹哨逾期${w}`,
      body: `【议事】吹哨报到：社区吹哨${w}已于${deadline(request)}到期，${subject(request)}，请街道督办。`,
    };
  throw new Error(`${request.kind} is not a whistle notice`);
}

/**
 * A meeting announced ahead, to each invitee: `caseTitle` is the case's, `deadline` the meeting's
 * time, `subject` its place.
 */
export function renderMeetingNotice(request: NotificationRequest): RenderedNotification {
  return {
    title: `议事会通知：${deadline(request)}`,
    body: `【议事】您受邀参加案件《${request.caseTitle}》的议事会，时间：${deadline(request)}，地点：${subject(request)}。请准时参加，到场后在手机上签到或输入会场签到码。`,
  };
}

/**
 * The publication (公示) of a vote's result: the same text for every party and every resident in
 * the vote's scope.
 */
export function renderPublication(request: NotificationRequest): RenderedNotification {
  const r = subject(request);
  if (request.outcome === undefined) throw new Error('vote-published needs an outcome');
  const result = request.outcome === 'passed' ? '通过' : '未通过';
  if (request.phase === 'preliminary') {
    const until = request.deadline === undefined ? '' : `，异议期至${deadline(request)}`;
    return {
      title: `表决初步结果公示：${r}${result}`,
      body: `【议事】公示：案件《${request.caseTitle}》的决议《${r}》初步计票结果为${result}${until}。如对本户表决记录有异议，请在异议期内提出；异议答复后结果方为最终结果。`,
    };
  }
  return {
    title: `表决结果公示：${r}${result}`,
    body: `【议事】公示：案件《${request.caseTitle}》的决议《${r}》表决${result}，计票结果可在案件中查看。`,
  };
}

/**
 * To the submitter of a demand of the ledger reported resolved, or closed with its case (`subject`:
 * the demand's number): asked to confirm by `deadline`; dissatisfied reopens the demand. When a
 * grid worker recorded it for a resident (`forResident`: the resident's name), the worker is asked
 * to visit the resident again and record their answer.
 */
export function renderDemandConfirm(
  request: NotificationRequest,
  forResident: string | null = null,
): RenderedNotification {
  const n = subject(request);
  const by = deadline(request);
  const done =
    request.caseId === null
      ? `（${request.caseTitle}）已办理完毕`
      : ` 已随议事案件《${request.caseTitle}》办结`;
  if (forResident !== null)
    return {
      title: `请回访${forResident}并记录评价：${n}`,
      body: `【议事】您代${forResident}记录的诉求 ${n}${done}，请于${by}前回访并记录其对办理结果的评价（满意/基本满意/不满意）；不满意的，诉求将重新办理。`,
    };
  return {
    title: `请确认诉求办理结果：${n}`,
    body:
      request.caseId === null
        ? `【议事】您反映的诉求 ${n}${done}，请于${by}前确认办理结果（满意/基本满意/不满意）；不满意的，诉求将重新办理。`
        : `【议事】您的诉求 ${n}${done}，请于${by}前确认办理结果（满意/基本满意/不满意）；不满意的，诉求将重新办理。`,
  };
}

/**
 * The reminder to an owner whose units have not voted, some hours before the vote closes: the
 * rooms named (a multi-unit owner is reminded only of those not yet voted), or none.
 */
export function renderVoteReminder(
  request: NotificationRequest,
  rooms: readonly string[],
): RenderedNotification {
  const r = subject(request);
  const d = deadline(request);
  const which = rooms.length === 0 ? '您' : `您名下的${rooms.join('、')}`;
  return {
    title: `「${r}」表决将于${d}截止，您尚未投票`,
    body: `【议事】提醒：案件《${request.caseTitle}》的决议《${r}》表决将于${d}截止，${which}尚未投票，请及时投票。`,
  };
}

/** Aliyun (and most providers) cap one template variable's length; longer values are cut. */
const SMS_PARAM_MAX = 20;

const cut = (value: string): string =>
  [...value].length <= SMS_PARAM_MAX
    ? value
    : `${[...value].slice(0, SMS_PARAM_MAX - 1).join('')}…`;

/**
 * The variables of a kind's registered SMS template (a provider only sends pre-approved templates,
 * so the text lives there): `case`, and `stage`, `party`, `deadline`, `subject` where the kind has
 * them.
 */
export function smsTemplateParams(
  request: NotificationRequest,
  party?: Party,
): Record<string, string> {
  // Without a party (residents named one by one) the template has no `party` variable.
  const params: Record<string, string> = { case: cut(request.caseTitle) };
  if (party !== undefined) params.party = PARTY_LABELS[party];
  if (request.stage !== undefined) params.stage = STAGE_LABELS[request.stage];
  if (request.deadline !== undefined) params.deadline = formatChineseDeadline(request.deadline);
  if (request.subject !== undefined) params.subject = cut(request.subject);
  return params;
}

/** Kinds whose text needs a stage, a deadline or a subject (checked before a flow is queued). */
export const KIND_NEEDS: Record<
  NotificationKind,
  { stage: boolean; deadline: boolean; subject: boolean }
> = {
  'stage-entered': { stage: true, deadline: false, subject: false },
  'acknowledgement-reminder': { stage: true, deadline: true, subject: false },
  escalated: { stage: true, deadline: true, subject: false },
  'voting-opened': { stage: false, deadline: true, subject: true },
  'voting-opened-notice': { stage: false, deadline: true, subject: true },
  'task-assigned': { stage: false, deadline: true, subject: true },
  'case-closed': { stage: false, deadline: false, subject: false },
  'vote-published': { stage: false, deadline: false, subject: true },
  'evaluation-opened': { stage: false, deadline: true, subject: false },
  'task-reminder': { stage: false, deadline: true, subject: true },
  'task-overdue': { stage: false, deadline: true, subject: true },
  'evaluation-escalated': { stage: false, deadline: true, subject: true },
  'vote-reminder': { stage: false, deadline: true, subject: true },
  'demand-confirm': { stage: false, deadline: true, subject: true },
  'demand-reminder': { stage: false, deadline: true, subject: true },
  'demand-overdue': { stage: false, deadline: true, subject: true },
  'demand-escalated': { stage: false, deadline: true, subject: true },
  'whistle-issued': { stage: false, deadline: true, subject: false },
  'whistle-answered': { stage: false, deadline: false, subject: true },
  'whistle-reminder': { stage: false, deadline: true, subject: true },
  'whistle-overdue': { stage: false, deadline: true, subject: true },
  'meeting-scheduled': { stage: false, deadline: true, subject: true },
};
