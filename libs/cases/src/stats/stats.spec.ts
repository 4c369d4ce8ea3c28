import {
  type Case,
  ESCALATION_CAUSES,
  type EscalationCause,
  PARTIES,
  RATINGS,
  type Rating,
  STAGES,
  type Stage,
  workingDaysBetween,
} from '@yishi/domain';
import { at, Scenario, SETTINGS } from '../../../domain/src/case/case.fixtures';
import { computeStats, inRange, statFactsOf, type Stats } from './stats';

/**
 * The statistics as computed before the case_stats projection: straight over folded cases. Kept
 * here as the reference the facts must reproduce to the last bit.
 */
function statsOverCases(cases: readonly Case[], asOf: string): Stats {
  const now = Date.parse(asOf);
  const rate = (n: number, d: number): number | null => (d === 0 ? null : n / d);
  const counted = (numerator: number, denominator: number) => ({
    rate: rate(numerator, denominator),
    numerator,
    denominator,
  });
  const closed = cases.filter((c) => c.status === 'closed');
  const endStates = { resolved: 0, unresolved: 0, withdrawn: 0, unevaluated: 0 };
  for (const c of closed) if (c.closure !== null) endStates[c.closure.outcome]++;
  const evaluations = { total: 0, satisfied: 0, basicallySatisfied: 0, dissatisfied: 0 };
  for (const c of cases) {
    for (const r of c.evaluationResults) {
      evaluations.total += r.total;
      evaluations.satisfied += r.satisfied;
      evaluations.basicallySatisfied += r.basicallySatisfied;
      evaluations.dissatisfied += r.dissatisfied;
    }
    if (!c.evaluationResults.some((r) => r.round === c.evaluationRound))
      for (const e of c.evaluations) {
        evaluations.total++;
        if (e.rating === 'satisfied') evaluations.satisfied++;
        else if (e.rating === 'basically-satisfied') evaluations.basicallySatisfied++;
        else evaluations.dissatisfied++;
      }
  }
  const parties = PARTIES.map((party) => {
    let due = 0;
    let onTime = 0;
    let escalations = 0;
    const ratings: Record<Rating | 'unrated', number> = {
      satisfied: 0,
      'basically-satisfied': 0,
      dissatisfied: 0,
      unrated: 0,
    };
    for (const c of cases) {
      for (const s of c.parties.find((p) => p.party === party)?.stages ?? []) {
        if (s.deadline === null) continue;
        const deadline = Date.parse(s.deadline);
        if (!(s.acknowledgedAt !== null || s.escalatedAt !== null || deadline <= now)) continue;
        due++;
        if (s.acknowledgedAt !== null && Date.parse(s.acknowledgedAt) <= deadline) onTime++;
      }
      for (const e of c.escalations)
        if (e.party === party) {
          escalations++;
          ratings[e.rating?.rating ?? 'unrated']++;
        }
    }
    const rated = RATINGS.reduce((n, r) => n + ratings[r], 0);
    return {
      party,
      acknowledgementsDue: due,
      acknowledgedOnTime: onTime,
      onTimeAcknowledgementRate: rate(onTime, due),
      escalations,
      ratings,
      ratingSatisfactionRate: rate(ratings.satisfied + ratings['basically-satisfied'], rated),
      rates: {
        onTimeAcknowledgementRate: counted(onTime, due),
        ratingSatisfactionRate: counted(ratings.satisfied + ratings['basically-satisfied'], rated),
      },
    };
  });
  const escalationsByCause = Object.fromEntries(ESCALATION_CAUSES.map((k) => [k, 0])) as Record<
    EscalationCause,
    number
  >;
  for (const c of cases) for (const e of c.escalations) escalationsByCause[e.cause]++;
  const averageDaysPerStage = Object.fromEntries(
    STAGES.map((stage) => {
      const spans = cases.flatMap((c) =>
        c.stageHistory
          .filter((h) => h.stage === stage && h.leftAt !== null)
          .map((h) => workingDaysBetween(h.enteredAt, h.leftAt ?? h.enteredAt)),
      );
      return [stage, spans.length === 0 ? null : spans.reduce((a, b) => a + b, 0) / spans.length];
    }),
  ) as Record<Stage, number | null>;
  const due = parties.reduce((n, p) => n + p.acknowledgementsDue, 0);
  const onTime = parties.reduce((n, p) => n + p.acknowledgedOnTime, 0);
  // 办结: closed resolved only; a withdrawn case leaves the denominator.
  const resolved = cases.filter((c) => c.closure?.outcome === 'resolved').length;
  const withdrawn = cases.filter((c) => c.closure?.outcome === 'withdrawn').length;
  const satisfied = evaluations.satisfied + evaluations.basicallySatisfied;
  return {
    cases: { opened: cases.length, open: cases.length - closed.length, closed: closed.length },
    closureRate: rate(resolved, cases.length - withdrawn),
    satisfactionRate: rate(satisfied, evaluations.total),
    onTimeAcknowledgementRate: rate(onTime, due),
    escalations: parties.reduce((n, p) => n + p.escalations, 0),
    averageDaysPerStage,
    endStates,
    evaluations,
    escalationsByCause,
    parties,
    rates: {
      closureRate: counted(resolved, cases.length - withdrawn),
      satisfactionRate: counted(satisfied, evaluations.total),
      onTimeAcknowledgementRate: counted(onTime, due),
    },
  };
}

