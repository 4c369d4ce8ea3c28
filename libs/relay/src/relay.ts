import { type Client } from 'pg';
import { type Queue } from 'bullmq';
import {
  saveCheckpoint,
  Subscription,
  type Checkpoint,
  type RecordedEvent,
  type SubscriptionOptions,
} from '@yishi/event-store';
import { type EventJobData, type EventRoute, type JobItem } from '@yishi/messaging';
import { type Metrics } from '@yishi/observability';

export interface RelayOptions extends Omit<SubscriptionOptions, 'name'> {
  readonly name?: string;
  readonly routes: readonly EventRoute[];
  /**
   * Event types no route accepts, read as positions only (their data and metadata never leave
   * PostgreSQL). A route that accepts one of them is a mistake the constructor refuses.
   */
  readonly skipTypes?: readonly string[];
  /** A producer Queue for every queue named in `routes`. */
  readonly queues: ReadonlyMap<string, Queue>;
  readonly metrics?: Metrics;
  /** Test seam: runs after the jobs are in Redis and before the checkpoint is saved. */
  readonly afterPublish?: (events: readonly RecordedEvent[]) => Promise<void>;
}

/**
 * The event log is the outbox: the relay hands every committed event to BullMQ, then saves its
 * checkpoint. The events one transaction appended to one stream, next to each other in the log (a
 * stage advanced and the stage entered, say), go as one job, whose reactions share one load of
 * the stream; any other event is a job of its own. A job's id names its events (the event id, or
 * the first and last of a group), so a batch published again after a crash adds nothing; a batch
 * cut elsewhere the second time (a page boundary inside a group) gives other ids, and those events
 * run again, which the reactions, idempotent, allow.
 */
export class EventRelay extends Subscription {
  constructor(private readonly relay: RelayOptions) {
    const skip = relay.skipTypes ?? [];
    super({
      ...relay,
      name: relay.name ?? 'relay',
      ...(skip.length === 0 ? {} : { filter: { except: skip } }),
    });
    for (const route of relay.routes) {
      if (!relay.queues.has(route.queue)) throw new Error(`no queue for route ${route.queue}`);
      const routed = skip.find((type) => route.accepts(type));
      if (routed !== undefined)
        throw new Error(`route ${route.queue} accepts ${routed}, which the relay skips`);
    }
  }

  protected async handle(client: Client, events: RecordedEvent[], next: Checkpoint): Promise<void> {
    for (const route of this.relay.routes) {
      const jobs = groupByTransactionAndStream(events.filter((e) => route.accepts(e.type))).map(
        toJob,
      );
      if (jobs.length > 0) await this.relay.queues.get(route.queue)!.addBulk(jobs);
    }
    // The lag, and the count, of the events read whole (skipped ones carry no metadata).
    const now = Date.now();
    for (const e of events) {
      const occurred = Date.parse(e.metadata.occurredAt);
      if (!Number.isNaN(occurred))
        this.relay.metrics?.relayLag.observe(Math.max(0, now - occurred) / 1000);
    }
    this.relay.metrics?.relayEvents.inc(events.length);
    await this.relay.afterPublish?.(events);
    await saveCheckpoint(client, this.options.name, next);
  }
}

export function toJobData(e: RecordedEvent): EventJobData {
  return {
    eventId: e.eventId,
    type: e.type,
    streamId: e.streamId,
    streamPosition: e.streamPosition,
    globalPosition: e.globalPosition,
    transactionId: e.transactionId,
    correlationId: e.metadata.correlationId,
    occurredAt: e.metadata.occurredAt,
  };
}

/** Runs of neighbouring events with one transaction and one stream, in log order. */
export function groupByTransactionAndStream(events: readonly RecordedEvent[]): RecordedEvent[][] {
  const groups: RecordedEvent[][] = [];
  for (const e of events) {
    const last = groups.at(-1);
    const head = last?.[0];
    if (
      head !== undefined &&
      head.transactionId === e.transactionId &&
      head.streamId === e.streamId
    )
      last!.push(e);
    else groups.push([e]);
  }
  return groups;
}

type EventJob = Extract<JobItem, { name: 'event' | 'events' }> & {
  readonly opts: { readonly jobId: string };
};

function toJob(group: readonly RecordedEvent[]): EventJob {
  const first = group[0]!;
  if (group.length === 1)
    return { name: 'event', data: toJobData(first), opts: { jobId: first.eventId } };
  return {
    name: 'events',
    data: { events: group.map(toJobData) },
    opts: { jobId: `${first.eventId}_${group.at(-1)!.eventId}` },
  };
}
