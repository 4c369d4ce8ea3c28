import { type Member, type Party } from '../../api/types';

/** The secretary comes for the party organisation; everyone else for their own party, if any. */
export function partyOf(m: Member): Party | null {
  return m.roles.includes('secretary') ? 'party-organisation' : m.party;
}

export interface AttendeeGroup {
  party: Party;
  members: Member[];
}

/** The members who may attend for each of the case's parties, in the case's order; none left out. */
export function attendeesOf(
  caseParties: readonly Party[],
  list: readonly Member[],
): AttendeeGroup[] {
  return caseParties
    .map((party) => ({
      party,
      members: list.filter((m) => partyOf(m) === party),
    }))
    .filter((g) => g.members.length > 0);
}

/** The meeting's attendance as the API takes it: per party, the members ticked present. */
export function attendance(
  groups: readonly AttendeeGroup[],
  present: ReadonlySet<string>,
): { party: Party; attendees: string[] }[] {
  return groups
    .map((g) => ({
      party: g.party,
      attendees: g.members.filter((m) => present.has(m.userId)).map((m) => m.userId),
    }))
    .filter((a) => a.attendees.length > 0);
}