/** Resolved: three evaluations of 3 units (satisfied, basically, dissatisfied), round 1 concluded. */
function resolved(): Case {
  const s = Scenario.open().toEvaluation();
  s.evaluate('u0', 'satisfied')
    .evaluate('u1', 'basically-satisfied')
    .evaluate('u2', 'dissatisfied');
  s.wait(SETTINGS.evaluationWindowHours).advance(3);
  return s.case;
}

/** Failed round 1 (1 of 3 satisfied, 3 units): reopened, both assignees escalated, one rated. */
function reopened(): Case {
  const s = Scenario.open().toFollowUp().acknowledge();
  s.task('t1', 'property-company').task('t2', 'partner-units');
  s.complete('t1');
  s.complete('t2');
  s.evaluate('u0', 'satisfied').evaluate('u1', 'dissatisfied').evaluate('u2', 'dissatisfied');
  s.wait(SETTINGS.evaluationWindowHours).advance(3);
  s.run({
    type: 'RateEscalation',
    data: { escalationId: 'eval_1_property-company', rating: 'basically-satisfied' },
  });
  return s.case;
}

/** Gathering: the property company escalated at its deadline, the others acknowledge late. */
function late(): Case {
  const s = Scenario.open().wait(SETTINGS.acknowledgementHours);
  s.run({ type: 'EscalateParty', data: { party: 'property-company', stage: 'gathering' } });
  s.wait(1).acknowledge(['party-organisation', 'resident-representatives']);
  s.run({ type: 'CloseCase', data: { outcome: 'withdrawn' } });
  return s.case;
}

/** Just opened, nobody acknowledged: its deadlines are known only once passed. */
const fresh = (): Case => Scenario.open().wait(1).case;

/** One satisfied evaluation of 72 units: below the minimum response, closed unevaluated. */
function tooFew(): Case {
  const s = Scenario.open().toEvaluation();
  s.evaluate('u0', 'satisfied').wait(SETTINGS.evaluationWindowHours).advance(72);
  return s.case;
}

/** Nobody evaluated in the window: closed unevaluated. */
function silent(): Case {
  const s = Scenario.open().toEvaluation();
  s.wait(SETTINGS.evaluationWindowHours).advance(72);
  return s.case;
}

/** Closed by hand, unresolved, in analysis. */
function unresolved(): Case {
  const s = Scenario.open().toAnalysis().wait(1);
  s.run({ type: 'CloseCase', data: { outcome: 'unresolved', reason: '超出社区职权' } });
  return s.case;
}

describe('statFactsOf', () => {
  it('keeps only plain JSON the statistics need', () => {
    for (const c of [resolved(), reopened(), late(), fresh(), tooFew(), silent(), unresolved()]) {
      const facts = statFactsOf(c);
      expect(JSON.parse(JSON.stringify(facts))).toEqual(facts);
      expect(Object.keys(facts).sort()).toEqual([
        'acknowledgements',
        'endState',
        'escalations',
        'estate',
        'evaluations',
        'openedAt',
        'stageEntries',
        'status',
      ]);
      expect(facts.stageEntries).toHaveLength(c.stageHistory.filter((h) => h.leftAt).length);
    }
  });

  it('summarises the current round only while it is not concluded', () => {
    const s = Scenario.open().toEvaluation();
    s.evaluate('u0', 'satisfied').evaluate('u1', 'dissatisfied');
    expect(statFactsOf(s.case).evaluations).toEqual([
      { round: 1, total: 2, satisfied: 1, basicallySatisfied: 0, dissatisfied: 1 },
    ]);
    expect(statFactsOf(resolved()).evaluations).toEqual([
      { round: 1, total: 3, satisfied: 1, basicallySatisfied: 1, dissatisfied: 1 },
    ]);
  });
});

