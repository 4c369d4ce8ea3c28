import { ValidationError } from '../errors';
import { castOwnBallot, countableBallots, type VotingOpened } from './ballot-box';
import {
  answerOf,
  councilElectorate,
  countVote,
  householdElectorate,
  noStandingMessage,
  planOptions,
  plansByAnswers,
} from './decisions';
import { buildElectorate } from './electorate';
import { type Ballot, type CouncilTally, type ResidentPollTally } from './tally';

const HAN = /\p{Script=Han}/u;

const households = householdElectorate([
  { unitId: 'u101', areaHundredths: 8950, residentIds: ['owner-101'] },
  { unitId: 'u102', areaHundredths: 8950, residentIds: ['tenant-102'] },
  { unitId: 'u201', areaHundredths: 12000, residentIds: ['owner-201', 'tenant-201'] },
  { unitId: 'u202', areaHundredths: 12000, residentIds: [] },
]);

const present = new Map([
  ['party-organisation', ['shuji']],
  ['property-company', ['wuye-1', 'wuye-2']],
  ['resident-representatives', ['daibiao']],
]);

const poll = (ballots: Ballot[], options?: { title: string }[]) =>
  countVote(
    { rule: 'resident-poll', matter: 'ordinary', electorate: households, options },
    ballots,
  ) as ResidentPollTally;

const council = (ballots: Ballot[], options?: { title: string }[]) =>
  countVote(
    {
      rule: 'council',
      matter: 'ordinary',
      electorate: councilElectorate(present),
      options,
    },
    ballots,
  ) as CouncilTally;

describe('the households of a resident poll', () => {
  it('are the units with a resident, owner or tenant, one household each', () => {
    expect(households.units.map((u) => u.unitId)).toEqual(['u101', 'u102', 'u201']);
    expect(households.totals.units).toBe(3);
    expect(households.totals.owners).toBe(3);
    expect(households.units[2]?.owners.map((o) => o.ownerId)).toEqual(['owner-201', 'tenant-201']);
  });
});

describe('a resident poll', () => {
  it('passes by more answers for than against; abstentions are reported, not counted', () => {
    const t = poll([
      { unitId: 'u101', choice: 'for' },
      { unitId: 'u102', choice: 'for' },
      { unitId: 'u201', choice: 'against' },
    ]);
    expect(t.passed).toBe(true);
    expect([t.for.units, t.against.units, t.abstain.units]).toEqual([2, 1, 0]);
    expect(t.turnout).toEqual({ answers: 3, households: 3, percent: '100.00' });
    expect(t.explanation.zh).toMatch(HAN);
  });

  it('reports the turnout and has no quorum: one answer of three households decides', () => {
    const t = poll([{ unitId: 'u102', choice: 'for' }]);
    expect(t.passed).toBe(true);
    expect(t.turnout).toEqual({ answers: 1, households: 3, percent: '33.33' });
  });

  it('fails on a tie of for and against, and with no answer', () => {
    expect(
      poll([
        { unitId: 'u101', choice: 'for' },
        { unitId: 'u102', choice: 'against' },
        { unitId: 'u201', choice: 'abstain' },
      ]).passed,
    ).toBe(false);
    const none = poll([]);
    expect(none.passed).toBe(false);
    expect(none.turnout.percent).toBe('0.00');
  });

  it('refuses two answers for one household and an answer from outside', () => {
    expect(() =>
      poll([
        { unitId: 'u201', choice: 'for' },
        { unitId: 'u201', choice: 'against' },
      ]),
    ).toThrow(ValidationError);
    expect(() => poll([{ unitId: 'u202', choice: 'for' }])).toThrow(ValidationError);
  });
});

