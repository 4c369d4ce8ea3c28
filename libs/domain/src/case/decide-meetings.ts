import { AlreadyExistsError, NotFoundError, ValidationError, WrongStageError } from '../errors';
import {
  type RecordMeeting,
  type RecordMinutes,
  type ScheduleMeeting,
  type SignInMeeting,
} from './commands';
import { requireStage, type Now } from './decide-support';
import { type CaseEvent } from './events';
import { currentEntry } from './gates';
import { addHours, id, iso, list, oneOf, record, text, time } from './guards';
import {
  type Attendance,
  type Case,
  type Meeting,
  MEETING_CIRCLES,
  type MeetingPerson,
  PARTIES,
} from './types';

/** Sign-in opens this long before the meeting's time and closes this long after it. */
export const SIGN_IN_OPENS_HOURS_BEFORE = 2;
export const SIGN_IN_CLOSES_HOURS_AFTER = 12;
/** How far ahead a meeting may be announced, and the most people one meeting invites. */
const MAX_DAYS_AHEAD = 90;
const MAX_INVITEES = 500;
const MAX_MINUTES_FILES = 20;

/** The meeting is evidence the parties met, so it cannot be dated in the future. */
export function recordMeeting(state: Case, d: RecordMeeting['data'], now: Now): CaseEvent[] {
  requireStage(state, 'deliberation', '记录议事会');
  const meetingId = newMeetingId(state, d.meetingId);
  const heldAt = time(d.heldAt, 'heldAt');
  if (heldAt > now.ms) throw new ValidationError('会议时间不能晚于现在', { field: 'heldAt' });
  const attendance: Attendance[] = list(d.attendance, 'attendance').map((a, i) => {
    const item = record(a, `attendance[${i}]`);
    return {
      party: oneOf(PARTIES, item.party, `attendance[${i}].party`),
      attendees: list(item.attendees, `attendance[${i}].attendees`).map((u, j) =>
        id(u, `attendance[${i}].attendees[${j}]`),
      ),
    };
  });
  if (new Set(attendance.map((a) => a.party)).size !== attendance.length) {
    throw new ValidationError('每一方只能出现一次', { field: 'attendance' });
  }
  return [
    {
      type: 'MeetingRecorded',
      data: {
        meetingId,
        heldAt: iso(heldAt),
        place: text(d.place, 'place'),
        attendance,
        minutes: text(d.minutes, 'minutes'),
        recordedAt: now.iso,
        recordedBy: now.actorId,
      },
    },
  ];
}

/**
 * 议事会, announced ahead: a time (from an hour ago, for a meeting starting now, to 90 days
 * ahead), a place and the people invited, each once.
 */
export function scheduleMeeting(state: Case, d: ScheduleMeeting['data'], now: Now): CaseEvent[] {
  requireStage(state, 'deliberation', '安排议事会');
  const meetingId = newMeetingId(state, d.meetingId);
  const scheduledAt = time(d.scheduledAt, 'scheduledAt');
  if (scheduledAt < addHours(now.ms, -1))
    throw new ValidationError('会议时间不能早于现在', { field: 'scheduledAt' });
  if (scheduledAt > addHours(now.ms, MAX_DAYS_AHEAD * 24))
    throw new ValidationError(`会议时间须在 ${MAX_DAYS_AHEAD} 天以内`, { field: 'scheduledAt' });
  const invitees = list(d.invitees, 'invitees').map((p, i) => person(p, `invitees[${i}]`));
  if (invitees.length === 0)
    throw new ValidationError('请至少邀请一人参会', { field: 'inviteeUserIds' });
  if (invitees.length > MAX_INVITEES)
    throw new ValidationError(`一次会议最多邀请 ${MAX_INVITEES} 人`, { field: 'inviteeUserIds' });
  if (new Set(invitees.map((p) => p.userId)).size !== invitees.length)
    throw new ValidationError('邀请名单中有重复人员', { field: 'inviteeUserIds' });
  return [
    {
      type: 'MeetingScheduled',
      data: {
        meetingId,
        scheduledAt: iso(scheduledAt),
        place: text(d.place, 'place'),
        invitees,
        recordedAt: now.iso,
        recordedBy: now.actorId,
      },
    },
  ];
}

/**
 * An attendee signs in, once (again: nothing changes), at a meeting announced ahead, while the
 * case is still in the deliberation the meeting belongs to, from two hours before its time to
 * twelve hours after.
 */
