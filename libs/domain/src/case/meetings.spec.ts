/**
 * Meetings for real (docs/procedure.md, "Meetings for real"): announced ahead with invitees, each
 * attendee signing in themself (or with the room's code), minutes with files; the gate counts
 * signed-in attendees only; a meeting recorded after the fact counts its paper sheet.
 */
import fc from 'fast-check';
import { at, rejection, Scenario, types } from './case.fixtures';
import { type ScheduleMeeting } from './commands';
import { currentEntry, gate } from './gates';
import { meetingPersonOf, presentAttendees } from './meetings';
import { type MeetingPerson, PARTIES, type Party, type Unmet } from './types';

const conditions = (unmet: readonly Unmet[]) => unmet.map((u) => u.condition);
const rep = (party: Party): MeetingPerson => ({ userId: `user-${party}`, party, circle: 'party' });

function schedule(
  s: Scenario,
  meetingId = 'm1',
  invitees: readonly MeetingPerson[] = PARTIES.map(rep),
  inHours = 1,
): ScheduleMeeting {
  const command: ScheduleMeeting = {
    type: 'ScheduleMeeting',
    data: { meetingId, scheduledAt: at(s.hours + inHours), place: '社区议事厅', invitees },
  };
  s.run(command);
  return command;
}

const signIn = (
  s: Scenario,
  attendee: MeetingPerson,
  meetingId = 'm1',
  by: 'self' | 'code' = 'self',
) => s.run({ type: 'SignInMeeting', data: { meetingId, attendee, by } });

const inDeliberation = () => Scenario.open().toDeliberation().acknowledge();
const deliberationGate = (s: Scenario) => conditions(gate(s.case, 'follow-up', s.now));

describe('scheduling a meeting', () => {
  it('records the time, the place and each invitee with the circle they come in', () => {
    const s = inDeliberation();
    const deputy: MeetingPerson = { userId: 'deputy-1', party: null, circle: 'deputy' };
    schedule(s, 'm1', [rep('owners-committee'), deputy]);
    const meeting = s.case.meetings[0]!;
    expect(meeting).toMatchObject({
      id: 'm1',
      scheduled: true,
      heldAt: at(s.hours + 1),
      place: '社区议事厅',
      invitees: [rep('owners-committee'), deputy],
      signIns: [],
      attendance: [],
      minutes: '',
      minutesRecordedAt: null,
    });
  });

  it('is refused outside deliberation, in the past, too far ahead, without or with repeated invitees', () => {
    const early = Scenario.open().toAnalysis();
    rejection(() => schedule(early), 'WRONG_STAGE');
    const s = inDeliberation();
    rejection(() => schedule(s, 'm1', PARTIES.map(rep), -2), 'VALIDATION_FAILED');
    rejection(() => schedule(s, 'm1', PARTIES.map(rep), 91 * 24), 'VALIDATION_FAILED');
    rejection(() => schedule(s, 'm1', []), 'VALIDATION_FAILED');
    rejection(
      () => schedule(s, 'm1', [rep('owners-committee'), rep('owners-committee')]),
      'VALIDATION_FAILED',
    );
    schedule(s, 'm1');
    rejection(() => schedule(s, 'm1'), 'ALREADY_EXISTS');
  });

  it('takes a party only for the five parties’ circle', () => {
    const s = inDeliberation();
    rejection(
      () => schedule(s, 'm1', [{ userId: 'x', party: null, circle: 'party' }]),
      'VALIDATION_FAILED',
    );
    rejection(
      () => schedule(s, 'm1', [{ userId: 'x', party: 'owners-committee', circle: 'resident' }]),
      'VALIDATION_FAILED',
    );
    rejection(
      () => schedule(s, 'm1', [{ userId: 'x', party: null, circle: 'nobody' as never }]),
      'VALIDATION_FAILED',
    );
  });

  it('starting now (up to an hour ago) is allowed: the meeting is being set up in the room', () => {
    const s = inDeliberation();
    schedule(s, 'm1', PARTIES.map(rep), -0.5);
    expect(s.case.meetings).toHaveLength(1);
  });
});

