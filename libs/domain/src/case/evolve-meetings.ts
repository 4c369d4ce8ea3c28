import {
  type MeetingRecorded,
  type MeetingScheduled,
  type MeetingSignedIn,
  type MinutesRecorded,
} from './events';
import { guardFor } from './evolve-guard';
import { currentEntry } from './gates';
import { type Attendance, type Case, type Meeting, type MeetingSignIn } from './types';

export type MeetingEvent = MeetingRecorded | MeetingScheduled | MeetingSignedIn | MinutesRecorded;

/** Meetings: announced ahead or recorded after the fact, sign-ins, minutes. */
export function evolveMeeting(state: Case, event: MeetingEvent): Case {
  const { check, inStage } = guardFor(state, event.type);
  switch (event.type) {
    case 'MeetingRecorded': {
      const d = event.data;
      inStage('deliberation');
      check(!state.meetings.some((m) => m.id === d.meetingId), 'duplicate meeting id');
      // The paper sign-in sheet: each name counts as signed in, on the sheet.
      const signIns = d.attendance.flatMap((a) =>
        a.attendees.map((userId): MeetingSignIn => ({
          userId,
          party: a.party,
          circle: 'party',
          at: d.heldAt,
          by: 'sheet',
        })),
      );
      return add(state, {
        id: d.meetingId,
        heldAt: d.heldAt,
        place: d.place,
        scheduled: false,
        invitees: [],
        signIns,
        attendance: d.attendance,
        minutes: d.minutes,
        minutesFileIds: [],
        minutesRecordedAt: d.minutes === '' ? null : d.recordedAt,
        entry: currentEntry(state),
        recordedAt: d.recordedAt,
        recordedBy: d.recordedBy,
      });
    }

    case 'MeetingScheduled': {
      const d = event.data;
      inStage('deliberation');
      check(!state.meetings.some((m) => m.id === d.meetingId), 'duplicate meeting id');
      return add(state, {
        id: d.meetingId,
        heldAt: d.scheduledAt,
        place: d.place,
        scheduled: true,
        invitees: d.invitees,
        signIns: [],
        attendance: [],
        minutes: '',
        minutesFileIds: [],
        minutesRecordedAt: null,
        entry: currentEntry(state),
        recordedAt: d.recordedAt,
        recordedBy: d.recordedBy,
      });
    }

    case 'MeetingSignedIn': {
      const d = event.data;
      inStage('deliberation');
      return change(state, d.meetingId, check, (m) => {
        check(!m.signIns.some((s) => s.userId === d.userId), 'signed in twice');
        const signIn: MeetingSignIn = {
          userId: d.userId,
          party: d.party,
          circle: d.circle,
          at: d.signedInAt,
          by: d.by,
        };
        return { ...m, signIns: [...m.signIns, signIn], attendance: attend(m.attendance, signIn) };
      });
    }

    case 'MinutesRecorded': {
      const d = event.data;
      check(state.status === 'open', 'the case is closed');
      return change(state, d.meetingId, check, (m) => ({
        ...m,
        minutes: d.text,
        minutesFileIds: d.fileIds,
        minutesRecordedAt: d.recordedAt,
      }));
    }
  }
}

function add(state: Case, meeting: Meeting): Case {
  return { ...state, meetings: [...state.meetings, meeting] };
}

function change(
  state: Case,
  meetingId: string,
  check: (condition: boolean, reason: string) => void,
  f: (m: Meeting) => Meeting,
): Case {
  check(
    state.meetings.some((m) => m.id === meetingId),
    'unknown meeting',
  );
  return { ...state, meetings: state.meetings.map((m) => (m.id === meetingId ? f(m) : m)) };
}

/** A party's attendee added to the meeting's attendance (in sign-in order). */
function attend(attendance: readonly Attendance[], signIn: MeetingSignIn): readonly Attendance[] {
  const { party } = signIn;
  if (party === null) return attendance;
  if (!attendance.some((a) => a.party === party))
    return [...attendance, { party, attendees: [signIn.userId] }];
  return attendance.map((a) =>
    a.party === party ? { party, attendees: [...a.attendees, signIn.userId] } : a,
  );
}
