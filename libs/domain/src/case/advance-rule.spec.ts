import { at, Scenario, SETTINGS } from './case.fixtures';
import { advanceRule, gate } from './gates';
import { type Case, type Party, type Unmet } from './types';

const conditions = (unmet: readonly Unmet[]) => unmet.map((u) => u.condition);

/** The rule's three answers, and its gate read the way EvaluateAdvance reads it. */
function read(state: Case, now: string, unitsInScope?: number | null) {
  const rule = advanceRule(state, now, unitsInScope === undefined ? {} : { unitsInScope });
  if (rule === undefined) throw new Error('no rule for a closed case');
  const options = unitsInScope === undefined ? {} : { unitsInScope };
  // The gate of EvaluateAdvance is the rule's: same conditions, same order.
  expect(gate(state, rule.to, now, options)).toEqual(rule.unmet);
  return { to: rule.to, unmet: conditions(rule.unmet), due: rule.due, mayBeDue: rule.mayBeDue };
}

const ALL_BUT_ONE: Party[] = [
  'party-organisation',
  'owners-committee',
  'property-company',
  'partner-units',
];

describe('advanceRule: gathering → analysis', () => {
  it('is never due by itself: the secretary asks', () => {
    const s = Scenario.open().demand().acknowledge();
    expect(read(s.case, s.now)).toEqual({ to: 'analysis', unmet: [], due: false, mayBeDue: false });
  });

  it('is due once asked, even with the gate unmet (the evaluation rejects with reasons)', () => {
    const s = Scenario.open();
    s.run({ type: 'RequestAdvance', data: { to: 'analysis' } });
    expect(read(s.case, s.now)).toEqual({
      to: 'analysis',
      unmet: ['demands', ...Array<string>(5).fill('acknowledgement')],
      due: true,
      mayBeDue: true,
    });
  });

  it('after a rejected request: due again once its gate holds, not before', () => {
    const s = Scenario.open();
    s.run({ type: 'RequestAdvance', data: { to: 'analysis' } });
    s.run({ type: 'EvaluateAdvance', data: { to: 'analysis' } });
    expect(s.case.lastAdvanceRejection?.to).toBe('analysis');
    expect(read(s.case, s.now).due).toBe(false);
    s.demand();
    expect(read(s.case, s.now)).toMatchObject({
      due: false,
      unmet: Array<string>(5).fill('acknowledgement'),
    });
    s.acknowledge(ALL_BUT_ONE);
    expect(read(s.case, s.now).due).toBe(false);
    s.acknowledge(['resident-representatives']);
    expect(read(s.case, s.now)).toEqual({ to: 'analysis', unmet: [], due: true, mayBeDue: true });
  });
});

describe('advanceRule: analysis → deliberation (the notice period)', () => {
  it('is due when the notice period ends and every party acknowledged', () => {
    const s = Scenario.open().toAnalysis().acknowledge().analyse();
    expect(read(s.case, s.now)).toEqual({
      to: 'deliberation',
      unmet: ['notice-period'],
      due: false,
      mayBeDue: false,
    });
    const ends = s.case.notice?.noticePeriodEndsAt ?? '';
    expect(ends).toBe(at(s.hours + SETTINGS.noticePeriodHours));
    expect(read(s.case, at(s.hours + SETTINGS.noticePeriodHours - 0.01)).due).toBe(false);
    expect(read(s.case, ends)).toEqual({
      to: 'deliberation',
      unmet: [],
      due: true,
      mayBeDue: true,
    });
  });

  it('waits for the analysis, its options and the notice', () => {
    const s = Scenario.open().toAnalysis().acknowledge();
    expect(read(s.case, s.now)).toMatchObject({
      unmet: ['lead-party', 'options', 'notice-period'],
      due: false,
    });
  });

  it('waits for the last acknowledgement after the notice period', () => {
    const s = Scenario.open().toAnalysis().analyse().wait(SETTINGS.noticePeriodHours);
    s.acknowledge(ALL_BUT_ONE);
    expect(read(s.case, s.now)).toMatchObject({ unmet: ['acknowledgement'], due: false });
    s.acknowledge(['resident-representatives']);
    expect(read(s.case, s.now)).toMatchObject({ unmet: [], due: true });
  });
});

