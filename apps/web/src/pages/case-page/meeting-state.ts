import { type CaseDetail, type Party } from '../../api/types';
import { currentEntry } from '../../case-status';

export type Meeting = CaseDetail['meetings'][number];

/** Sign-in opens two hours before a meeting and closes twelve after (the API's window). */
const OPENS_BEFORE_MS = 2 * 3_600_000;
const CLOSES_AFTER_MS = 12 * 3_600_000;

/** A meeting of this deliberation announced ahead whose sign-in window holds `now`. */
export function signInOpen(c: CaseDetail, m: Meeting, now: number): boolean {
  const at = Date.parse(m.heldAt);
  return (
    c.status === 'open' &&
    c.stage === 'deliberation' &&
    m.scheduled &&
    m.entry === currentEntry(c) &&
    now >= at - OPENS_BEFORE_MS &&
    now <= at + CLOSES_AFTER_MS
  );
}

/** The meetings `userId` may sign in to now, not having signed in yet. */
export function meetingsToSignIn(c: CaseDetail, userId: string, now: number): Meeting[] {
  return c.meetings.filter(
    (m) => signInOpen(c, m, now) && !m.signIns.some((s) => s.userId === userId),
  );
}

/** The required parties with nobody signed in at a meeting, for each meeting. */
export function absentParties(c: CaseDetail, m: Meeting): Party[] {
  const present = new Set(m.attendance.filter((a) => a.attendees.length > 0).map((a) => a.party));
  return c.parties.filter((p) => p.required && !present.has(p.party)).map((p) => p.party);
}

/**
 * Whether the secretary should be offered a (new) meeting: in deliberation, when no meeting of
 * this entry has every required party signed in and none is still ahead or open for sign-in.
 */
export function mayArrangeMeeting(c: CaseDetail, now: number): boolean {
  const entry = currentEntry(c);
  const meetings = c.meetings.filter((m) => m.entry === entry);
  return (
    !meetings.some((m) => absentParties(c, m).length === 0) &&
    !meetings.some((m) => m.scheduled && now <= Date.parse(m.heldAt) + CLOSES_AFTER_MS)
  );
}
