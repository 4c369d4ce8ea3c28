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
export { CloseWithCaseJobs } from './close-with-case/close-with-case.jobs';
export { DemandsModule } from './demands.module';
export { demandViewsProjection } from './projections/demand-views.projection';
export { DemandRobotPosts } from './robot-posts/robot-posts.jobs';
