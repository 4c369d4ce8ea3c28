import {
  type Case,
  type CaseStatus,
  ESCALATION_CAUSES,
  type EscalationCause,
  type Outcome,
  PARTIES,
  type Party,
  RATINGS,
  type Rating,
  STAGES,
  type Stage,
  workingDaysBetween,
} from '@yishi/domain';

/**
 * Statistics of a community (issue 6, point 5) over a cohort: the cases OPENED in [from, to),
 * as they stand now (the `case_stats` table of the case-views projection: one `CaseStatFacts` per
 * case). Every figure is about that one cohort, so the
 * numbers add up and can be checked by hand:
 *
 * - `cases.opened`: the cohort; `open` / `closed`: its cases open or closed now (销号, however
 *   they ended); `endStates`: the closed ones by how they ended.
 * - `closureRate` (办结率): cases closed `resolved` / cases opened less those withdrawn. A case
 *   closed unresolved or unevaluated (too few of the units asked evaluated) is not 办结; a
 *   withdrawn one leaves the denominator. Null with no case counted.
 * - `satisfactionRate` (满意率): (satisfied + basically satisfied) / evaluations, over every
 *   concluded round and the current one; a case closed with nobody evaluating adds no evaluation,
 *   so it is never counted as satisfied (`endStates.unevaluated` counts those). Null with none.
 * - `onTimeAcknowledgementRate` (按时签收率): required parties' stage entries whose outcome is
 *   known (acknowledged, escalated, or the deadline passed `asOf`), acknowledged by the deadline /
 *   all of those; also per party.
 * - `rates`: each rate with the numerator and denominator it rests on (docs/follow-up.md,
 *   "The figures").
 * - `ratingSatisfactionRate` (一哨一评满意率, per party): (satisfied + basically satisfied) ratings /
 *   rated escalations.
 * - `escalations` (吹哨): how many; by cause and by party, with the secretary's ratings (一哨一评).
 * - `averageDaysPerStage`: the mean, in working days (docs/calendar.md), of the stage entries that
 *   ended; null for a stage with none.
 */
export interface StatsRange {
  readonly from: string | null;
  readonly to: string | null;
}

/** A rate and what it rests on: numerator / denominator, null when the denominator is 0. */
export interface CountedRate {
  readonly rate: number | null;
  readonly numerator: number;
  readonly denominator: number;
}

export interface PartyStats {
  readonly party: Party;
  readonly acknowledgementsDue: number;
  readonly acknowledgedOnTime: number;
  readonly onTimeAcknowledgementRate: number | null;
  readonly escalations: number;
  readonly ratings: Readonly<Record<Rating | 'unrated', number>>;
  /** (satisfied + basically satisfied) ratings / rated escalations; null with none rated. */
  readonly ratingSatisfactionRate: number | null;
  readonly rates: {
    readonly onTimeAcknowledgementRate: CountedRate;
    readonly ratingSatisfactionRate: CountedRate;
  };
}

export interface Stats {
  readonly cases: { readonly opened: number; readonly open: number; readonly closed: number };
  readonly closureRate: number | null;
  readonly satisfactionRate: number | null;
  readonly onTimeAcknowledgementRate: number | null;
  readonly escalations: number;
  readonly averageDaysPerStage: Readonly<Record<Stage, number | null>>;
  readonly endStates: {
    readonly resolved: number;
    readonly unresolved: number;
    readonly withdrawn: number;
    readonly unevaluated: number;
  };
  readonly evaluations: {
    readonly total: number;
    readonly satisfied: number;
    readonly basicallySatisfied: number;
    readonly dissatisfied: number;
  };
  readonly escalationsByCause: Readonly<Record<EscalationCause, number>>;
  readonly parties: readonly PartyStats[];
  readonly rates: {
    readonly closureRate: CountedRate;
    readonly satisfactionRate: CountedRate;
    readonly onTimeAcknowledgementRate: CountedRate;
  };
}

/** One round's evaluations of a case: a concluded round's summary, or the current round so far. */
export interface RoundEvaluations {
  readonly round: number;
  readonly total: number;
  readonly satisfied: number;
  readonly basicallySatisfied: number;
  readonly dissatisfied: number;
}

/** A party's stage entry with an acknowledgement deadline. */
export interface AcknowledgementFact {
  readonly party: Party;
  readonly stage: Stage;
  readonly entry: number;
  readonly deadline: string;
  readonly acknowledgedAt: string | null;
  readonly escalated: boolean;
}

/**
 * What the statistics need of one case and nothing else (plain JSON, stored by the case-views
 * projection in `case_stats.facts`). Times stay instants: the deadline's "passed" is decided as of
 * the request, and working days by today's calendar.
 */
export interface CaseStatFacts {
  readonly estate: string;
  readonly openedAt: string;
  readonly status: CaseStatus;
  /** The closure's outcome (`unevaluated` included); null while open. */
  readonly endState: Outcome | null;
  readonly evaluations: readonly RoundEvaluations[];
  readonly escalations: readonly {
    readonly cause: EscalationCause;
    readonly party: Party;
    readonly rating: Rating | null;
  }[];
  /** Every party's stage entries that have a deadline, in the case's order. */
  readonly acknowledgements: readonly AcknowledgementFact[];
  /** The stage entries that ended, in order. */
  readonly stageEntries: readonly {
    readonly stage: Stage;
    readonly enteredAt: string;
    readonly leftAt: string;
  }[];
}

