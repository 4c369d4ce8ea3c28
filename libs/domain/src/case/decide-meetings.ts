import { AlreadyExistsError, ValidationError } from '../errors';
import { type RecordMeeting } from './commands';
import { requireStage, type Now } from './decide-support';
import { type CaseEvent } from './events';
import { id, iso, list, oneOf, record, text, time } from './guards';
import { type Attendance, type Case, PARTIES } from './types';

/** The meeting is evidence the parties met, so it cannot be dated in the future. */
export function recordMeeting(state: Case, d: RecordMeeting['data'], now: Now): CaseEvent[] {
  requireStage(state, 'deliberation', '记录议事会');
  const meetingId = id(d.meetingId, 'meetingId');
  if (state.meetings.some((m) => m.id === meetingId)) {
    throw new AlreadyExistsError('议事会记录已存在', { meetingId });
  }
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