export function signInMeeting(state: Case, d: SignInMeeting['data'], now: Now): CaseEvent[] {
  const meeting = meetingOf(state, d.meetingId);
  const attendee = person(d.attendee, 'attendee');
  const by = oneOf(['self', 'code'] as const, d.by, 'by');
  if (meeting.signIns.some((s) => s.userId === attendee.userId)) return [];
  if (!meeting.scheduled)
    throw new WrongStageError('该议事会按纸质签到表补录，不能再签到', { meetingId: meeting.id });
  if (state.stage !== 'deliberation' || meeting.entry !== currentEntry(state))
    throw new WrongStageError('议事会所属的议事会商阶段已结束，不能再签到', {
      meetingId: meeting.id,
      stage: state.stage,
    });
  const heldAt = Date.parse(meeting.heldAt);
  if (now.ms < addHours(heldAt, -SIGN_IN_OPENS_HOURS_BEFORE))
    throw new WrongStageError(`签到尚未开始，会前 ${SIGN_IN_OPENS_HOURS_BEFORE} 小时起可签到`, {
      meetingId: meeting.id,
      opensAt: iso(addHours(heldAt, -SIGN_IN_OPENS_HOURS_BEFORE)),
    });
  if (now.ms > addHours(heldAt, SIGN_IN_CLOSES_HOURS_AFTER))
    throw new WrongStageError('签到已结束', { meetingId: meeting.id });
  return [
    {
      type: 'MeetingSignedIn',
      data: { meetingId: meeting.id, ...attendee, by, signedInAt: now.iso },
    },
  ];
}

/**
 * The minutes (会议纪要), with photos or a signed scan, once the meeting has begun; recorded again
 * they replace the earlier ones (both stay in the log); the same minutes again change nothing.
 */
export function recordMinutes(state: Case, d: RecordMinutes['data'], now: Now): CaseEvent[] {
  const meeting = meetingOf(state, d.meetingId);
  const minutes = text(d.text, 'text');
  if (minutes.trim() === '') throw new ValidationError('请填写会议纪要', { field: 'text' });
  const fileIds = list(d.fileIds ?? [], 'fileIds').map((f, i) => id(f, `fileIds[${i}]`));
  if (fileIds.length > MAX_MINUTES_FILES)
    throw new ValidationError(`会议纪要最多附 ${MAX_MINUTES_FILES} 个文件`, { field: 'fileIds' });
  if (new Set(fileIds).size !== fileIds.length)
    throw new ValidationError('附件有重复', { field: 'fileIds' });
  if (now.ms < Date.parse(meeting.heldAt))
    throw new WrongStageError('会议尚未开始，不能记录纪要', { meetingId: meeting.id });
  if (
    minutes === meeting.minutes &&
    fileIds.length === meeting.minutesFileIds.length &&
    fileIds.every((f, i) => meeting.minutesFileIds[i] === f)
  )
    return [];
  return [
    {
      type: 'MinutesRecorded',
      data: {
        meetingId: meeting.id,
        text: minutes,
        fileIds,
        recordedAt: now.iso,
        recordedBy: now.actorId,
      },
    },
  ];
}

function newMeetingId(state: Case, given: unknown): string {
  const meetingId = id(given, 'meetingId');
  if (state.meetings.some((m) => m.id === meetingId)) {
    throw new AlreadyExistsError('议事会记录已存在', { meetingId });
  }
  return meetingId;
}

function meetingOf(state: Case, given: unknown): Meeting {
  const meetingId = id(given, 'meetingId');
  const meeting = state.meetings.find((m) => m.id === meetingId);
  if (meeting === undefined) throw new NotFoundError('议事会不存在', { meetingId });
  return meeting;
}

/** A person at a meeting: a party only for the circle `party`, and then required. */
function person(value: unknown, field: string): MeetingPerson {
  const p = record(value, field);
  const circle = oneOf(MEETING_CIRCLES, p.circle, `${field}.circle`);
  const party =
    p.party === null || p.party === undefined ? null : oneOf(PARTIES, p.party, `${field}.party`);
  if ((circle === 'party') !== (party !== null))
    throw new ValidationError('五方代表须注明所属方，其他参会人员不注明', {
      field: `${field}.party`,
    });
  return { userId: id(p.userId, `${field}.userId`), party, circle };
}
