import { type CaseCommand, type CaseContext } from './commands';
import { decide } from './decide';
import { type CaseEvent } from './events';
import { evolve, initialState } from './evolve';
import { type CaseState } from './types';

export * from './types';

export * from './events';
export * from './commands';
export * from './procedure';
export * from './meetings';
export { decide, closeOnEvaluation } from './decide';
export { taskRevision } from './decide-follow-up';
export { acknowledgementTimes } from './decide-support';
export { evolve, fold, initialState, CaseEventRejected } from './evolve';
export {
  advanceRule,
  gate,
  nextTarget,
  currentEntry,
  requiredPartiesFor,
  evaluationVerdict,
  type AdvanceRule,
  type GateOptions,
} from './gates';

/** The case as an emmett-style decider, for code that takes one object. */
export interface CaseDecider {
  decide(command: CaseCommand, state: CaseState, context: CaseContext): CaseEvent[];
  evolve(state: CaseState, event: CaseEvent): CaseState;
  initialState(): CaseState;
}

export const caseDecider: CaseDecider = { decide, evolve, initialState };
