export { OnEvent, OnJob, ON_EVENT, ON_JOB, type JobHandler, type OnJobOptions } from './decorators';
export { EventReactions, type Reaction, type ReactionScope } from './event-reactions';
export {
  eventReactions,
  JobDiscovery,
  JobDiscoveryModule,
  jobHandlers,
  type DeclaredJob,
  type DeclaredReaction,
  type JobHandlers,
} from './job-discovery';
export {
  closeWorker,
  createQueueWorker,
  type QueueWorker,
  type QueueWorkerDeps,
} from './queue-worker';
