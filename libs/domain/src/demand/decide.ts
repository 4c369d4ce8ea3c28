/**
 * Decides what a command does to a demand: the events to append, or a CodedError when the ledger's
 * rules refuse it. Pure: the same state, command and context always give the same events. An empty
 * list means the command changes nothing (a retried queue job or reaction). This file: the
 * dispatch, intake and the grid's handling (签收, 派单, 退回, 办结); decide-outcome.ts: how a demand
 * ends (评价, 撤回, 合并, 转议事).
 */
import {
  addWorkingDays,
  formatChineseDate,
  formatChineseTime,
  MAX_WORKING_DAYS,
  shanghaiDateOf,
} from '../calendar';
import { PARTIES } from '../case/types';
import {
  AlreadyAcknowledgedError,
  AlreadyExistsError,
  InAdmissionListError,
  NotFoundError,
  ValidationError,
  WhistleOpenError,
  WrongStageError,
} from '../errors';
import { DEMAND_CATEGORY_LABELS } from '../labels';
import { openWhistleLinks, whistleLinkEvents } from '../whistle/links';
import {
  type AssignDemand,
  type DemandCommand,
  type DemandContext,
  type ReceiveDemand,
  type RefuseDemand,
  type ResolveDemand,
} from './commands';
import {
  closeWithCase,
  confirm,
  escalate,
  lapseConfirmation,
  merge,
  withdraw,
} from './decide-outcome';
import { after, checkContext, demandSettings, type Now, requireStatus } from './decide-support';
import { type DemandEvent } from './events';
import {
  filled,
  ids,
  iso,
  oneOf,
  optionalFilled,
  optionalText,
  record,
  text,
  time,
} from './guards';
import { parseDemandNumber } from './number';
import {
  DEMAND_CATEGORIES,
  type DemandState,
  type HotlineTicket,
  LEDGER_SOURCES,
  type LedgerDemand,
} from './types';

export function decideDemand(
  state: DemandState,
  command: DemandCommand,
  context: DemandContext,
): DemandEvent[] {
  const now = checkContext(context);
  const shape = record(command, 'command');
  record(shape.data, 'data');
  if (command.type === 'ReceiveDemand') return receive(state, command.data, now);
  if (state === null) throw new NotFoundError('诉求不存在');
  switch (command.type) {
    case 'AcceptDemand':
      return accept(state, now);
    case 'AssignDemand':
      return assign(state, command.data, now);
    case 'RefuseDemand':
      return refuse(state, command.data, now);
    case 'ResolveDemand':
      return resolve(state, command.data, now);
    case 'ConfirmDemand':
      return confirm(state, command.data, now);
    case 'LapseConfirmation':
      return lapseConfirmation(state, command.data, now);
    case 'WithdrawDemand':
      return withdraw(state, command.data, now);
    case 'MergeDemand':
      return merge(state, command.data, now);
    case 'EscalateDemand':
      return escalate(state, command.data, now);
    case 'CloseWithCase':
      return closeWithCase(state, command.data, now);
    case 'RecordWhistle':
      return whistleLinkEvents('Demand', state.whistles, command.data, now.iso);
  }
  // Only input that bypassed the types gets here.
  const type = typeof shape.type === 'string' ? shape.type : typeof shape.type;
  throw new ValidationError('无法识别的操作', { type });
}

function receive(state: DemandState, d: ReceiveDemand['data'], now: Now): DemandEvent[] {
  if (state !== null) throw new AlreadyExistsError('诉求已存在', { demandId: state.id });
  const number = filled(d.number, 'number', '诉求编号');
  if (parseDemandNumber(number).date !== shanghaiDateOf(now.iso)) {
    throw new ValidationError(`诉求编号的日期须为受理当天（${formatChineseDate(now.iso)}）`, {
      field: 'number',
    });
  }
  const source = oneOf(LEDGER_SOURCES, d.source, 'source', '诉求来源');
  const hotline = hotlineTicket(d.hotline);
  if (hotline !== null && source !== 'hotline') {
    throw new ValidationError('只有来自 12345 热线的诉求才有热线工单', { field: 'hotline' });
  }
  const place = d.place === undefined || d.place === null ? null : record(d.place, 'place');
  const onBehalfOf =
    d.onBehalfOf === undefined || d.onBehalfOf === null ? null : record(d.onBehalfOf, 'onBehalfOf');
  const settings = demandSettings(d.settings, now.iso);
  const acceptDueAt = after(now.iso, settings.acceptWithin);
  const resolveDueAt = after(now.iso, settings.resolveWithin);
  return [
    {
      type: 'DemandReceived',
      data: {
        demandId: filled(d.demandId, 'demandId', '诉求编号'),
        communityId: filled(d.communityId, 'communityId', '社区'),
        number,
        content: filled(d.content, 'content', '诉求内容'),
        category: oneOf(DEMAND_CATEGORIES, d.category, 'category', '诉求类别'),
        unitId: optionalFilled(d.unitId, 'unitId', '房屋'),
        place:
          place === null
            ? null
            : {
                estate: filled(place.estate, 'place.estate', '小区'),
                building: optionalFilled(place.building, 'place.building', '楼栋'),
              },
        gridId: optionalFilled(d.gridId, 'gridId', '网格'),
        source,
        photoIds: ids(d.photoIds, 'photoIds', '照片'),
        onBehalfOf:
          onBehalfOf === null
            ? null
            : {
                name: filled(onBehalfOf.name, 'onBehalfOf.name', '代办居民姓名'),
                phone: optionalFilled(onBehalfOf.phone, 'onBehalfOf.phone', '代办居民电话'),
              },
        hotline,
        settings,
        acceptDueAt,
        resolveDueAt,
        receivedAt: now.iso,
        receivedBy: now.actorId,
      },
    },
  ];
}

