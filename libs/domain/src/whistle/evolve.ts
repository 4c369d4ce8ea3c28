/**
 * Folds a whistle's events into its state. Every fold checks the track and status the event needs,
 * so a corrupt or misordered stream (or a decider bug) fails loudly instead of folding into a state
 * the diagram of docs/whistles.md never reaches. The whistle's status is recomputed after each
 * event: its least advanced current track, or `withdrawn`.
 */
import { type WhistleEvent } from './events';
import {
  leastAdvancedStatus,
  type TrackStatus,
  type Whistle,
  type WhistleState,
  type WhistleTrack,
} from './types';

/**
 * An event that cannot apply to the state. Not a CodedError: no user can cause it, so it surfaces
 * as a 500 and an alert, not a 4xx.
 */
export class WhistleEventRejected extends Error {
  constructor(
    readonly eventType: string,
    reason: string,
  ) {
    super(`${eventType} cannot apply: ${reason}`);
    this.name = 'WhistleEventRejected';
  }
}

export function initialWhistleState(): WhistleState {
  return null;
}

function newTrack(
  departmentId: string,
  issuedAt: string,
  acceptDueAt: string,
  transferredFrom: string | null,
): WhistleTrack {
  return {
    departmentId,
    status: 'issued',
    issuedAt,
    transferredFrom,
    acceptDueAt,
    acceptedAt: null,
    acceptedBy: null,
    acceptedOnTime: null,
    answerDueAt: null,
    round: 1,
    reopenings: 0,
    checkIns: [],
    answers: [],
    ratings: [],
    overdue: [],
    transfer: null,
  };
}

/** Folds one event into the state. Pure: returns a new state and never changes the one given. */
export function evolveWhistle(state: WhistleState, event: WhistleEvent): WhistleState {
  if (event.type === 'WhistleIssued') {
    if (state !== null) throw new WhistleEventRejected(event.type, 'the whistle exists already');
    const d = event.data;
    if (d.departmentIds.length === 0 || new Set(d.departmentIds).size !== d.departmentIds.length) {
      throw new WhistleEventRejected(event.type, 'its departments are not distinct and non-empty');
    }
    return {
      id: d.whistleId,
      communityId: d.communityId,
      streetId: d.streetId,
      subject: d.subject,
      description: d.description,
      source: d.source,
      onSite: d.onSite,
      settings: d.settings,
      status: 'issued',
      issuedAt: d.issuedAt,
      issuedBy: d.issuedBy,
      tracks: d.departmentIds.map((id) => newTrack(id, d.issuedAt, d.acceptDueAt, null)),
      withdrawal: null,
    };
  }
  if (state === null) throw new WhistleEventRejected(event.type, 'the whistle does not exist');
  if (state.status === 'withdrawn') {
    throw new WhistleEventRejected(event.type, 'the whistle is withdrawn');
  }
  const next = evolveExisting(state, event);
  return {
    ...next,
    status: next.withdrawal !== null ? 'withdrawn' : leastAdvancedStatus(next.tracks),
  };
}

/** Folds events in order, from the initial state unless one is given. */
export function foldWhistle(
  events: readonly WhistleEvent[],
  from: WhistleState = initialWhistleState(),
): WhistleState {
  return events.reduce(evolveWhistle, from);
}