describe('signing in', () => {
  it('records who signed in, how and when; signing in again changes nothing', () => {
    const s = inDeliberation();
    schedule(s);
    expect(types(signIn(s, rep('owners-committee')))).toEqual(['MeetingSignedIn']);
    expect(signIn(s, rep('owners-committee'), 'm1', 'code')).toEqual([]);
    expect(s.case.meetings[0]!.signIns).toEqual([
      { ...rep('owners-committee'), at: s.now, by: 'self' },
    ]);
    expect(s.case.meetings[0]!.attendance).toEqual([
      { party: 'owners-committee', attendees: ['user-owners-committee'] },
    ]);
  });

  it('a walk-in of the wider circle signs in without a party, and is not counted for one', () => {
    const s = inDeliberation();
    schedule(s);
    signIn(s, { userId: 'resident-9', party: null, circle: 'resident' }, 'm1', 'code');
    expect(s.case.meetings[0]!.signIns.map((x) => x.userId)).toEqual(['resident-9']);
    expect(s.case.meetings[0]!.attendance).toEqual([]);
    expect(presentAttendees(s.case, currentEntry(s.case)).size).toBe(0);
  });

  it('opens two hours before the meeting and closes twelve hours after', () => {
    const s = inDeliberation();
    schedule(s, 'm1', PARTIES.map(rep), 5);
    rejection(() => signIn(s, rep('owners-committee')), 'WRONG_STAGE');
    s.wait(3);
    signIn(s, rep('owners-committee'));
    s.wait(2 + 12 + 0.1);
    rejection(() => signIn(s, rep('property-company')), 'WRONG_STAGE');
  });

  it('is refused for an unknown meeting and a meeting recorded from the paper sheet', () => {
    const s = inDeliberation().meet(['owners-committee'], 'sheet-1');
    rejection(() => signIn(s, rep('owners-committee'), 'nope'), 'NOT_FOUND');
    rejection(() => signIn(s, rep('property-company'), 'sheet-1'), 'WRONG_STAGE');
  });

  it('is refused once the case has left that deliberation', () => {
    const s = inDeliberation();
    schedule(s);
    signIn(s, rep('owners-committee'));
    s.resolve(false); // a failed vote returns the case to analysis
    expect(s.case.stage).toBe('analysis');
    rejection(() => signIn(s, rep('property-company')), 'WRONG_STAGE');
  });
});

