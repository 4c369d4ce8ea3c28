import { Injectable, Module } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, MetadataScanner } from '@nestjs/core';
import { type Job } from 'bullmq';
import { EVENT_ROUTES, JOB_QUEUES, QUEUES, type JobName, type QueueName } from '../queues';
import { ON_EVENT, ON_JOB, type OnJobOptions } from './decorators';
import { type Reaction } from './event-reactions';

/** One `@OnJob` method, bound to its provider. */
export interface DeclaredJob {
  readonly name: JobName;
  readonly queue: QueueName;
  /** `Provider.method`, for the messages. */
  readonly where: string;
  readonly handle: (job: Job, token?: string) => Promise<unknown>;
}

/** One `@OnEvent` method and one of its event types, bound to its provider. */
export interface DeclaredReaction {
  readonly type: string;
  readonly where: string;
  readonly react: Reaction;
}

/** A job handler by job name, per queue. */
export type JobHandlers = ReadonlyMap<QueueName, ReadonlyMap<JobName, DeclaredJob>>;

/**
 * The handlers of every job name, per queue. Throws (start-up fails) when a name of JobItem has no
 * handler, has two, or is declared on a queue that is not its own; all faults in one message.
 */
export function jobHandlers(declared: readonly DeclaredJob[]): JobHandlers {
  const faults: string[] = [];
  const byName = new Map<JobName, DeclaredJob[]>();
  for (const job of declared) {
    if (!(job.name in JOB_QUEUES)) {
      faults.push(`${job.where} handles "${job.name}", a job name queues.ts does not declare`);
      continue;
    }
    if (JOB_QUEUES[job.name] !== job.queue)
      faults.push(
        `${job.where} handles "${job.name}" on ${job.queue}; it runs on ${JOB_QUEUES[job.name]}`,
      );
    byName.set(job.name, [...(byName.get(job.name) ?? []), job]);
  }
  for (const name of Object.keys(JOB_QUEUES) as JobName[]) {
    const found = byName.get(name) ?? [];
    if (found.length === 0)
      faults.push(`job "${name}" (${JOB_QUEUES[name]}) has no @OnJob handler`);
    if (found.length > 1)
      faults.push(
        `job "${name}" has ${found.length} handlers: ${found.map((j) => j.where).join(', ')}`,
      );
  }
  if (faults.length > 0) throw new Error(`declared jobs do not add up:\n- ${faults.join('\n- ')}`);
  const handlers = new Map<QueueName, Map<JobName, DeclaredJob>>();
  for (const [name, [job]] of byName) {
    if (job === undefined) continue;
    const queue = handlers.get(JOB_QUEUES[name]) ?? new Map<JobName, DeclaredJob>();
    queue.set(name, job);
    handlers.set(JOB_QUEUES[name], queue);
  }
  return handlers;
}

/** Whether the relay hands events of `type` to the domain-events queue, where reactions run. */
const routed = (type: string): boolean =>
  EVENT_ROUTES.some((route) => route.queue === QUEUES.domainEvents && route.accepts(type));

/**
 * The reactions by event type, in declaration order. Throws when one method declares one type
 * twice (it would run twice per event), or a type the relay keeps off the queue (it would never
 * run).
 */
export function eventReactions(
  declared: readonly DeclaredReaction[],
): ReadonlyMap<string, readonly DeclaredReaction[]> {
  const faults: string[] = [];
  const byType = new Map<string, DeclaredReaction[]>();
  for (const reaction of declared) {
    if (!routed(reaction.type))
      faults.push(`${reaction.where} reacts to "${reaction.type}", which the relay does not route`);
    const same = byType.get(reaction.type) ?? [];
    if (same.some((r) => r.where === reaction.where))
      faults.push(`${reaction.where} reacts to ${reaction.type} twice`);
    byType.set(reaction.type, [...same, reaction]);
  }
  if (faults.length > 0)
    throw new Error(`declared reactions do not add up:\n- ${faults.join('\n- ')}`);
  return byType;
}

/** Finds the `@OnJob` and `@OnEvent` methods of every provider in the application. */
@Injectable()
export class JobDiscovery {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  jobs(): DeclaredJob[] {
    return this.methods().flatMap(({ instance, key, where }) => {
      const method = instance[key] as (...args: unknown[]) => Promise<unknown>;
      const options = Reflect.getMetadata(ON_JOB, method) as OnJobOptions | undefined;
      if (options === undefined) return [];
      return [
        {
          name: options.name,
          queue: options.queue,
          where,
          handle: (job: Job, token?: string) => method.call(instance, job, token),
        },
      ];
    });
  }

  reactions(): DeclaredReaction[] {
    return this.methods().flatMap(({ instance, key, where }) => {
      const method = instance[key] as Reaction;
      const types = (Reflect.getMetadata(ON_EVENT, method) as string[] | undefined) ?? [];
      return types.map((type) => ({
        type,
        where,
        react: (event, scope) => method.call(instance, event, scope),
      }));
    });
  }

  private methods(): { instance: Record<string, unknown>; key: string; where: string }[] {
    const seen = new Set<object>();
    const found: { instance: Record<string, unknown>; key: string; where: string }[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      // Aliases and re-exports give one instance several wrappers; factories give no prototype.
      if (!wrapper.isDependencyTreeStatic() || instance === undefined || instance === null)
        continue;
      if (typeof instance !== 'object' || seen.has(instance)) continue;
      seen.add(instance);
      const prototype = Object.getPrototypeOf(instance) as object | null;
      if (prototype === null) continue;
      for (const key of this.scanner.getAllMethodNames(prototype)) {
        found.push({ instance, key, where: `${instance.constructor.name}.${key}` });
      }
    }
    return found;
  }
}

/** JobDiscovery, for the worker's composition root. */
@Module({ imports: [DiscoveryModule], providers: [JobDiscovery], exports: [JobDiscovery] })
export class JobDiscoveryModule {}
