/** The demands ledger's domain (docs/demands.md): a demand's decider, numbers and yardsticks. */
import { type DemandCommand, type DemandContext } from './commands';
import { decideDemand } from './decide';
import { type DemandEvent } from './events';
import { evolveDemand, initialDemandState } from './evolve';
import { type DemandState } from './types';

export * from './types';
export * from './commands';
export * from './events';
export { decideDemand } from './decide';
export {
  DemandEventRejected,
  evolveDemand,
  foldDemand,
  initialDemandState,
  ledgerDueAt,
} from './evolve';
export {
  checkDemandPrefix,
  type DemandNumber,
  formatDemandNumber,
  isDemandNumber,
  isDemandPrefix,
  parseDemandNumber,
} from './number';
export { demandSearchGrams, querySearchGrams, SEARCH_GRAM_LENGTH } from './search-grams';
export {
  type DemandSummary,
  type DemandYardsticks,
  demandSummaryOf,
  demandYardsticks,
  type Rate,
  type YardstickFacts,
  yardstickFactsOf,
} from './yardsticks';

/** The demand as an emmett-style decider, for code that takes one object. */
export interface DemandDecider {
  decide(state: DemandState, command: DemandCommand, context: DemandContext): DemandEvent[];
  evolve(state: DemandState, event: DemandEvent): DemandState;
  initialState(): DemandState;
}

export const demandDecider: DemandDecider = {
  decide: decideDemand,
  evolve: evolveDemand,
  initialState: initialDemandState,
};
