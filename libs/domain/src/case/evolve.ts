import { LEGACY_PROCEDURE } from './procedure';
import { evolveWhistleLinks } from '../whistle/links';
import { type CaseEvent } from './events';
import { CaseEventRejected } from './evolve-guard';
import { evolveDeliberation } from './evolve-deliberation';
import { evolveMeeting } from './evolve-meetings';
import { evolveFollowUp } from './evolve-follow-up';
import { evolveStage } from './evolve-stages';
import { type Case, type CaseParty, type CaseState, PARTIES } from './types';

export { CaseEventRejected } from './evolve-guard';

export function initialState(): CaseState {
  return null;
}

/** Folds one event into the state. Pure: returns a new state and never changes the one given. */
export function evolve(state: CaseState, event: CaseEvent): CaseState {
  if (event.type === 'CaseOpened') {
    if (state !== null) throw new CaseEventRejected(event.type, 'the case exists already');
    const d = event.data;
    return {
      id: d.caseId,
      communityId: d.communityId,
      mechanism: d.mechanism,
      title: d.title,
      description: d.description,
      category: d.category,
      scope: d.scope,
      stage: 'gathering',
      status: 'open',
      settings: d.settings,
      procedure: d.procedure ?? LEGACY_PROCEDURE,
      parties: PARTIES.map((party): CaseParty => ({
        party,
        required: d.requiredParties.includes(party),
        acknowledgedStages: [],
        escalatedStages: [],
        stages: [],
      })),
      stageHistory: [],
      demands: [],
      analysis: null,
      notice: null,
      opinions: [],
      meetings: [],
      resolutions: [],
      tasks: [],
      evaluationRound: 1,
      evaluationWindow: null,
      evaluations: [],
      evaluationResults: [],
      escalations: [],
      whistles: [],
      advanceRequest: null,
      lastAdvanceRejection: null,
      openedAt: d.openedAt,
      openedBy: d.openedBy,
      closedAt: null,
      closure: null,
    };
  }
  if (state === null) throw new CaseEventRejected(event.type, 'the case does not exist');
  return evolveCase(state, event);
}

/** Folds events in order, from the initial state unless one is given. */
export function fold(events: readonly CaseEvent[], from: CaseState = initialState()): CaseState {
  return events.reduce(evolve, from);
}

/** Each group of events is folded in its own module; the switch keeps the dispatch exhaustive. */
function evolveCase(state: Case, event: Exclude<CaseEvent, { type: 'CaseOpened' }>): Case {
  switch (event.type) {
    case 'StageEntered':
    case 'StageAcknowledged':
    case 'PartyEscalated':
    case 'StageReturned':
    case 'AdvanceRequested':
    case 'StageAdvanceRejected':
    case 'StageAdvanced':
    case 'CaseClosed':
    case 'CaseReopened':
      return evolveStage(state, event);

    case 'MeetingRecorded':
    case 'MeetingScheduled':
    case 'MeetingSignedIn':
    case 'MinutesRecorded':
      return evolveMeeting(state, event);

    case 'DemandSubmitted':
    case 'DemandsLinked':
    case 'AnalysisRecorded':
    case 'NoticePublished':
    case 'OpinionPosted':
    case 'ResolutionDrafted':
    case 'VoteRecorded':
    case 'ResolutionCancelled':
      return evolveDeliberation(state, event);

    case 'TaskAssigned':
    case 'TaskProgressReported':
    case 'TaskCompleted':
    case 'TaskReassigned':
    case 'EvaluationOpened':
    case 'EvaluationSubmitted':
    case 'EvaluationConcluded':
    case 'FollowUpEscalated':
    case 'EscalationRated':
      return evolveFollowUp(state, event);

    case 'CaseWhistled':
    case 'CaseWhistleAnswered':
    case 'CaseWhistleSettled':
      return { ...state, whistles: evolveWhistleLinks(state.whistles, event) };
  }
}
