/**
 * Decision kinds on the case (docs/procedure.md, step 3): a council is drafted only with a party
 * present, plans are checked and kept on the draft, and the deliberation gate takes each decision
 * kind by its own rule (an owners' vote settles any).
 */
import fc from 'fast-check';
import { at, openCommand, rejection, Scenario, SETTINGS } from './case.fixtures';
import { gate } from './gates';
import { DECISION_KINDS, MEETING_REQUIREMENTS, type CaseProcedure } from './procedure';
import { MECHANISMS, type VotingRule } from './types';

const HAN = /\p{Script=Han}/u;

const inDeliberation = (procedure: Partial<CaseProcedure>) => {
  const s = new Scenario();
  s.run(openCommand('neighbourhood-consultation', { procedure }));
  return s.toDeliberation().acknowledge();
};

const draft = (s: Scenario, rule: VotingRule, id: string, options?: unknown) =>
  s.run({
    type: 'DraftResolution',
    data: {
      resolutionId: id,
      title: '楼道堆物清理',
      text: '由物业清理楼道堆物',
      rule,
      matter: 'ordinary',
      closesAt: at(s.hours + 24),
      ...(options === undefined ? {} : { options: options as never }),
    },
  });

const record = (s: Scenario, id: string, passed: boolean) =>
  s.run({ type: 'RecordVoteResult', data: { resolutionId: id, passed, tally: {} } });

describe('drafting a council', () => {
  it('is refused while no party is present at a meeting of this round (409, Chinese)', () => {
    const s = inDeliberation({ meeting: 'optional', decision: 'council' });
    const error = rejection(() => draft(s, 'council', 'r1'), 'WRONG_STAGE');
    expect(error.message).toMatch(HAN);
    s.meet(['party-organisation']);
    expect(draft(s, 'council', 'r1')[0]?.type).toBe('ResolutionDrafted');
  });

  it('counts only the meetings of this round: after a failed vote, a new meeting is needed', () => {
    const s = inDeliberation({ decision: 'council' });
    s.meet();
    draft(s, 'council', 'r1');
    record(s, 'r1', false);
    expect(s.case.stage).toBe('analysis');
    s.analyse().acknowledge().wait(SETTINGS.noticePeriodHours).advance();
    expect(s.case.stage).toBe('deliberation');
    rejection(() => draft(s, 'council', 'r2'), 'WRONG_STAGE');
  });
});

describe('plans on a draft', () => {
  it('keeps 2 to 10 titled plans on the event, under any rule', () => {
    const s = inDeliberation({ meeting: 'optional', decision: 'resident-poll' });
    const [drafted] = draft(s, 'resident-poll', 'r1', [{ title: ' 方案一 ' }, { title: '方案二' }]);
    expect(drafted?.data).toMatchObject({ options: [{ title: '方案一' }, { title: '方案二' }] });
    const plain = inDeliberation({ meeting: 'optional' });
    expect(draft(plain, 'simple-majority', 'r2')[0]?.data).not.toHaveProperty('options');
  });

  it('refuses one plan, eleven, or an empty or long title (400, Chinese)', () => {
    const s = inDeliberation({ meeting: 'optional', decision: 'resident-poll' });
    for (const options of [
      [{ title: '甲' }],
      Array.from({ length: 11 }, (_, i) => ({ title: `${i}` })),
      [{ title: '甲' }, { title: '' }],
      [{ title: '甲' }, { title: '长'.repeat(101) }],
    ]) {
      const error = rejection(() => draft(s, 'resident-poll', 'r1', options), 'VALIDATION_FAILED');
      expect(error.message).toMatch(HAN);
    }
  });

  it('does not let a poll or a council decide a case that names an Art. 278 matter', () => {
    const s = new Scenario();
    s.run(openCommand('five-party-hall', { civilCodeMatter: 'maintenance-fund-use' }));
    s.toDeliberation().acknowledge().meet();
    for (const rule of ['resident-poll', 'council'] as const)
      rejection(() => draft(s, rule, `r-${rule}`), 'VALIDATION_FAILED');
  });
});

describe('the gate takes each decision kind by its own rule', () => {
  it.each([
    ['council', 'council', true],
    ['council', 'resident-poll', false],
    ['resident-poll', 'resident-poll', true],
    ['resident-poll', 'council', false],
    ['owners-vote', 'council', false],
    ['owners-vote', 'resident-poll', false],
    ['council', 'simple-majority', true],
    ['resident-poll', 'civil-code-278', true],
  ] as const)('a %s procedure, a passed %s: decided %s', (decision, rule, decided) => {
    const s = inDeliberation({ meeting: 'required', decision });
    s.meet();
    draft(s, rule, 'r1');
    record(s, 'r1', true);
    const unmet = gate(s.case, 'follow-up', s.now).map((u) => u.condition);
    expect(unmet.includes('resolution-passed')).toBe(!decided);
  });
});

describe('property: a case decided by its own kind reaches closed', () => {
  it('whatever the mechanism and meeting, a poll or council procedure closes by a poll or council', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MECHANISMS.filter((m) => m !== 'mediation')),
        fc.constantFrom(...MEETING_REQUIREMENTS),
        fc.constantFrom(...DECISION_KINDS.filter((d) => d === 'council' || d === 'resident-poll')),
        fc.boolean(),
        (mechanism, meeting, decision, withPlans) => {
          const s = new Scenario();
          s.run(openCommand(mechanism, { procedure: { meeting, decision } }));
          s.toDeliberation().acknowledge();
          // A council needs a party present, whatever the meeting requirement.
          if (meeting === 'required' || decision === 'council') s.meet();
          draft(s, decision, 'r-1', withPlans ? [{ title: '甲' }, { title: '乙' }] : undefined);
          record(s, 'r-1', true);
          s.advance();
          s.acknowledge().task('t').complete('t');
          s.evaluate('u1', 'satisfied').wait(SETTINGS.evaluationWindowHours);
          s.advance(1);
          return s.case.status === 'closed' && s.case.closure?.outcome === 'resolved';
        },
      ),
    );
  });
});
