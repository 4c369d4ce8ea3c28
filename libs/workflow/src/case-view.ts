import { type Case } from '@yishi/domain';

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
  };
}
