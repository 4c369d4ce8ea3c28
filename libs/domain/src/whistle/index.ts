/** The whistle's domain (吹哨报到, docs/whistles.md): its decider, deadlines and the tracks' facts. */
import { type WhistleCommand, type WhistleContext } from './commands';
import { decideWhistle } from './decide';
import { type WhistleEvent } from './events';
import { evolveWhistle, initialWhistleState } from './evolve';
import { type WhistleState } from './types';

export * from './types';
export * from './commands';
export * from './events';
export { decideWhistle } from './decide';
export { evolveWhistle, foldWhistle, initialWhistleState, WhistleEventRejected } from './evolve';
export {
  acceptDeadline,
  answerDeadline,
  answerWindowStart,
  pendingDeadline,
  REMINDER_SHARE,
  reminderTime,
  WHISTLE_TIMER_KINDS,
  type WhistleTimer,
  type WhistleTimerKind,
  whistleTimers,
  whistleTimerWanted,
} from './deadlines';
export { type WhistleTrackFacts, type WhistleTransferFact, whistleTrackFacts } from './facts';

/** The whistle as an emmett-style decider, for code that takes one object. */
export interface WhistleDecider {
  decide(state: WhistleState, command: WhistleCommand, context: WhistleContext): WhistleEvent[];
  evolve(state: WhistleState, event: WhistleEvent): WhistleState;
  initialState(): WhistleState;
}

export const whistleDecider: WhistleDecider = {
  decide: decideWhistle,
  evolve: evolveWhistle,
  initialState: initialWhistleState,
};
export {
  evolveWhistleLinks,
  openWhistleLinks,
  WHISTLE_LINK_OUTCOMES,
  type WhistleAnsweredData,
  type WhistledData,
  type WhistleLink,
  type WhistleLinkEvent,
  type WhistleLinkOutcome,
  type WhistleProgress,
  type WhistleSettledData,
  whistleLinkEvents,
  whistleProgress,
} from './links';
