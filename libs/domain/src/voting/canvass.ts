import { ForbiddenError, ValidationError, WrongStageError } from '../errors';
import { indexOf, type VotingOpened } from './ballot-box';

/**
 * Canvassing (扫楼, issue 9): building leads and grid workers visit the units of their buildings
 * while a vote is open and record each visit. Pure: what a visit may say, who may record it, and
 * the status a unit shows on the board.
 */

export const CANVASS_CHANNELS = ['door', 'phone', 'video', 'on-site'] as const;
/** 上门, 电话, 视频, 现场 (at the voting desk on site). */
export type CanvassChannel = (typeof CANVASS_CHANNELS)[number];

export const CANVASS_OUTCOMES = ['reached', 'promised', 'declined', 'unreachable'] as const;
/** 已联系, 承诺投票, 拒绝, 联系不上. */
export type CanvassOutcome = (typeof CANVASS_OUTCOMES)[number];

/** What the board shows for a unit: its last visit's outcome, `voted` above all. */
export type CanvassStatus = 'not-reached' | CanvassOutcome | 'voted';

export const CANVASS_STATUSES: readonly CanvassStatus[] = [
  'not-reached',
  'reached',
  'promised',
  'declined',
  'unreachable',
  'voted',
];

export const MAX_VISIT_NOTE = 500;

/** A visit may be entered a little after the fact, never ahead of the clock beyond this skew. */
export const VISIT_CLOCK_SKEW_MS = 5 * 60_000;

/** Eleven digits or more in a row (spaces and dashes allowed): a phone or an ID number. */
const PERSONAL_NUMBER = /(?:\d[\s-]?){10}\d/;

export interface VisitRequest {
  readonly unitId: unknown;
  readonly channel: unknown;
  readonly outcome: unknown;
  readonly note?: unknown;
  readonly visitedAt?: unknown;
}

/** A recorded visit, as stored (canvass_visits). */
export interface CanvassVisit {
  readonly resolutionId: string;
  readonly unitId: string;
  readonly channel: CanvassChannel;
  readonly outcome: CanvassOutcome;
  readonly note: string | null;
  readonly visitedAt: string;
  readonly recordedBy: string;
}

export interface CanvassAuthority {
  readonly userId: string;
  /** A secretary, or a lead or grid worker assigned to the unit's building. */
  readonly canvassesUnit: boolean;
}

/** The status of a unit on the board: voted overrides any visit; no visit is not reached. */
export function canvassStatus(voted: boolean, lastOutcome: CanvassOutcome | null): CanvassStatus {
  if (voted) return 'voted';
  return lastOutcome ?? 'not-reached';
}

/**
 * A visit to a unit while its vote is open. VALIDATION_FAILED for an unknown channel or outcome, a
 * note too long or carrying a phone or ID number (a visit note is read by other canvassers), a
 * visit time that is not an instant, ahead of the clock, or before voting opened; WRONG_STAGE once
 * the ballot box is closed or `closesAt` has passed; FORBIDDEN for a unit outside the electorate
 * or outside the caller's buildings.
 */
export function recordVisit(
  voting: VotingOpened['data'],
  status: { readonly closed: boolean },
  request: VisitRequest,
  caller: CanvassAuthority,
  now: string,
): CanvassVisit {
  const problems: { field: string; problems: string[] }[] = [];
  const { channel, outcome } = request;
  if (typeof request.unitId !== 'string' || request.unitId === '')
    problems.push({ field: 'unitId', problems: ['请选择房屋'] });
  if (typeof channel !== 'string' || !(CANVASS_CHANNELS as readonly string[]).includes(channel))
    problems.push({
      field: 'channel',
      problems: [`须为以下之一：${CANVASS_CHANNELS.join(', ')}`],
    });
  if (typeof outcome !== 'string' || !(CANVASS_OUTCOMES as readonly string[]).includes(outcome))
    problems.push({
      field: 'outcome',
      problems: [`须为以下之一：${CANVASS_OUTCOMES.join(', ')}`],
    });
  let note: string | null = null;
  if (request.note !== undefined && request.note !== null) {
    if (typeof request.note !== 'string') problems.push({ field: 'note', problems: ['须为文字'] });
    else {
      note = request.note.trim() === '' ? null : request.note.trim();
      if (note !== null && [...note].length > MAX_VISIT_NOTE)
        problems.push({ field: 'note', problems: [`最多 ${MAX_VISIT_NOTE} 个字`] });
      else if (note !== null && PERSONAL_NUMBER.test(note))
        problems.push({ field: 'note', problems: ['不能写入电话号码或身份证号'] });
    }
  }
  const nowMs = Date.parse(now);
  let visitedMs = nowMs;
  if (request.visitedAt !== undefined && request.visitedAt !== null) {
    visitedMs = typeof request.visitedAt === 'string' ? Date.parse(request.visitedAt) : NaN;
    if (Number.isNaN(visitedMs))
      problems.push({ field: 'visitedAt', problems: ['须为 ISO 8601 格式的时间'] });
    else if (visitedMs > nowMs + VISIT_CLOCK_SKEW_MS)
      problems.push({ field: 'visitedAt', problems: ['不能晚于现在'] });
    else if (visitedMs < Date.parse(voting.openedAt))
      problems.push({ field: 'visitedAt', problems: ['不能早于表决开始'] });
  }
  if (problems.length > 0) throw new ValidationError('走访记录填写有误', { fields: problems });

  if (status.closed || nowMs >= Date.parse(voting.closesAt)) {
    throw new WrongStageError('表决已结束，不能再登记走访', {
      resolutionId: voting.resolutionId,
      closesAt: voting.closesAt,
    });
  }
  const unitId = request.unitId as string;
  if (!indexOf(voting.electorate).byUnit.has(unitId))
    throw new ForbiddenError('该房屋不在本次表决范围内', { unitId });
  if (!caller.canvassesUnit) throw new ForbiddenError('只能登记本人负责楼栋的走访', { unitId });
  return {
    resolutionId: voting.resolutionId,
    unitId,
    channel: channel as CanvassChannel,
    outcome: outcome as CanvassOutcome,
    note,
    visitedAt: new Date(visitedMs).toISOString(),
    recordedBy: caller.userId,
  };
}