describe('a council', () => {
  it('passes when every party present answers for, and records who agreed', () => {
    const t = council([
      { unitId: 'party-organisation', choice: 'for', castBy: 'shuji' },
      { unitId: 'property-company', choice: 'for', castBy: 'wuye-2' },
      { unitId: 'resident-representatives', choice: 'for', castBy: 'daibiao' },
    ]);
    expect(t.passed).toBe(true);
    expect(t.agreed).toEqual([
      { party: 'party-organisation', userId: 'shuji' },
      { party: 'property-company', userId: 'wuye-2' },
      { party: 'resident-representatives', userId: 'daibiao' },
    ]);
    expect(t.thresholds.allPresentFor?.actual).toMatchObject({ numerator: 3, denominator: 3 });
    expect(t.explanation.zh).toContain('出席各方一致同意');
  });

  it('fails when a party present is against, abstains or has not answered', () => {
    const two: Ballot[] = [
      { unitId: 'party-organisation', choice: 'for', castBy: 'shuji' },
      { unitId: 'property-company', choice: 'for', castBy: 'wuye-1' },
    ];
    expect(council(two).passed).toBe(false);
    expect(council(two).parties[2]).toEqual({
      party: 'resident-representatives',
      attendees: ['daibiao'],
      choice: null,
      option: null,
      answeredBy: null,
    });
    for (const choice of ['against', 'abstain'] as const)
      expect(
        council([...two, { unitId: 'resident-representatives', choice, castBy: 'daibiao' }]).passed,
      ).toBe(false);
  });

  it('has the parties present as its electorate, without area', () => {
    const e = councilElectorate(new Map([['owners-committee', ['a', 'a', 'b']]]));
    expect(e.units).toEqual([
      {
        unitId: 'owners-committee',
        areaHundredths: 0,
        owners: [
          { ownerId: 'a', kind: 'person' },
          { ownerId: 'b', kind: 'person' },
        ],
        voterKey: 'party:owners-committee',
      },
    ]);
    expect(councilElectorate(new Map()).totals.units).toBe(0);
  });
});

describe('choosing among plans', () => {
  const plans = [{ title: '方案一' }, { title: '方案二' }, { title: '方案三' }];

  it('lets the plan with most answers win a poll', () => {
    const t = poll(
      [
        { unitId: 'u101', choice: 'for', option: 1 },
        { unitId: 'u102', choice: 'for', option: 1 },
        { unitId: 'u201', choice: 'for', option: 0 },
      ],
      plans,
    );
    expect([t.winner, t.tie, t.passed]).toEqual([1, null, true]);
    expect(t.options?.map((o) => o.answers)).toEqual([1, 2, 0]);
    expect(t.explanation.zh).toContain('方案2「方案二」胜出');
  });

  it('reports a tie, and the resolution fails', () => {
    const t = poll(
      [
        { unitId: 'u101', choice: 'for', option: 0 },
        { unitId: 'u102', choice: 'for', option: 2 },
        { unitId: 'u201', choice: 'abstain' },
      ],
      plans,
    );
    expect([t.winner, t.tie, t.passed]).toEqual([null, [0, 2], false]);
    expect(t.explanation.zh).toContain('平局');
  });

  it('has neither winner nor tie with no answer', () => {
    expect(plansByAnswers(plans, [])).toMatchObject({ winner: null, tie: null });
  });

  it('in council: the plan most parties chose wins, and who chose it agreed', () => {
    const t = council(
      [
        { unitId: 'party-organisation', choice: 'for', option: 2, castBy: 'shuji' },
        { unitId: 'property-company', choice: 'for', option: 2, castBy: 'wuye-1' },
        { unitId: 'resident-representatives', choice: 'for', option: 0, castBy: 'daibiao' },
      ],
      plans,
    );
    expect([t.winner, t.passed]).toEqual([2, true]);
    expect(t.agreed.map((a) => a.party)).toEqual(['party-organisation', 'property-company']);
  });

  it('under Art. 278: each option on its own, the passing one with most area wins', () => {
    const owners = buildElectorate(
      ['a', 'b', 'c', 'd'].map((o, i) => ({
        unitId: `u${i}`,
        areaHundredths: 10000 + i,
        owners: [{ ownerId: o, kind: 'person' as const }],
      })),
    );
    const t = countVote(
      { rule: 'civil-code-278', matter: 'ordinary', electorate: owners, options: plans },
      [
        { unitId: 'u0', choice: 'for', option: 1 },
        { unitId: 'u1', choice: 'for', option: 1 },
        { unitId: 'u2', choice: 'for', option: 1 },
        { unitId: 'u3', choice: 'for', option: 0 },
      ],
    );
    expect([t.winner, t.tie, t.passed]).toEqual([1, null, true]);
    expect(t.options?.map((o) => o.law?.passed)).toEqual([false, true, false]);
    expect(t.options?.[1]?.law?.for.units).toBe(3);
    // Participation is shared: every option counts all four units as taking part.
    expect(t.participated.units).toBe(4);
  });

  it('under Art. 278: no passing option, no winner (and no tie)', () => {
    const owners = buildElectorate(
      ['a', 'b', 'c', 'd'].map((o, i) => ({
        unitId: `u${i}`,
        areaHundredths: 10000,
        owners: [{ ownerId: o, kind: 'person' as const }],
      })),
    );
    const t = countVote(
      { rule: 'civil-code-278', matter: 'ordinary', electorate: owners, options: plans },
      [
        { unitId: 'u0', choice: 'for', option: 0 },
        { unitId: 'u1', choice: 'for', option: 0 },
        { unitId: 'u2', choice: 'for', option: 1 },
        { unitId: 'u3', choice: 'for', option: 1 },
      ],
    );
    expect([t.winner, t.tie, t.passed]).toEqual([null, null, false]);
  });

  it('refuses an option out of range, and an option on a yes/no resolution', () => {
    expect(() => poll([{ unitId: 'u101', choice: 'for', option: 3 }], plans)).toThrow(
      ValidationError,
    );
    expect(() => poll([{ unitId: 'u101', choice: 'against' }], plans)).toThrow(ValidationError);
    expect(() => poll([{ unitId: 'u101', choice: 'for', option: 0 }])).toThrow(ValidationError);
  });
});