describe('advanceRule: deliberation → follow-up (meeting and vote)', () => {
  it('is due once a meeting of every party was held and a resolution passed', () => {
    const s = Scenario.open().toDeliberation().acknowledge();
    expect(read(s.case, s.now)).toMatchObject({
      to: 'follow-up',
      unmet: ['meeting', 'resolution-passed'],
      due: false,
    });
    s.meet();
    expect(read(s.case, s.now)).toMatchObject({ unmet: ['resolution-passed'], due: false });
    s.resolve(true);
    expect(read(s.case, s.now)).toEqual({ to: 'follow-up', unmet: [], due: true, mayBeDue: true });
  });

  it('is not due while a vote is open, nor after a failed one (the case returned to analysis)', () => {
    const s = Scenario.open().toDeliberation().acknowledge().meet();
    s.run({
      type: 'DraftResolution',
      data: {
        resolutionId: 'r-open',
        title: '补充决议',
        text: '正文',
        rule: 'simple-majority',
        matter: 'ordinary',
        closesAt: at(s.hours + 24),
      },
    });
    expect(read(s.case, s.now)).toMatchObject({
      unmet: ['resolution-passed', 'resolution-open'],
      due: false,
    });
    s.run({
      type: 'RecordVoteResult',
      data: { resolutionId: 'r-open', passed: false, tally: { for: 1, against: 9 } },
    });
    expect(s.case.stage).toBe('analysis');
    expect(read(s.case, s.now)).toMatchObject({ to: 'deliberation', due: false });
  });
});

describe('advanceRule: follow-up → closed (tasks and evaluations)', () => {
  it('waits for tasks, then for them all to be done', () => {
    const s = Scenario.open().toFollowUp().acknowledge();
    expect(read(s.case, s.now)).toMatchObject({
      to: 'closed',
      unmet: ['tasks-assigned', 'evaluation'],
      due: false,
      mayBeDue: false,
    });
    s.task('t1').task('t2').complete('t1');
    expect(read(s.case, s.now)).toMatchObject({ unmet: ['tasks-done', 'evaluation'], due: false });
  });

  it('is due when the evaluation window ends', () => {
    const s = Scenario.open().toEvaluation();
    const endsAt = s.case.evaluationWindow?.endsAt ?? '';
    expect(read(s.case, s.now)).toEqual({
      to: 'closed',
      unmet: ['evaluation'],
      due: false,
      mayBeDue: false,
    });
    expect(read(s.case, endsAt)).toEqual({ to: 'closed', unmet: [], due: true, mayBeDue: true });
  });

  it('is due before the window ends once every unit in scope evaluated; may be due without the count', () => {
    const s = Scenario.open().toEvaluation().evaluate('u1', 'satisfied');
    // The reconciler does not know the units in scope: one evaluation makes it look.
    expect(read(s.case, s.now)).toMatchObject({
      unmet: ['evaluation'],
      due: false,
      mayBeDue: true,
    });
    expect(read(s.case, s.now, 2)).toMatchObject({ due: false, mayBeDue: true });
    s.evaluate('u2', 'dissatisfied');
    expect(read(s.case, s.now, 2)).toEqual({ to: 'closed', unmet: [], due: true, mayBeDue: true });
    // A scope of no units never counts as everyone evaluated.
    expect(read(s.case, s.now, 0)).toMatchObject({ due: false, mayBeDue: true });
  });

  it('waits for the acknowledgements of the follow-up entry too', () => {
    const s = Scenario.open().toFollowUp();
    s.acknowledge(ALL_BUT_ONE).task('t1').complete('t1');
    const endsAt = s.case.evaluationWindow?.endsAt ?? '';
    expect(read(s.case, endsAt)).toMatchObject({ unmet: ['acknowledgement'], due: false });
  });
});

describe('advanceRule: escalation and acknowledgements', () => {
  it('counts a party escalated (吹哨) for the entry as satisfied', () => {
    const s = Scenario.open().toAnalysis().analyse().acknowledge(ALL_BUT_ONE);
    s.wait(SETTINGS.noticePeriodHours);
    expect(read(s.case, s.now)).toMatchObject({ unmet: ['acknowledgement'], due: false });
    s.run({
      type: 'EscalateParty',
      data: { party: 'resident-representatives', stage: 'analysis' },
    });
    expect(read(s.case, s.now)).toMatchObject({ unmet: [], due: true });
  });

  it('counts only the current entry of a stage entered again', () => {
    const s = Scenario.open().toDeliberation().acknowledge().meet();
    s.resolve(false);
    s.analyse().wait(SETTINGS.noticePeriodHours);
    expect(read(s.case, s.now)).toMatchObject({
      unmet: Array<string>(5).fill('acknowledgement'),
      due: false,
    });
  });

  it('asks a neighbourhood consultation only for its required parties', () => {
    const s = Scenario.open('neighbourhood-consultation').demand();
    s.acknowledge(['party-organisation']);
    s.run({ type: 'RequestAdvance', data: { to: 'analysis' } });
    expect(read(s.case, s.now)).toMatchObject({ unmet: ['acknowledgement'], due: true });
  });
});

describe('advanceRule: a closed case', () => {
  it('has no rule: nothing is due', () => {
    const s = Scenario.open().demand().acknowledge();
    s.run({ type: 'RequestAdvance', data: { to: 'analysis' } });
    s.run({ type: 'CloseCase', data: { outcome: 'withdrawn' } });
    expect(advanceRule(s.case, s.now)).toBeUndefined();
  });
});
