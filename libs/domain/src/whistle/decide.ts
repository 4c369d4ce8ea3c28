/**
 * Decides what a command does to a whistle: the events to append, or a CodedError when the
 * whistle's rules refuse it. Pure: the same state, command and context always give the same events.
 *
 * An empty list means the command changes nothing: a repeat of what is done already (an issue
 * retried by the platform for the same escalation, a track accepted or passed on already, the
 * same 报到, 反馈 or 评价 again, a withdrawn whistle withdrawn again) or a deadline's timer that
 * no longer applies. This file: the dispatch, 录入, 流转, 撤回 and the overdue escalation;
 * decide-track.ts: a department's steps (签收, 报到, 反馈) and the community's 评价.
 */
import { formatChineseTime } from '../calendar';
import { AlreadyExistsError, NotFoundError, ValidationError, WrongStageError } from '../errors';
import { WHISTLE_DEADLINE_LABELS } from '../labels';
import { filled, iso, oneOf, optionalFilled, record, time } from '../demand/guards';
import {
  type EscalateOverdue,
  type IssueWhistle,
  type TransferWhistle,
  type WhistleCommand,
  type WhistleContext,
  type WithdrawWhistle,
} from './commands';
import { acceptDeadline, whistleTimerWanted } from './deadlines';
import { accept, answer, checkIn, rate } from './decide-track';
import {
  actorTrack,
  checkContext,
  type Now,
  requireOpen,
  requireTrackStatus,
  streetDepartments,
  whistleSettings,
} from './decide-support';
import { type WhistleEvent } from './events';
import {
  currentDepartmentIds,
  currentTracks,
  ESCALATION_SOURCE_KINDS,
  type Whistle,
  WHISTLE_DEADLINES,
  type WhistleSource,
  type WhistleState,
} from './types';

export function decideWhistle(
  state: WhistleState,
  command: WhistleCommand,
  context: WhistleContext,
): WhistleEvent[] {
  const now = checkContext(context);
  const shape = record(command, 'command');
  record(shape.data, 'data');
  if (command.type === 'IssueWhistle') return issue(state, command.data, now);
  if (state === null) throw new NotFoundError('吹哨不存在');
  switch (command.type) {
    case 'AcceptWhistle':
      return accept(state, command.data, now);
    case 'TransferWhistle':
      return transfer(state, command.data, now);
    case 'CheckIn':
      return checkIn(state, command.data, now);
    case 'AnswerWhistle':
      return answer(state, command.data, now);
    case 'RateWhistle':
      return rate(state, command.data, now);
    case 'WithdrawWhistle':
      return withdraw(state, command.data, now);
    case 'EscalateOverdue':
      return escalateOverdue(state, command.data, now);
  }
  // Only input that bypassed the types gets here.
  const type = typeof shape.type === 'string' ? shape.type : typeof shape.type;
  throw new ValidationError('无法识别的操作', { type });
}

function whistleSource(d: IssueWhistle['data']): WhistleSource {
  const demandId = optionalFilled(d.demandId, 'demandId', '诉求');
  const caseId = optionalFilled(d.caseId, 'caseId', '议事案件');
  if (demandId !== null && caseId !== null) {
    throw new ValidationError('一次吹哨只能关联一件诉求或一个议事案件', { field: 'caseId' });
  }
  if (d.escalation === undefined || d.escalation === null) {
    return { demandId, caseId, escalation: null };
  }
  const e = record(d.escalation, 'escalation');
  const kind = oneOf(ESCALATION_SOURCE_KINDS, e.kind, 'escalation.kind', '吹哨来源');
  const sourceEventId = filled(e.sourceEventId, 'escalation.sourceEventId', '逾期事件');
  if (kind === 'demand-escalated' && demandId === null) {
    throw new ValidationError('诉求逾期的吹哨须关联该诉求', { field: 'demandId' });
  }
  if (kind !== 'demand-escalated' && caseId === null) {
    throw new ValidationError('议事案件逾期的吹哨须关联该案件', { field: 'caseId' });
  }
  return { demandId, caseId, escalation: { kind, sourceEventId } };
}

const sameSource = (a: WhistleSource, b: WhistleSource): boolean =>
  a.demandId === b.demandId &&
  a.caseId === b.caseId &&
  a.escalation?.kind === b.escalation?.kind &&
  a.escalation?.sourceEventId === b.escalation?.sourceEventId;

function departmentList(value: unknown, now: Now): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new ValidationError('吹哨须至少派给一个部门', { field: 'departmentIds' });
  }
  const street = streetDepartments(now, '吹哨');
  const ids: string[] = [];
  value.forEach((item, i) => {
    const id = filled(item, `departmentIds[${i}]`, '部门');
    if (ids.includes(id)) {
      throw new ValidationError('同一个部门不能重复派', { field: `departmentIds[${i}]` });
    }
    if (!street.includes(id)) {
      throw new ValidationError('所派部门不属于本街道', { field: `departmentIds[${i}]` });
    }
    ids.push(id);
  });
  return ids;
}