describe('the plans as drafted, and an answer read against them', () => {
  it('takes 2 to 10 titled plans, trimmed', () => {
    expect(planOptions(undefined)).toBeNull();
    expect(planOptions([{ title: ' 甲 ' }, { title: '乙' }])).toEqual([
      { title: '甲' },
      { title: '乙' },
    ]);
    for (const bad of [
      [{ title: '甲' }],
      Array.from({ length: 11 }, () => ({ title: '甲' })),
      [{ title: '甲' }, { title: ' ' }],
      [{ title: '甲' }, { title: '长'.repeat(101) }],
      [{ title: '甲' }, {}],
      'two plans',
    ]) {
      let error: unknown;
      try {
        planOptions(bad);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).message).toMatch(HAN);
    }
  });

  it('reads an index or abstain with plans, and for/against/abstain without', () => {
    const two = [{ title: '甲' }, { title: '乙' }];
    expect(answerOf(two, 1)).toEqual({ choice: 'for', option: 1 });
    expect(answerOf(two, 'abstain')).toEqual({ choice: 'abstain' });
    expect(answerOf(null, 'against')).toEqual({ choice: 'against' });
    for (const bad of [2, -1, 0.5, 'for', '1', null])
      expect(() => answerOf(two, bad)).toThrow(/方案编号/);
    expect(() => answerOf(null, 0)).toThrow(ValidationError);
  });
});

describe('answering a poll or a council through the ballot box', () => {
  const opened = (
    rule: 'resident-poll' | 'council',
    electorate: VotingOpened['data']['electorate'],
  ): VotingOpened['data'] => ({
    resolutionId: 'r1',
    caseId: 'c1',
    communityId: 'm1',
    title: '征询',
    text: '全文',
    rule,
    matter: 'ordinary',
    closesAt: '2030-01-01T00:00:00.000Z',
    scope: { estate: '金泰和庄', building: null, entrance: null },
    electorate,
    openedAt: '2029-12-01T00:00:00.000Z',
    options: [{ title: '甲' }, { title: '乙' }],
  });
  const now = '2029-12-02T00:00:00.000Z';

  it('lets a tenant answer for their household, with a plan', () => {
    const cast = castOwnBallot(
      opened('resident-poll', households),
      { closed: false },
      { choice: 1 },
      { userId: 'tenant-102' },
      now,
    );
    expect(cast).toMatchObject({ unitId: 'u102', choice: 'for', option: 1, byOwner: true });
    expect(countableBallots([cast], true)).toEqual([
      { unitId: 'u102', choice: 'for', option: 1, castBy: 'tenant-102' },
    ]);
  });

  it('refuses, in the words of the rule, someone with no household or not signed in', () => {
    expect(() =>
      castOwnBallot(
        opened('resident-poll', households),
        { closed: false },
        { choice: 0 },
        { userId: 'nobody' },
        now,
      ),
    ).toThrow(noStandingMessage('resident-poll'));
    expect(() =>
      castOwnBallot(
        opened('council', councilElectorate(present)),
        { closed: false },
        { choice: 0 },
        { userId: 'wuye-3' },
        now,
      ),
    ).toThrow('您未在本轮议事会上签到，不能代表出席方答复');
  });

  it('lets any signed-in attendee answer for their party', () => {
    const cast = castOwnBallot(
      opened('council', councilElectorate(present)),
      { closed: false },
      { choice: 'abstain' },
      { userId: 'wuye-2' },
      now,
    );
    expect(cast).toMatchObject({ unitId: 'property-company', choice: 'abstain', castBy: 'wuye-2' });
  });
});