/** The statistics facts of a folded case. Pure. */
export function statFactsOf(c: Case): CaseStatFacts {
  const evaluations: RoundEvaluations[] = c.evaluationResults.map((r) => ({
    round: r.round,
    total: r.total,
    satisfied: r.satisfied,
    basicallySatisfied: r.basicallySatisfied,
    dissatisfied: r.dissatisfied,
  }));
  // The current round, unless it was concluded already (its summary is in the results).
  if (!c.evaluationResults.some((r) => r.round === c.evaluationRound) && c.evaluations.length > 0)
    evaluations.push({
      round: c.evaluationRound,
      total: c.evaluations.length,
      satisfied: c.evaluations.filter((e) => e.rating === 'satisfied').length,
      basicallySatisfied: c.evaluations.filter((e) => e.rating === 'basically-satisfied').length,
      dissatisfied: c.evaluations.filter(
        (e) => e.rating !== 'satisfied' && e.rating !== 'basically-satisfied',
      ).length,
    });
  return {
    estate: c.scope.estate,
    openedAt: c.openedAt,
    status: c.status,
    endState: c.closure?.outcome ?? null,
    evaluations,
    escalations: c.escalations.map((e) => ({
      cause: e.cause,
      party: e.party,
      rating: e.rating?.rating ?? null,
    })),
    acknowledgements: c.parties.flatMap((p) =>
      p.stages.flatMap((s) =>
        s.deadline === null
          ? []
          : [
              {
                party: p.party,
                stage: s.stage,
                entry: s.entry,
                deadline: s.deadline,
                acknowledgedAt: s.acknowledgedAt,
                escalated: s.escalatedAt !== null,
              },
            ],
      ),
    ),
    stageEntries: c.stageHistory.flatMap((h) =>
      h.leftAt === null ? [] : [{ stage: h.stage, enteredAt: h.enteredAt, leftAt: h.leftAt }],
    ),
  };
}

const counted = (numerator: number, denominator: number): CountedRate => ({
  rate: denominator === 0 ? null : numerator / denominator,
  numerator,
  denominator,
});

/** Whether a case (or its facts) belongs to the cohort [from, to). */
export function inRange(c: { readonly openedAt: string }, range: StatsRange): boolean {
  const opened = Date.parse(c.openedAt);
  if (range.from !== null && opened < Date.parse(range.from)) return false;
  if (range.to !== null && opened >= Date.parse(range.to)) return false;
  return true;
}

/** The statistics of `cases` (already the cohort), as of `asOf`. Pure. */
export function computeStats(cases: readonly CaseStatFacts[], asOf: string): Stats {
  const now = Date.parse(asOf);
  const closed = cases.filter((c) => c.status === 'closed');
  const endStates = { resolved: 0, unresolved: 0, withdrawn: 0, unevaluated: 0 };
  for (const c of closed) if (c.endState !== null) endStates[c.endState]++;

  const evaluations = { total: 0, satisfied: 0, basicallySatisfied: 0, dissatisfied: 0 };
  for (const c of cases)
    for (const r of c.evaluations) {
      evaluations.total += r.total;
      evaluations.satisfied += r.satisfied;
      evaluations.basicallySatisfied += r.basicallySatisfied;
      evaluations.dissatisfied += r.dissatisfied;
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
      for (const s of c.acknowledgements) {
        if (s.party !== party) continue;
        const deadline = Date.parse(s.deadline);
        const known = s.acknowledgedAt !== null || s.escalated || deadline <= now;
        if (!known) continue;
        due++;
        if (s.acknowledgedAt !== null && Date.parse(s.acknowledgedAt) <= deadline) onTime++;
      }
      for (const e of c.escalations)
        if (e.party === party) {
          escalations++;
          ratings[e.rating ?? 'unrated']++;
        }
    }
    const rated = RATINGS.reduce((n, r) => n + ratings[r], 0);
    const onTimeRate = counted(onTime, due);
    const ratingRate = counted(ratings.satisfied + ratings['basically-satisfied'], rated);
    return {
      party,
      acknowledgementsDue: due,
      acknowledgedOnTime: onTime,
      onTimeAcknowledgementRate: onTimeRate.rate,
      escalations,
      ratings,
      ratingSatisfactionRate: ratingRate.rate,
      rates: { onTimeAcknowledgementRate: onTimeRate, ratingSatisfactionRate: ratingRate },
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
        c.stageEntries
          .filter((h) => h.stage === stage)
          .map((h) => workingDaysBetween(h.enteredAt, h.leftAt)),
      );
      return [stage, spans.length === 0 ? null : spans.reduce((a, b) => a + b, 0) / spans.length];
    }),
  ) as Record<Stage, number | null>;

  const due = parties.reduce((n, p) => n + p.acknowledgementsDue, 0);
  const onTime = parties.reduce((n, p) => n + p.acknowledgedOnTime, 0);
  const rates = {
    closureRate: counted(endStates.resolved, cases.length - endStates.withdrawn),
    satisfactionRate: counted(
      evaluations.satisfied + evaluations.basicallySatisfied,
      evaluations.total,
    ),
    onTimeAcknowledgementRate: counted(onTime, due),
  };
  return {
    cases: { opened: cases.length, open: cases.length - closed.length, closed: closed.length },
    closureRate: rates.closureRate.rate,
    satisfactionRate: rates.satisfactionRate.rate,
    onTimeAcknowledgementRate: rates.onTimeAcknowledgementRate.rate,
    escalations: parties.reduce((n, p) => n + p.escalations, 0),
    averageDaysPerStage,
    endStates,
    evaluations,
    escalationsByCause,
    parties,
    rates,
  };
}
