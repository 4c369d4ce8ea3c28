import { evaluated, rejection, Scenario, SETTINGS, types } from './case.fixtures';
import { closeOnEvaluation } from './decide';
import { evolve } from './evolve';
import { evaluationVerdict } from './gates';
import { type Rating } from './types';

describe('Evaluate', () => {
  it('records one evaluation per unit in the window', () => {
    const s = Scenario.open().toEvaluation().wait(1);
    s.run(
      {
        type: 'Evaluate',
        data: { unitId: 'u1', rating: 'satisfied', comment: '管子通了，心也通了' },
      },
      { actorId: 'resident-1' },
    );
    expect(s.case.evaluations).toEqual([
      {
        unitId: 'u1',
        rating: 'satisfied',
        comment: '管子通了，心也通了',
        round: 1,
        evaluatedAt: s.now,
        evaluatedBy: 'resident-1',
      },
    ]);
    rejection(() => s.evaluate('u1', 'dissatisfied'), 'ALREADY_EXISTS');
  });

  it('waits for every task to be done', () => {
    const s = Scenario.open().toFollowUp();
    rejection(() => s.evaluate('u1', 'satisfied'), 'WRONG_STAGE');
    s.task('t1');
    rejection(() => s.evaluate('u1', 'satisfied'), 'WRONG_STAGE');
  });

  it('is refused from the end of the window', () => {
    const s = Scenario.open()
      .toEvaluation()
      .wait(SETTINGS.evaluationWindowHours - 0.01);
    s.evaluate('u1', 'satisfied').wait(0.01);
    rejection(() => s.evaluate('u2', 'satisfied'), 'WRONG_STAGE');
  });

  it('is refused outside follow-up, and with an unknown rating', () => {
    const s = Scenario.open();
    rejection(() => s.evaluate('u1', 'satisfied'), 'WRONG_STAGE');
    const t = Scenario.open().toEvaluation();
    rejection(() => t.evaluate('u1', 'delighted' as Rating), 'VALIDATION_FAILED');
  });
});

/** A case in its evaluation window with these ratings, then the window over. */
describe('closing on the evaluation: "reaches" the threshold means ≥', () => {
  it('closes resolved at exactly 2/3 satisfied', () => {
    const s = evaluated(['satisfied', 'basically-satisfied', 'dissatisfied']);
    expect(types(s.advance(3))).toEqual(['EvaluationConcluded', 'CaseClosed']);
    expect(s.case.closure).toEqual({ outcome: 'resolved', reason: null });
    expect(s.case.evaluationResults).toEqual([
      {
        round: 1,
        satisfied: 1,
        basicallySatisfied: 1,
        dissatisfied: 1,
        total: 3,
        threshold: { numerator: 2, denominator: 3 },
        reached: true,
        unitsInScope: 3,
        minEvaluationResponse: { numerator: 3, denominator: 10 },
        responseReached: true,
      },
    ]);
  });

  it('reopens just below: 5 of 8 is under 2/3', () => {
    const ratings: Rating[] = [
      ...Array<Rating>(5).fill('satisfied'),
      'dissatisfied',
      'dissatisfied',
      'dissatisfied',
    ];
    const s = evaluated(ratings);
    const events = s.advance(8);
    expect(types(events)).toEqual([
      'EvaluationConcluded',
      'CaseReopened',
      'StageEntered',
      'FollowUpEscalated',
    ]);
    expect(events[1]).toEqual({
      type: 'CaseReopened',
      data: {
        from: 'evaluation',
        reason: '满意率 5/8 未达到 2/3',
        stage: 'follow-up',
        round: 2,
        reopenedAt: s.now,
        reopenedBy: 'secretary-1',
      },
    });
    expect(s.case).toMatchObject({
      status: 'open',
      stage: 'follow-up',
      evaluationRound: 2,
      evaluationWindow: null,
      evaluations: [],
    });
    expect(s.case.evaluationResults[0]?.reached).toBe(false);
  });

  it('closes unevaluated when nobody evaluated, never counting that as satisfied', () => {
    const s = evaluated([], { numerator: 0, denominator: 1 });
    const events = s.advance();
    expect(events[0]).toMatchObject({
      type: 'EvaluationConcluded',
      data: { total: 0, reached: false },
    });
    expect(s.case.closure).toEqual({ outcome: 'unevaluated', reason: null });
  });

  it('compares exactly at the edges of the threshold', () => {
    const verdict = (ratings: Rating[], numerator: number, denominator: number) =>
      evaluationVerdict(evaluated(ratings, { numerator, denominator }).case).reached;
    expect(verdict(['dissatisfied'], 0, 1)).toBe(true);
    expect(verdict(['satisfied'], 1, 1)).toBe(true);
    expect(verdict(['satisfied', 'dissatisfied'], 1, 1)).toBe(false);
    expect(verdict(['satisfied', 'dissatisfied', 'dissatisfied'], 1, 3)).toBe(true);
    expect(verdict(['satisfied', 'satisfied', 'dissatisfied'], 2, 3)).toBe(true);
    expect(verdict(['satisfied', 'dissatisfied', 'dissatisfied'], 2, 3)).toBe(false);
    expect(verdict(['basically-satisfied', 'basically-satisfied', 'dissatisfied'], 2, 3)).toBe(
      true,
    );
  });

  it('closes before the window ends once every unit in scope has evaluated', () => {
    const s = Scenario.open()
      .toEvaluation()
      .evaluate('u1', 'satisfied')
      .evaluate('u2', 'satisfied');
    expect(types(s.advance(3))).toEqual(['StageAdvanceRejected']);
    s.evaluate('u3', 'dissatisfied');
    expect(types(s.advance(3))).toEqual(['EvaluationConcluded', 'CaseClosed']);
    expect(s.events.at(-2)).toMatchObject({ data: { unitsInScope: 3, total: 3, reached: true } });
  });

  it('offers the same decision as closeOnEvaluation', () => {
    const s = evaluated(['satisfied']);
    expect(closeOnEvaluation(s.case, s.context())).toEqual(
      s.try({ type: 'EvaluateAdvance', data: { to: 'closed' } }),
    );
  });

  it('runs a new round after a reopen: new tasks, a new window, the earlier round kept', () => {
    const s = evaluated(['dissatisfied']);
    s.advance(1);
    s.acknowledge();
    expect(s.try({ type: 'EvaluateAdvance', data: { to: 'closed' } })[0]).toMatchObject({
      type: 'StageAdvanceRejected',
      data: {
        unmet: [{ condition: 'evaluation', message: '本轮居民评价尚未开始：须分派并完成整改任务' }],
      },
    });
    s.task('t2').complete('t2');
    expect(s.case.evaluationWindow?.round).toBe(2);
    s.evaluate('u0', 'satisfied').wait(SETTINGS.evaluationWindowHours);
    expect(types(s.advance(1))).toEqual(['EvaluationConcluded', 'CaseClosed']);
    expect(s.case.evaluationResults.map((r) => [r.round, r.reached])).toEqual([
      [1, false],
      [2, true],
    ]);
  });
});

