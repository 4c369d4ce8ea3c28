export { WorkerModule } from './worker.module';
export { EventReactions, type Reaction } from '@yishi/messaging';
export { QueueRegistry } from '@yishi/platform';
export { RelayService } from './relay/relay.service';
export { ProjectionsService } from './projections/projections.service';
export { CaseNoticesService } from './cases/case-notices.service';
export { CaseDeadlinesService } from './cases/case-deadlines.service';
export { DeadlineEscalationsService } from './cases/deadline-escalations.service';
export {
  DeadlineReconcilerService,
  RECONCILER_SCHEDULER_ID,
  type ReconcileReport,
} from './cases/deadline-reconciler.service';
export { JobWorkers } from './queues/job-workers';
