/**
 * Declared jobs. To add one: its payload and name to JobItem and its queue to JOB_QUEUES
 * (queues.ts); then on a provider of a module the worker imports,
 * `@OnJob({ name: 'x', queue: QUEUES.y }) async onX(job: Job<XJobData>) { ...call the use case }`.
 * A reaction to a committed event: `@OnEvent('StageEntered') async onEntered(event, scope)`.
 * The worker (apps/worker JobWorkers) finds them at start and refuses to start on a job name with
 * no handler or two.
 */
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
