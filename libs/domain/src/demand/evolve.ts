/**
 * Folds a demand's events into its state. Every fold checks the status the event needs, so a
 * corrupt or misordered stream (or a decider bug) fails loudly instead of folding into a status the
 * state machine of docs/demands.md never reaches.
 */
import { evolveWhistleLinks } from '../whistle/links';
import { type DemandEvent } from './events';
import { type DemandState, type DemandStatus, type LedgerDemand } from './types';

/**
 * An event that cannot apply to the state. Not a CodedError: no user can cause it, so it surfaces
 * as a 500 and an alert, not a 4xx.
 */
export class DemandEventRejected extends Error {
  constructor(
    readonly eventType: string,
    reason: string,
  ) {
    super(`${eventType} cannot apply: ${reason}`);
    this.name = 'DemandEventRejected';
  }
}

export function initialDemandState(): DemandState {
  return null;
}

/** Folds one event into the state. Pure: returns a new state and never changes the one given. */
export function evolveDemand(state: DemandState, event: DemandEvent): DemandState {
  if (event.type === 'DemandReceived') {
    if (state !== null) throw new DemandEventRejected(event.type, 'the demand exists already');
    const d = event.data;
    return {
      id: d.demandId,
      communityId: d.communityId,
      number: d.number,
      content: d.content,
      category: d.category,
      unitId: d.unitId,
      place: d.place,
      gridId: d.gridId,
      source: d.source,
      photoIds: d.photoIds,
      onBehalfOf: d.onBehalfOf,
      hotline: d.hotline,
      settings: d.settings,
      status: 'received',
      receivedAt: d.receivedAt,
      submittedBy: d.receivedBy,
      acceptDueAt: d.acceptDueAt,
      resolveDueAt: d.resolveDueAt,
      dueAt: d.resolveDueAt,
      acceptedAt: null,
      acceptedBy: null,
      assignment: null,
      refusals: [],
      round: 1,
      reopenings: 0,
      resolutions: [],
      confirmations: [],
      pendingConfirmation: null,
      unevaluatedRounds: [],
      caseIds: [],
      mergedInto: null,
      withdrawnAt: null,
      closure: null,
      whistles: [],
    };
  }
  if (state === null) throw new DemandEventRejected(event.type, 'the demand does not exist');
  return evolveExisting(state, event);
}

/** Folds events in order, from the initial state unless one is given. */
export function foldDemand(
  events: readonly DemandEvent[],
  from: DemandState = initialDemandState(),
): DemandState {
  return events.reduce(evolveDemand, from);
}

function evolveExisting(
  state: LedgerDemand,
  event: Exclude<DemandEvent, { type: 'DemandReceived' }>,
): LedgerDemand {
  const from = (...statuses: DemandStatus[]): void => {
    if (!statuses.includes(state.status)) {
      throw new DemandEventRejected(event.type, `the demand is ${state.status}`);
    }
  };
  const pendingRound = (round: number): void => {
    if (state.pendingConfirmation?.round !== round) {
      throw new DemandEventRejected(event.type, `no confirmation of round ${round} is awaited`);
    }
  };
  switch (event.type) {
    case 'DemandAccepted': {
      from('received');
      const d = event.data;
      return { ...state, status: 'accepted', acceptedAt: d.acceptedAt, acceptedBy: d.acceptedBy };
    }
    case 'DemandAssigned': {
      from('accepted', 'assigned', 'refused');
      const { assignedAt, assignedBy, party, userId, gridId, dueAt, note } = event.data;
      return {
        ...state,
        status: 'assigned',
        gridId: gridId ?? state.gridId,
        dueAt,
        assignment: { party, userId, gridId, dueAt, note, assignedAt, assignedBy },
      };
    }
    case 'DemandRefused': {
      from('received');
      return { ...state, status: 'refused', refusals: [...state.refusals, event.data] };
    }
    case 'DemandResolved': {
      from('accepted', 'assigned');
      const { confirmDueAt, ...resolution } = event.data;
      if (resolution.round !== state.round) {
        throw new DemandEventRejected(event.type, `the demand is in round ${state.round}`);
      }
      return {
        ...state,
        status: 'resolved',
        resolutions: [...state.resolutions, resolution],
        pendingConfirmation: {
          round: resolution.round,
          since: resolution.resolvedAt,
          dueAt: confirmDueAt,
        },
      };
    }
    case 'DemandConfirmed': {
      from('resolved', 'closed');
      const { reopenedDueAt, ...confirmation } = event.data;
      pendingRound(confirmation.round);
      const confirmations = [...state.confirmations, confirmation];
      if (confirmation.rating === 'dissatisfied') {
        if (reopenedDueAt === null) {
          throw new DemandEventRejected(event.type, 'a reopening needs its due date');
        }
        return {
          ...state,
          status: 'assigned',
          confirmations,
          pendingConfirmation: null,
          round: state.round + 1,
          reopenings: state.reopenings + 1,
          dueAt: reopenedDueAt,
          closure: null,
        };
      }
      return {
        ...state,
        status: 'closed',
        confirmations,
        pendingConfirmation: null,
        closure: state.closure ?? {
          cause: 'confirmation',
          closedAt: confirmation.confirmedAt,
          caseId: null,
          caseOutcome: null,
        },
      };
    }
    case 'DemandConfirmationLapsed': {
      from('resolved', 'closed');
      const d = event.data;
      pendingRound(d.round);
      return {
        ...state,
        status: 'closed',
        pendingConfirmation: null,
        unevaluatedRounds: [...state.unevaluatedRounds, d.round],
        closure: state.closure ?? {
          cause: 'lapse',
          closedAt: d.lapsedAt,
          caseId: null,
          caseOutcome: null,
        },
      };
    }
    case 'DemandWithdrawn':
      from('received', 'accepted', 'assigned', 'refused');
      return { ...state, status: 'withdrawn', withdrawnAt: event.data.withdrawnAt };
    case 'DemandMerged':
      from('received', 'accepted', 'assigned', 'refused');
      return { ...state, status: 'merged', mergedInto: event.data.into };
    case 'DemandEscalated':
      from('received', 'accepted', 'assigned', 'refused', 'resolved');
      return {
        ...state,
        status: 'in-case',
        pendingConfirmation: null,
        caseIds: [...state.caseIds, event.data.caseId],
      };
    case 'DemandWhistled':
    case 'DemandWhistleAnswered':
    case 'DemandWhistleSettled':
      return { ...state, whistles: evolveWhistleLinks(state.whistles, event) };
    case 'DemandClosedWithCase': {
      from('in-case');
      const d = event.data;
      if (state.caseIds.at(-1) !== d.caseId || d.round !== state.round) {
        throw new DemandEventRejected(event.type, `the demand is not in case ${d.caseId}`);
      }
      return {
        ...state,
        status: 'closed',
        pendingConfirmation: { round: d.round, since: d.closedAt, dueAt: d.confirmDueAt },
        closure: { cause: 'case', closedAt: d.closedAt, caseId: d.caseId, caseOutcome: d.outcome },
      };
    }
  }
}

/** The deadline the ledger shows: ours, or the hotline's own where that is earlier. */
export function ledgerDueAt(demand: LedgerDemand): string {
  const hotline = demand.hotline?.dueAt ?? null;
  return hotline !== null && Date.parse(hotline) < Date.parse(demand.dueAt)
    ? hotline
    : demand.dueAt;
}
