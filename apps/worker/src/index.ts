export { WorkerModule } from './worker.module';
export { EventReactions, type Reaction } from './queues/event-reactions';
export { QueueRegistry } from './queues/queue-registry';
export { RelayService } from './relay/relay.service';
export { ProjectionsService } from './projections/projections.service';
export { NotificationFlows } from './notifications/notification-flows';
export { NotificationsWorkerModule } from './notifications/notifications-worker.module';
export { CaseWorkflowService } from './cases/case-workflow.service';
export {
  CaseDeadlinesService,
  RECONCILER_SCHEDULER_ID,
  type ReconcileReport,
} from './cases/case-deadlines.service';