describe('the gate counts signed-in attendees only', () => {
  it('fails while a required party has invitees but none signed in, and holds once one signs in', () => {
    const s = inDeliberation();
    schedule(s);
    for (const party of PARTIES.filter((p) => p !== 'partner-units')) signIn(s, rep(party));
    s.resolve(true);
    const unmet = gate(s.case, 'follow-up', s.now);
    expect(conditions(unmet)).toEqual(['meeting']);
    expect(unmet[0]!.missingParties).toEqual(['partner-units']);
    signIn(s, rep('partner-units'));
    expect(deliberationGate(s)).toEqual([]);
  });

  it('counts the paper sheet of a meeting recorded after the fact, as signed in on the sheet', () => {
    const s = inDeliberation().meet();
    expect(s.case.meetings[0]!.signIns.every((x) => x.by === 'sheet')).toBe(true);
    s.resolve(true);
    expect(deliberationGate(s)).toEqual([]);
  });

  it('does not mix meetings: each party present at one meeting is needed', () => {
    const s = inDeliberation();
    schedule(s, 'm1');
    schedule(s, 'm2');
    const [first, ...rest] = PARTIES;
    signIn(s, rep(first), 'm1');
    for (const party of rest) signIn(s, rep(party), 'm2');
    s.resolve(true);
    expect(deliberationGate(s)).toEqual(['meeting']);
    // …but who is present for each party spans the entry's meetings (what a council asks).
    expect([...presentAttendees(s.case, currentEntry(s.case)).keys()].sort()).toEqual(
      [...PARTIES].sort(),
    );
  });

  it('property: the gate’s meeting condition holds exactly when some meeting has every required party signed in', () => {
    fc.assert(
      fc.property(
        fc.array(fc.subarray([...PARTIES]), { minLength: 1, maxLength: 3 }),
        (signedPerMeeting) => {
          const s = inDeliberation();
          signedPerMeeting.forEach((parties, i) => {
            schedule(s, `m${i}`);
            for (const party of parties) signIn(s, rep(party), `m${i}`);
          });
          const held = signedPerMeeting.some((parties) => parties.length === PARTIES.length);
          expect(deliberationGate(s).includes('meeting')).toBe(!held);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('minutes', () => {
  it('are recorded with files once the meeting has begun; again they replace; the same again is nothing', () => {
    const s = inDeliberation();
    schedule(s, 'm1', PARTIES.map(rep), 2);
    const minutes = (text: string, fileIds: string[] = []) =>
      s.run({ type: 'RecordMinutes', data: { meetingId: 'm1', text, fileIds } });
    rejection(() => minutes('会议纪要'), 'WRONG_STAGE');
    s.wait(2);
    expect(types(minutes('会议纪要', ['f1', 'f2']))).toEqual(['MinutesRecorded']);
    expect(minutes('会议纪要', ['f1', 'f2'])).toEqual([]);
    minutes('会议纪要（修订）', ['f1']);
    expect(s.case.meetings[0]).toMatchObject({
      minutes: '会议纪要（修订）',
      minutesFileIds: ['f1'],
      minutesRecordedAt: s.now,
    });
    rejection(() => minutes(''), 'VALIDATION_FAILED');
    rejection(() => minutes('纪要', ['f1', 'f1']), 'VALIDATION_FAILED');
    rejection(
      () =>
        minutes(
          '纪要',
          Array.from({ length: 21 }, (_, i) => `f${i}`),
        ),
      'VALIDATION_FAILED',
    );
    rejection(
      () => s.run({ type: 'RecordMinutes', data: { meetingId: 'nope', text: '纪要' } }),
      'NOT_FOUND',
    );
  });

  it('may follow the case into follow-up: the minutes are often written up after the meeting', () => {
    const s = inDeliberation();
    schedule(s, 'm1', PARTIES.map(rep), 0);
    for (const party of PARTIES) signIn(s, rep(party));
    s.resolve(true);
    s.advance();
    expect(s.case.stage).toBe('follow-up');
    s.run({ type: 'RecordMinutes', data: { meetingId: 'm1', text: '会议纪要' } });
    expect(s.case.meetings[0]!.minutes).toBe('会议纪要');
  });
});

describe('who a member comes as', () => {
  it('for their party when they have one, else staff, a resident or a guest; or the circle named', () => {
    expect(meetingPersonOf('u', { roles: ['party-member'], party: 'owners-committee' })).toEqual({
      userId: 'u',
      party: 'owners-committee',
      circle: 'party',
    });
    expect(meetingPersonOf('u', { roles: ['secretary'], party: null })).toEqual({
      userId: 'u',
      party: 'party-organisation',
      circle: 'party',
    });
    expect(meetingPersonOf('u', { roles: ['secretary'], party: null }, 'community').circle).toBe(
      'community',
    );
    expect(meetingPersonOf('u', { roles: ['resident'], party: null }).circle).toBe('resident');
    expect(meetingPersonOf('u', { roles: ['grid-worker'], party: null }).circle).toBe('guest');
    expect(
      meetingPersonOf('u', { roles: ['party-member'], party: 'partner-units' }, 'deputy'),
    ).toEqual({ userId: 'u', party: null, circle: 'deputy' });
    rejection(
      () => meetingPersonOf('u', { roles: ['resident'], party: null }, 'party'),
      'VALIDATION_FAILED',
    );
  });
});
