import 'reflect-metadata';
import { type Job } from 'bullmq';
import { type JobData, type JobName, type JobQueue } from '../queues';

/**
 * Declared jobs and reactions (after immich's `@OnJob`): a provider's method says which job, or
 * which committed event, it handles; the worker finds them at start (DiscoveryService) and starts
 * one BullMQ worker per queue. Names come from queues.ts, so a typo does not compile.
 */

export const ON_JOB = Symbol('yishi:on-job');
export const ON_EVENT = Symbol('yishi:on-event');

export interface OnJobOptions<N extends JobName = JobName> {
  readonly name: N;
  /** The job's queue, as JOB_QUEUES has it (checked by the compiler). */
  readonly queue: JobQueue<N>;
}

/** A job handler: parse the job, call the use case; what it returns is the job's return value. */
export type JobHandler<N extends JobName = JobName> = (
  job: Job<JobData<N>>,
  token?: string,
) => Promise<unknown>;

/** The method handles the job `name` of `queue`; one handler per job name in the process. */
export function OnJob<N extends JobName>(options: OnJobOptions<N>) {
  return <H extends JobHandler<N>>(
    _target: object,
    _key: string | symbol,
    descriptor: TypedPropertyDescriptor<H>,
  ): void => {
    Reflect.defineMetadata(ON_JOB, options, descriptor.value!);
  };
}

/**
 * The method reacts to committed events of these types (the relay's domain-events queue); it gets
 * `(event, scope)`. Several reactions may take one type; each must be idempotent (at least once).
 * Not the @nestjs/cqrs EventBus: these run from the log through BullMQ, and a failure is retried.
 */
export function OnEvent(...types: readonly string[]) {
  return (_target: object, _key: string | symbol, descriptor: PropertyDescriptor): void => {
    const method = descriptor.value as object;
    const declared = (Reflect.getMetadata(ON_EVENT, method) as string[] | undefined) ?? [];
    Reflect.defineMetadata(ON_EVENT, [...declared, ...types], method);
  };
}
