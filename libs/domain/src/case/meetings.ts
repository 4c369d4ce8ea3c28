import { type Role } from '../community';
import { ValidationError } from '../errors';
import { type Case, type MeetingCircle, type MeetingPerson, type Party } from './types';

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

/**
 * Who a member comes to a meeting as, from their membership: for their party if they have one (the
 * secretary for the party organisation); a resident; anyone else (a grid worker, a lead) as a
 * guest. The secretary may name a wider circle on the invitation instead (两代表一委员, a serving
 * party member, a mediator, the community's staff).
 */
export function meetingPersonOf(
  userId: string,
  membership: { readonly roles: readonly Role[]; readonly party: Party | null },
  circle?: MeetingCircle,
): MeetingPerson {
  // The secretary (书记) comes for the party organisation, as the web's sign-in sheet has it.
  const party =
    membership.party ??
    (membership.roles.includes('secretary') ? ('party-organisation' as const) : null);
  if (circle === undefined || circle === 'party') {
    if (party !== null) return { userId, party, circle: 'party' };
    if (circle === 'party')
      throw new ValidationError('该人员不是五方成员，不能作为五方代表参会', { userId });
  }
  return { userId, party: null, circle: circle ?? defaultCircle(membership.roles) };
}

function defaultCircle(roles: readonly Role[]): MeetingCircle {
  if (roles.includes('resident')) return 'resident';
  return 'guest';
}