describe('computeStats over the facts', () => {
  const cases = [resolved(), reopened(), late(), fresh()];
  // Every way a case ends, each once, and too few responses and none both ending unevaluated.
  const everyEnd = [...cases, tooFew(), silent(), unresolved()];

  it('equals the statistics over the folded cases, at every asOf', () => {
    for (const cohort of [cases, everyEnd])
      for (const asOf of [at(0), at(30), at(49), at(1_000), at(100_000)])
        expect(
          computeStats(
            cohort.map((c) => statFactsOf(c)),
            asOf,
          ),
        ).toEqual(statsOverCases(cohort, asOf));
  });

  it('gives the numbers worked out by hand', () => {
    const s = computeStats(
      cases.map((c) => statFactsOf(c)),
      at(100_000),
    );
    expect(s.cases).toEqual({ opened: 4, open: 2, closed: 2 });
    expect(s.endStates).toEqual({ resolved: 1, unresolved: 0, withdrawn: 1, unevaluated: 0 });
    // 办结: resolved 1, of 4 opened less 1 withdrawn.
    expect(s.closureRate).toBe(1 / 3);
    expect(s.rates.closureRate).toEqual({ rate: 1 / 3, numerator: 1, denominator: 3 });
    // resolved: 1 + 1 of 3; reopened: 1 of 3 → 3 of 6.
    expect(s.evaluations).toEqual({
      total: 6,
      satisfied: 2,
      basicallySatisfied: 1,
      dissatisfied: 3,
    });
    expect(s.satisfactionRate).toBe(3 / 6);
    expect(s.rates.satisfactionRate).toEqual({ rate: 3 / 6, numerator: 3, denominator: 6 });
    expect(s.escalationsByCause).toEqual({ acknowledgement: 1, 'task-overdue': 0, evaluation: 2 });
    const party = (p: string) => s.parties.find((x) => x.party === p)!;
    expect(party('property-company')).toMatchObject({
      escalations: 2,
      ratings: { satisfied: 0, 'basically-satisfied': 1, dissatisfied: 0, unrated: 1 },
      ratingSatisfactionRate: 1,
      rates: { ratingSatisfactionRate: { rate: 1, numerator: 1, denominator: 1 } },
    });
    expect(party('partner-units')).toMatchObject({
      escalations: 1,
      ratingSatisfactionRate: null,
      rates: { ratingSatisfactionRate: { rate: null, numerator: 0, denominator: 0 } },
    });
    for (const p of s.parties)
      expect(p.rates.onTimeAcknowledgementRate).toEqual({
        rate: p.onTimeAcknowledgementRate,
        numerator: p.acknowledgedOnTime,
        denominator: p.acknowledgementsDue,
      });
    // Early on, the fresh case's deadlines are not yet known; long after, they are, and late.
    const early = computeStats([statFactsOf(fresh())], at(1));
    const after = computeStats([statFactsOf(fresh())], at(100_000));
    expect(early.onTimeAcknowledgementRate).toBeNull();
    expect(early.rates.onTimeAcknowledgementRate).toEqual({
      rate: null,
      numerator: 0,
      denominator: 0,
    });
    expect(after.onTimeAcknowledgementRate).toBe(0);
    expect(after.parties.reduce((n, p) => n + p.acknowledgementsDue, 0)).toBe(
      fresh().parties.filter((p) => p.required).length,
    );
    expect(after.rates.onTimeAcknowledgementRate).toEqual({
      rate: 0,
      numerator: 0,
      denominator: fresh().parties.filter((p) => p.required).length,
    });
  });

  it('counts 办结 honestly: only resolved; withdrawn out of the base; unresolved and unevaluated apart', () => {
    const s = computeStats(
      everyEnd.map((c) => statFactsOf(c)),
      at(100_000),
    );
    // resolved, reopened (open), late (withdrawn), fresh (open), tooFew and silent (unevaluated),
    // unresolved: 7 opened, 5 closed (销号) however they ended, 2 open.
    expect(s.cases).toEqual({ opened: 7, open: 2, closed: 5 });
    expect(s.endStates).toEqual({ resolved: 1, unresolved: 1, withdrawn: 1, unevaluated: 2 });
    // 办结率 = resolved 1 / (7 opened − 1 withdrawn) = 1/6, not closed 5 / opened 7.
    expect(s.rates.closureRate).toEqual({ rate: 1 / 6, numerator: 1, denominator: 6 });
    expect(s.closureRate).toBe(1 / 6);
    // The one satisfied answer of tooFew was given, so it counts in 满意率 (4 of 7 answers); silent
    // gave none and adds none.
    expect(s.evaluations).toEqual({
      total: 7,
      satisfied: 3,
      basicallySatisfied: 1,
      dissatisfied: 3,
    });
    expect(s.rates.satisfactionRate).toEqual({ rate: 4 / 7, numerator: 4, denominator: 7 });
    // Neither unevaluated case reopened nor escalated anyone.
    expect(s.escalationsByCause).toEqual({ acknowledgement: 1, 'task-overdue': 0, evaluation: 2 });
    // Only withdrawn cases: nothing to count, null rather than 0 %.
    const none = computeStats([statFactsOf(late())], at(100_000));
    expect(none.rates.closureRate).toEqual({ rate: null, numerator: 0, denominator: 0 });
  });

  it('takes the cohort by opening time, either end open', () => {
    const facts = statFactsOf(fresh());
    expect(inRange(facts, { from: at(0), to: at(1) })).toBe(true);
    expect(inRange(facts, { from: at(0.5), to: null })).toBe(false);
    expect(inRange(facts, { from: null, to: at(0) })).toBe(false);
  });
});