function evolveExisting(
  state: Whistle,
  event: Exclude<WhistleEvent, { type: 'WhistleIssued' }>,
): Whistle {
  /** The current track of a department, in one of `statuses`, changed by `change`. */
  const onTrack = (
    departmentId: string,
    statuses: readonly TrackStatus[],
    change: (track: WhistleTrack) => WhistleTrack,
  ): Whistle => {
    const i = state.tracks.findIndex(
      (t) => t.departmentId === departmentId && t.status !== 'transferred',
    );
    const track = state.tracks[i];
    if (track === undefined) {
      throw new WhistleEventRejected(event.type, `department ${departmentId} has no current track`);
    }
    if (!statuses.includes(track.status)) {
      throw new WhistleEventRejected(event.type, `the track of ${departmentId} is ${track.status}`);
    }
    const tracks = [...state.tracks];
    tracks[i] = change(track);
    return { ...state, tracks };
  };
  const inRound = (track: WhistleTrack, round: number): void => {
    if (round !== track.round) {
      throw new WhistleEventRejected(event.type, `the track is in round ${track.round}`);
    }
  };
  switch (event.type) {
    case 'WhistleAccepted': {
      const d = event.data;
      return onTrack(d.departmentId, ['issued'], (t) => ({
        ...t,
        status: 'accepted',
        acceptedAt: d.acceptedAt,
        acceptedBy: d.acceptedBy,
        acceptedOnTime: d.onTime,
        answerDueAt: d.answerDueAt,
      }));
    }
    case 'WhistleTransferred': {
      const d = event.data;
      if (
        state.tracks.some((t) => t.departmentId === d.toDepartmentId && t.status !== 'transferred')
      ) {
        throw new WhistleEventRejected(event.type, `${d.toDepartmentId} is on the whistle already`);
      }
      const passed = onTrack(d.fromDepartmentId, ['issued', 'accepted', 'on-site'], (t) => ({
        ...t,
        status: 'transferred',
        transfer: {
          toDepartmentId: d.toDepartmentId,
          reason: d.reason,
          transferredAt: d.transferredAt,
          transferredBy: d.transferredBy,
        },
      }));
      const track = newTrack(d.toDepartmentId, d.transferredAt, d.acceptDueAt, d.fromDepartmentId);
      return { ...passed, tracks: [...passed.tracks, track] };
    }
    case 'WhistleCheckedIn': {
      const { departmentId, ...checkIn } = event.data;
      return onTrack(departmentId, ['accepted', 'on-site'], (t) => {
        inRound(t, checkIn.round);
        return { ...t, status: 'on-site', checkIns: [...t.checkIns, checkIn] };
      });
    }
    case 'WhistleAnswered': {
      const { departmentId, ...answer } = event.data;
      const from: TrackStatus[] = state.onSite ? ['on-site'] : ['accepted', 'on-site'];
      return onTrack(departmentId, from, (t) => {
        inRound(t, answer.round);
        return { ...t, status: 'answered', answers: [...t.answers, answer] };
      });
    }
    case 'WhistleRated': {
      const { departmentId, reopenedAnswerDueAt, ...rating } = event.data;
      return onTrack(departmentId, ['answered'], (t) => {
        inRound(t, rating.round);
        const ratings = [...t.ratings, rating];
        if (rating.rating !== 'dissatisfied') return { ...t, status: 'closed', ratings };
        if (reopenedAnswerDueAt === null) {
          throw new WhistleEventRejected(event.type, 'a reopening needs its answer deadline');
        }
        return {
          ...t,
          status: 'accepted',
          ratings,
          round: t.round + 1,
          reopenings: t.reopenings + 1,
          answerDueAt: reopenedAnswerDueAt,
        };
      });
    }
    case 'WhistleWithdrawn': {
      if (state.tracks.some((t) => t.status === 'answered' || t.status === 'closed')) {
        throw new WhistleEventRejected(event.type, 'a department has answered');
      }
      const { reason, withdrawnAt, withdrawnBy } = event.data;
      return { ...state, withdrawal: { reason, withdrawnAt, withdrawnBy } };
    }
    case 'WhistleOverdueEscalated': {
      const { departmentId, deadline, dueAt, escalatedAt } = event.data;
      const waiting: TrackStatus[] = deadline === 'accept' ? ['issued'] : ['accepted', 'on-site'];
      return onTrack(departmentId, waiting, (t) => ({
        ...t,
        overdue: [...t.overdue, { deadline, dueAt, escalatedAt }],
      }));
    }
  }
}
