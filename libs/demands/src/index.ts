/** The demands ledger (docs/demands.md): its stream, numbering, photos, use cases and read model. */
export {
  DEMAND_STREAM_PREFIX,
  demandIdOf,
  DemandRepository,
  demandStream,
  type BeforeAppend,
  type DemandOutcome,
  type LoadedDemand,
} from './demand-repository';
export { DemandStoreModule } from './demand-store.module';
export { DemandsModule } from './demands.module';
export { demandViewsProjection } from './projections/demand-views.projection';
export {
  DEMAND_RECONCILER_SCHEDULER_ID,
  DemandDeadlineJobs,
} from './deadlines/demand-deadline.jobs';
export { demandTimerJobId, demandTimers, type DemandTimer } from './deadlines/demand-timers';
