import {
  type Case,
  type CaseClosure,
  type EvaluationSummary,
  LEGACY_PROCEDURE,
} from '@yishi/domain';

/**
 * A case state stored by the case-views read model before issue 6 lacks `escalations` (and tasks
 * their `remindAt`), and before issue 21 its evaluation results lack the response (`unitsInScope`,
 * `minEvaluationResponse`, `responseReached`), before issue 22 `whistles`, before 23 `procedure` (and `handlerId`): fill them as
 * evolve does for such events, so folding new events onto it and reading it both work. A rebuild of `case-views` (npm run rebuild --
 * case-views) recomputes them from the log.
 */
export function upgradeStoredCase(state: Case): Case {
  const stored = state as Case & {
    escalations?: Case['escalations'];
    whistles?: Case['whistles'];
    procedure?: Case['procedure'];
    handlerId?: Case['handlerId'];
  };
  return {
    ...state,
    handlerId: stored.handlerId ?? null,
    escalations: stored.escalations ?? [],
    whistles: stored.whistles ?? [],
    procedure: stored.procedure ?? LEGACY_PROCEDURE,
    tasks: state.tasks.map((t) => ({
      ...t,
      remindAt: (t as { remindAt?: string | null }).remindAt ?? null,
    })),
    evaluationResults: state.evaluationResults.map((r) => {
      const old = r as Partial<EvaluationSummary> & typeof r;
      return {
        ...r,
        unitsInScope: old.unitsInScope ?? null,
        minEvaluationResponse: old.minEvaluationResponse ?? { numerator: 0, denominator: 1 },
        responseReached: old.responseReached ?? r.total > 0,
      };
    }),
  };
}

/** The honest end states of issue 6: how a closed case really ended. */
export type EndState = 'resolved' | 'unresolved' | 'withdrawn';

/**
 * A closed case's end state and its reason. `unevaluated` (too few of the units asked evaluated in
 * the window, nobody included) is not resolved: it shows as `unresolved` with the closure's reason
 * (how many answered of how many), or, when nobody answered, that nobody did; never counted as
 * satisfied.
 */
export function endStateOf(
  closure: CaseClosure | null,
): { state: EndState; reason: string | null } | null {
  if (closure === null) return null;
  switch (closure.outcome) {
    case 'resolved':
      return { state: 'resolved', reason: null };
    case 'withdrawn':
      return { state: 'withdrawn', reason: closure.reason };
    case 'unresolved':
      return { state: 'unresolved', reason: closure.reason };
    case 'unevaluated':
      return {
        state: 'unresolved',
        reason: closure.reason ?? '评价期内无居民评价，未经评价不计为满意',
      };
  }
}

/** GET /cases/:id, in the contract's shape (http-api.md, Cases). */
export function toCaseView(state: Case, version: number) {
  return {
    id: state.id,
    communityId: state.communityId,
    mechanism: state.mechanism,
    title: state.title,
    description: state.description,
    category: state.category,
    scope: state.scope,
    stage: state.stage,
    status: state.status,
    version,
    parties: state.parties.map((p) => ({
      party: p.party,
      required: p.required,
      acknowledgedStages: p.acknowledgedStages,
      escalatedStages: p.escalatedStages,
      stages: p.stages,
    })),
    stageHistory: state.stageHistory,
    demands: state.demands,
    analysis: state.analysis,
    notice: state.notice,
    meetings: state.meetings,
    resolutions: state.resolutions,
    voting: votingOf(state),
    tasks: state.tasks,
    evaluations: {
      round: state.evaluationRound,
      window: state.evaluationWindow,
      items: state.evaluations,
      results: state.evaluationResults,
    },
    advanceRequest: state.advanceRequest,
    lastAdvanceRejection: state.lastAdvanceRejection,
    settings: state.settings,
    openedAt: state.openedAt,
    closedAt: state.closedAt,
    closure: state.closure,
    endState: endStateOf(state.closure),
    escalations: state.escalations,
    whistles: state.whistles,
    procedure: state.procedure,
    handlerId: state.handlerId,
    mediation: state.mediation ?? null,
  };
}

export type CaseView = ReturnType<typeof toCaseView>;

/** One row of GET /communities/:id/cases. */
export function toCaseSummary(state: Case, version: number) {
  return {
    id: state.id,
    mechanism: state.mechanism,
    title: state.title,
    category: state.category,
    scope: state.scope,
    stage: state.stage,
    status: state.status,
    version,
    openedAt: state.openedAt,
    closedAt: state.closedAt,
    endState: endStateOf(state.closure),
    voting: votingOf(state),
    handlerId: state.handlerId,
    mediation: state.mediation ?? null,
  };
}

/**
 * The case's vote while owners can cast ballots (投票中): its resolution is open and before its
 * closesAt. A box the secretary closed early reads as voting until the result is on the case.
 */
function votingOf(state: Case): { resolutionId: string; title: string; closesAt: string } | null {
  if (state.status !== 'open') return null;
  const now = Date.now();
  const open = state.resolutions.find((r) => r.status === 'open' && Date.parse(r.closesAt) > now);
  return open === undefined
    ? null
    : { resolutionId: open.id, title: open.title, closesAt: open.closesAt };
}
