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
export {
  type DemandListFilter,
  type DemandListPage,
  listDemands,
  SEARCH_TOTAL_CAP,
  TOTAL_CAP,
} from './list-demands/demand-list';
export { DemandRobotPosts } from './robot-posts/robot-posts.jobs';
export { ResolvedDemandNotices } from './resolve-demand/resolved.notices';
export { type DemandCaller } from './demand-caller';
export { type DemandViewer } from './demand-audience';
export { AcceptDemandCommand } from './accept-demand/accept-demand.command';
export { AssignDemandCommand } from './assign-demand/assign-demand.command';
export { ConfirmDemandCommand } from './confirm-demand/confirm-demand.command';
export { EscalateDemandsCommand } from './escalate-demand/escalate-demand.command';
export { MergeDemandCommand } from './merge-demand/merge-demand.command';
export { RefuseDemandCommand } from './refuse-demand/refuse-demand.command';
export { ResolveDemandCommand } from './resolve-demand/resolve-demand.command';
export { PHOTO_TYPES, UploadPhotoCommand } from './upload-photo/upload-photo.command';
export {
  PhotoDownloadDocs,
  photoBody,
  photoFile,
  PhotoUploadDocs,
} from './upload-photo/photo-http';
export { SubmitLedgerDemandCommand } from './submit-demand/submit-demand.command';
export { WithdrawDemandCommand } from './withdraw-demand/withdraw-demand.command';
export {
  DEMAND_RECONCILER_SCHEDULER_ID,
  DEMAND_STREET_ESCALATION,
  DemandDeadlineJobs,
  type DemandStreetEscalation,
} from './deadlines/demand-deadline.jobs';
export { demandTimerJobId, demandTimers, type DemandTimer } from './deadlines/demand-timers';