function issue(state: WhistleState, d: IssueWhistle['data'], now: Now): WhistleEvent[] {
  const whistleId = filled(d.whistleId, 'whistleId', '吹哨编号');
  const communityId = filled(d.communityId, 'communityId', '社区');
  const source = whistleSource(d);
  if (state !== null) {
    // The platform issuing again for the same escalation (or a retried request): done already.
    if (
      state.id === whistleId &&
      state.communityId === communityId &&
      sameSource(state.source, source)
    ) {
      return [];
    }
    throw new AlreadyExistsError('吹哨已存在', { whistleId: state.id });
  }
  if (d.onSite !== undefined && d.onSite !== null && typeof d.onSite !== 'boolean') {
    throw new ValidationError('是否需要到场报到须为是或否', { field: 'onSite' });
  }
  const settings = whistleSettings(
    d.acceptWithinWorkingHours,
    d.resolveWithinWorkingDays,
    d.officeHours,
  );
  return [
    {
      type: 'WhistleIssued',
      data: {
        whistleId,
        communityId,
        streetId: filled(d.streetId, 'streetId', '街道'),
        subject: filled(d.subject, 'subject', '吹哨事项'),
        description: filled(d.description, 'description', '情况说明'),
        departmentIds: departmentList(d.departmentIds, now),
        source,
        onSite: d.onSite ?? true,
        settings,
        acceptDueAt: acceptDeadline(now.iso, settings),
        issuedAt: now.iso,
        issuedBy: now.actorId,
      },
    },
  ];
}

/**
 * A transfer retried: the department (the named one, or one the actor dispatches for) is off the
 * whistle, its last track went to `to`, and `to` still holds the track it got from it.
 */
function transferredAlready(
  whistle: Whistle,
  departmentId: string | null,
  to: string,
  now: Now,
): boolean {
  const from =
    departmentId !== null
      ? [departmentId]
      : now.memberships.filter((m) => m.role === 'dispatcher').map((m) => m.departmentId);
  const current = currentTracks(whistle);
  return from.some((id) => {
    if (current.some((t) => t.departmentId === id)) return false;
    const last = whistle.tracks.filter((t) => t.departmentId === id).at(-1);
    return (
      last?.transfer?.toDepartmentId === to &&
      current.some((t) => t.departmentId === to && t.transferredFrom === id)
    );
  });
}

function transfer(whistle: Whistle, d: TransferWhistle['data'], now: Now): WhistleEvent[] {
  requireOpen(whistle, '流转');
  const to = filled(d.toDepartmentId, 'toDepartmentId', '流转到的部门');
  const from = optionalFilled(d.departmentId, 'departmentId', '部门');
  if (transferredAlready(whistle, from, to, now)) return [];
  const track = actorTrack(whistle, from, now, '流转', 'dispatcher');
  requireTrackStatus(track, ['issued', 'accepted', 'on-site'], '流转');
  const reason = filled(d.reason, 'reason', '流转理由');
  if (to === track.departmentId) {
    throw new ValidationError('不能流转给本部门', { field: 'toDepartmentId' });
  }
  if (!streetDepartments(now, '流转').includes(to)) {
    throw new ValidationError('流转到的部门不属于本街道', { field: 'toDepartmentId' });
  }
  if (currentDepartmentIds(whistle).includes(to)) {
    throw new ValidationError('该部门已在办理本次吹哨，不能再流转给它', {
      field: 'toDepartmentId',
    });
  }
  return [
    {
      type: 'WhistleTransferred',
      data: {
        fromDepartmentId: track.departmentId,
        toDepartmentId: to,
        reason,
        transferredAt: now.iso,
        transferredBy: now.actorId,
        acceptDueAt: acceptDeadline(now.iso, whistle.settings),
      },
    },
  ];
}

function withdraw(whistle: Whistle, d: WithdrawWhistle['data'], now: Now): WhistleEvent[] {
  if (whistle.status === 'withdrawn') return [];
  const reason = filled(d.reason, 'reason', '撤回理由');
  const answered = currentTracks(whistle).filter(
    (t) => t.status === 'answered' || t.status === 'closed',
  );
  if (answered.length > 0) {
    throw new WrongStageError('已有部门反馈，不能撤回', {
      departmentIds: answered.map((t) => t.departmentId),
    });
  }
  return [
    { type: 'WhistleWithdrawn', data: { reason, withdrawnAt: now.iso, withdrawnBy: now.actorId } },
  ];
}

function escalateOverdue(whistle: Whistle, d: EscalateOverdue['data'], now: Now): WhistleEvent[] {
  const departmentId = filled(d.departmentId, 'departmentId', '部门');
  const deadline = oneOf(WHISTLE_DEADLINES, d.deadline, 'deadline', '期限');
  const dueAt = iso(time(d.dueAt, 'dueAt', '期限'));
  // Accepted, answered, passed on or withdrawn since the timer was set, or escalated already.
  if (!whistleTimerWanted(whistle, { departmentId, kind: `${deadline}-overdue`, dueAt })) return [];
  if (now.ms < Date.parse(dueAt)) {
    throw new WrongStageError(
      `${WHISTLE_DEADLINE_LABELS[deadline]}（${formatChineseTime(dueAt)}）还没有到`,
      { dueAt },
    );
  }
  return [
    {
      type: 'WhistleOverdueEscalated',
      data: { departmentId, deadline, dueAt, escalatedAt: now.iso, escalatedBy: now.actorId },
    },
  ];
}
