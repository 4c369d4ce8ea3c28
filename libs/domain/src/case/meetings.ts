import { type Case, type Party } from './types';

/**
 * Who is present for each party at the meetings of one deliberation entry: the attendees signed in
 * at any of its meetings (on their phone, with the room's code, or on the paper sheet the secretary
 * entered), each once, in the order they signed in. A party with nobody signed in is absent.
 */
export function presentAttendees(
  state: Case,
  entry: number,
): ReadonlyMap<Party, readonly string[]> {
  const present = new Map<Party, string[]>();
  for (const meeting of state.meetings) {
    if (meeting.entry !== entry) continue;
    for (const { party, attendees } of meeting.attendance) {
      const seen = present.get(party) ?? [];
      for (const userId of attendees) if (!seen.includes(userId)) seen.push(userId);
      if (seen.length > 0) present.set(party, seen);
    }
  }
  return present;
}