/** A case whose round `responses` units answered with `rating`, the window over. */
function answered(responses: number, rating: Rating, settings = SETTINGS) {
  const s = Scenario.open('five-party-hall', { settings }).toEvaluation();
  for (let i = 0; i < responses; i++) s.evaluate(`u${i}`, rating);
  return s.wait(SETTINGS.evaluationWindowHours);
}

describe('the minimum response: a round counts only when enough of the units asked answered', () => {
  it('closes unevaluated with 1 satisfied of 72 (default 3/10): neither resolved nor reopened', () => {
    const s = answered(1, 'satisfied');
    const events = s.advance(72);
    expect(types(events)).toEqual(['EvaluationConcluded', 'CaseClosed']);
    expect(events[0]).toMatchObject({
      type: 'EvaluationConcluded',
      data: {
        total: 1,
        unitsInScope: 72,
        minEvaluationResponse: { numerator: 3, denominator: 10 },
        responseReached: false,
        reached: true,
      },
    });
    expect(s.case.closure).toEqual({
      outcome: 'unevaluated',
      reason: '参评 1 户（共 72 户），未达到最低参评比例 3/10，不计为办结',
    });
    expect(s.case.escalations).toEqual([]);
    expect(s.case.evaluationRound).toBe(1);
  });

  it('closes resolved with enough responses, enough of them satisfied (22 of 72)', () => {
    const s = answered(22, 'basically-satisfied');
    s.advance(72);
    expect(s.case.closure).toEqual({ outcome: 'resolved', reason: null });
    expect(s.case.evaluationResults.at(-1)).toMatchObject({
      total: 22,
      unitsInScope: 72,
      responseReached: true,
      reached: true,
    });
  });

  it('reopens a round with enough responses, too few satisfied (22 of 72 dissatisfied)', () => {
    const s = answered(22, 'dissatisfied');
    expect(types(s.advance(72))).toEqual([
      'EvaluationConcluded',
      'CaseReopened',
      'StageEntered',
      'FollowUpEscalated',
    ]);
    expect(s.case).toMatchObject({ status: 'open', stage: 'follow-up', evaluationRound: 2 });
    expect(s.case.evaluationResults.at(-1)).toMatchObject({
      responseReached: true,
      reached: false,
    });
  });

  it('too few responses, all dissatisfied, still close unevaluated rather than reopen', () => {
    const s = answered(21, 'dissatisfied'); // 21/72 < 3/10
    expect(types(s.advance(72))).toEqual(['EvaluationConcluded', 'CaseClosed']);
    expect(s.case.closure?.outcome).toBe('unevaluated');
  });

  it('counts exactly at the minimum as reached, one response fewer as not', () => {
    const third = { ...SETTINGS, minEvaluationResponse: { numerator: 1, denominator: 3 } };
    const outcome = (responses: number, units: number, settings = SETTINGS) => {
      const s = answered(responses, 'satisfied', settings);
      s.advance(units);
      return s.case.closure?.outcome;
    };
    expect(outcome(3, 10)).toBe('resolved'); // 3/10 = 3/10
    expect(outcome(2, 10)).toBe('unevaluated');
    expect(outcome(24, 72, third)).toBe('resolved'); // 24/72 = 1/3 exactly
    expect(outcome(23, 72, third)).toBe('unevaluated');
    const zero = { ...SETTINGS, minEvaluationResponse: { numerator: 0, denominator: 1 } };
    expect(outcome(1, 72, zero)).toBe('resolved');
    expect(outcome(0, 72, zero)).toBe('unevaluated'); // nobody is never enough
  });

  it('takes the minimum from the settings the conclusion carries: a change applies to later rounds', () => {
    const s = answered(22, 'satisfied'); // 22/72 reaches the case's 3/10, not a half
    const half = { ...SETTINGS, minEvaluationResponse: { numerator: 1, denominator: 2 } };
    s.run({ type: 'RequestAdvance', data: { to: 'closed' } });
    const events = s.run({
      type: 'EvaluateAdvance',
      data: { to: 'closed', unitsInScope: 72, settings: half },
    });
    expect(events[0]).toMatchObject({
      data: { minEvaluationResponse: { numerator: 1, denominator: 2 }, responseReached: false },
    });
    expect(s.case.closure?.outcome).toBe('unevaluated');
  });

  it('does not reach the minimum when the units asked are not known, unless it is 0', () => {
    expect(evaluationVerdict(answered(3, 'satisfied').case).responseReached).toBe(false);
    const s = answered(3, 'satisfied');
    s.advance();
    expect(s.case.closure).toEqual({
      outcome: 'unevaluated',
      reason: '参评 3 户（范围内户数未知），未达到最低参评比例 3/10，不计为办结',
    });
    const zero = { ...SETTINGS, minEvaluationResponse: { numerator: 0, denominator: 1 } };
    expect(evaluationVerdict(answered(3, 'satisfied', zero).case).responseReached).toBe(true);
  });

  it('waits while the window is open, closes early only when every unit answered', () => {
    const s = answered(0, 'satisfied');
    const open = Scenario.open().toEvaluation().evaluate('u1', 'satisfied');
    expect(types(open.advance(72))).toEqual(['StageAdvanceRejected']);
    expect(open.case.status).toBe('open');
    s.advance(72);
    expect(s.case.closure).toEqual({ outcome: 'unevaluated', reason: null });
    const all = Scenario.open()
      .toEvaluation()
      .evaluate('u1', 'satisfied')
      .evaluate('u2', 'satisfied');
    expect(types(all.advance(2))).toEqual(['EvaluationConcluded', 'CaseClosed']);
    expect(all.case.closure?.outcome).toBe('resolved');
  });

  it('refuses a minimum outside 0..1', () => {
    for (const minEvaluationResponse of [
      { numerator: 4, denominator: 3 },
      { numerator: -1, denominator: 3 },
      { numerator: 1, denominator: 0 },
      0.3,
    ]) {
      rejection(
        () =>
          Scenario.open('five-party-hall', {
            settings: { ...SETTINGS, minEvaluationResponse } as typeof SETTINGS,
          }),
        'VALIDATION_FAILED',
      );
    }
  });

  it('folds a conclusion recorded before the minimum existed: none applied', () => {
    const s = answered(1, 'satisfied');
    const old = {
      type: 'EvaluationConcluded' as const,
      data: {
        round: 1,
        satisfied: 1,
        basicallySatisfied: 0,
        dissatisfied: 0,
        total: 1,
        unitsInScope: null,
        threshold: { numerator: 2, denominator: 3 },
        reached: true,
        concludedAt: s.now,
      },
    };
    expect(evolve(s.case, old)?.evaluationResults).toEqual([
      {
        round: 1,
        satisfied: 1,
        basicallySatisfied: 0,
        dissatisfied: 0,
        total: 1,
        unitsInScope: null,
        threshold: { numerator: 2, denominator: 3 },
        reached: true,
        minEvaluationResponse: { numerator: 0, denominator: 1 },
        responseReached: true,
      },
    ]);
  });
});
