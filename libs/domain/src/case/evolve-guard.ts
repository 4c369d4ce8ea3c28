import { type Case, type Stage } from './types';

/**
 * An event that cannot apply to the state: a corrupt or misordered stream, or a decider bug. It is not
 * a CodedError: no user can cause it, so it must surface as a 500 and an alert, not a 4xx.
 */
export class CaseEventRejected extends Error {
  constructor(
    readonly eventType: string,
    reason: string,
  ) {
    super(`${eventType} cannot apply: ${reason}`);
    this.name = 'CaseEventRejected';
  }
}

/** The checks every fold of an event makes before it changes the case. */
export interface EvolveGuard {
  check: (condition: boolean, reason: string) => void;
  inStage: (stage: Stage) => void;
}

export function guardFor(state: Case, eventType: string): EvolveGuard {
  const check = (condition: boolean, reason: string): void => {
    if (!condition) throw new CaseEventRejected(eventType, reason);
  };
  const inStage = (stage: Stage): void => {
    check(state.status === 'open', 'the case is closed');
    check(state.stage === stage, `the case is in ${state.stage}, not ${stage}`);
  };
  return { check, inStage };
}

/** Ends the current stage entry; the StageEntered that follows starts the next one. */
export function leaveStage(state: Case, at: string): Case {
  return {
    ...state,
    advanceRequest: null,
    lastAdvanceRejection: null,
    stageHistory: state.stageHistory.map((s, i) =>
      i === state.stageHistory.length - 1 && s.leftAt === null ? { ...s, leftAt: at } : s,
    ),
  };
}