function hotlineTicket(value: unknown): HotlineTicket | null {
  if (value === undefined || value === null) return null;
  const t = record(value, 'hotline');
  return {
    ticketNumber: filled(t.ticketNumber, 'hotline.ticketNumber', '热线工单号'),
    receivedAt: iso(time(t.receivedAt, 'hotline.receivedAt', '热线受理时间')),
    dueAt:
      t.dueAt === undefined || t.dueAt === null
        ? null
        : iso(time(t.dueAt, 'hotline.dueAt', '热线办理期限')),
    category: text(t.category, 'hotline.category', '热线工单类别'),
  };
}

function accept(state: LedgerDemand, now: Now): DemandEvent[] {
  if (state.acceptedAt !== null) {
    throw new AlreadyAcknowledgedError(`诉求已于 ${formatChineseTime(state.acceptedAt)} 签收`, {
      acceptedAt: state.acceptedAt,
    });
  }
  requireStatus(state, ['received'], '签收');
  return [
    {
      type: 'DemandAccepted',
      data: {
        acceptedAt: now.iso,
        acceptedBy: now.actorId,
        onTime: now.ms <= Date.parse(state.acceptDueAt),
      },
    },
  ];
}

function assign(state: LedgerDemand, d: AssignDemand['data'], now: Now): DemandEvent[] {
  if (state.status === 'received') {
    throw new WrongStageError('诉求还没有签收，请先签收再派单', { status: state.status });
  }
  requireStatus(state, ['accepted', 'assigned', 'refused'], '派单');
  const party =
    d.party === undefined || d.party === null ? null : oneOf(PARTIES, d.party, 'party', '承办方');
  const userId = optionalFilled(d.userId, 'userId', '承办人');
  const gridId = optionalFilled(d.gridId, 'gridId', '网格');
  if (party === null && userId === null && gridId === null) {
    throw new ValidationError('派单须指定承办方、承办人或网格', { field: 'party' });
  }
  return [
    {
      type: 'DemandAssigned',
      data: {
        party,
        userId,
        gridId,
        dueAt: assignmentDue(state, d, now),
        note: optionalText(d.note, 'note', '派单说明'),
        assignedAt: now.iso,
        assignedBy: now.actorId,
      },
    },
  ];
}

function assignmentDue(state: LedgerDemand, d: AssignDemand['data'], now: Now): string {
  const given = d.dueAt !== undefined && d.dueAt !== null;
  const days = d.dueInWorkingDays;
  if (given && days !== undefined && days !== null) {
    throw new ValidationError('完成期限和工作日数只能给一个', { field: 'dueAt' });
  }
  if (given) {
    const due = time(d.dueAt, 'dueAt', '完成期限');
    if (due <= now.ms) {
      throw new ValidationError(`完成期限须晚于现在（${formatChineseTime(now.iso)}）`, {
        field: 'dueAt',
      });
    }
    return iso(due);
  }
  if (days !== undefined && days !== null) {
    if (
      typeof days !== 'number' ||
      !Number.isSafeInteger(days) ||
      days < 1 ||
      days > MAX_WORKING_DAYS
    ) {
      throw new ValidationError(`完成期限的工作日数须为 1 到 ${MAX_WORKING_DAYS} 之间的整数`, {
        field: 'dueInWorkingDays',
      });
    }
    return addWorkingDays(now.iso, days);
  }
  return state.dueAt;
}

function refuse(state: LedgerDemand, d: RefuseDemand['data'], now: Now): DemandEvent[] {
  requireStatus(state, ['received'], '退回');
  if (state.gridId === null) {
    throw new WrongStageError('诉求不属于任何网格，已由社区书记处理，无需退回', {
      status: state.status,
    });
  }
  const reason = filled(d.reason, 'reason', '退回理由');
  if (now.admissionList === null) {
    throw new ValidationError('退回诉求须核对本网格的准入清单', { field: 'admissionList' });
  }
  if (now.admissionList.includes(state.category)) {
    throw new InAdmissionListError(
      `“${DEMAND_CATEGORY_LABELS[state.category]}”在本网格的准入清单内，须签收办理，不能退回`,
      { category: state.category, gridId: state.gridId },
    );
  }
  return [
    {
      type: 'DemandRefused',
      data: { reason, gridId: state.gridId, refusedAt: now.iso, refusedBy: now.actorId },
    },
  ];
}

function resolve(state: LedgerDemand, d: ResolveDemand['data'], now: Now): DemandEvent[] {
  requireStatus(state, ['accepted', 'assigned'], '办结');
  const waiting = openWhistleLinks(state.whistles, 'community');
  if (waiting.length > 0)
    throw new WhistleOpenError('部门尚未反馈：吹哨办结后才能办结诉求', {
      whistleIds: waiting.map((w) => w.whistleId),
    });
  return [
    {
      type: 'DemandResolved',
      data: {
        round: state.round,
        note: filled(d.note, 'note', '办理情况'),
        photoIds: ids(d.photoIds, 'photoIds', '照片'),
        resolvedAt: now.iso,
        resolvedBy: now.actorId,
        confirmDueAt: after(now.iso, state.settings.confirmWithin),
      },
    },
  ];
}
