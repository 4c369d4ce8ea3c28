import { type Client } from 'pg';
import { type Queue } from 'bullmq';
import { type Redis } from 'ioredis';
import {
  checkpointBefore,
  readCheckpoint,
  saveCheckpoint,
  storeCheckpoint,
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
  /** Publishing again what a Redis that lost its data (restarted empty, flushed) lost. */
  readonly redisLoss?: RedisLossRecovery;
}

/**
 * A job the relay handed to Redis can be lost with Redis's data before its reactions ran; the
 * reconciler re-creates timers and advances from PostgreSQL, but a reaction such as a stage-entered
 * notification exists only as a job. So the relay keeps a marker key in Redis and a second
 * checkpoint, `<name>:settled`: where it stood the last time every queue in `pendingIn` had
 * nothing waiting, active, delayed or waiting for children (every reaction to every event before
 * it had run). When the marker is gone, Redis lost what it held: the relay moves its checkpoint
 * back to the settled one and publishes again from there (same job ids; reactions are idempotent),
 * then sets the marker. Checked at most every `checkEveryMs` (default 1 s), before a read.
 */
export interface RedisLossRecovery {
  /** A connection to the Redis of the queues. */
  readonly redis: Redis;
  /** Set while Redis holds what the relay gave it; gone: Redis lost its data. */
  readonly markerKey: string;
  /**
   * The queues whose jobs run the reactions: the relay's own first, then the queues their jobs
   * feed, parents before children (so a parent finishing after its children were counted is seen).
   */
  readonly pendingIn: readonly Queue[];
  readonly checkEveryMs?: number;
}

const PENDING_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const;

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
  private nextLossCheck = 0;
  /** The settled checkpoint this relay stored last (not stored again while it stands). */
  private settled: Checkpoint | undefined;

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

  /** See RedisLossRecovery. */
  protected override async beforeRead(client: Client, checkpoint: Checkpoint): Promise<void> {
    const loss = this.relay.redisLoss;
    if (loss === undefined || Date.now() < this.nextLossCheck) return;
    this.nextLossCheck = Date.now() + (loss.checkEveryMs ?? 1_000);
    // Redis unreachable: nothing to learn now (publishing will fail and retry); check next time.
    const marked = await loss.redis.exists(loss.markerKey).then(
      (n) => n === 1,
      () => undefined,
    );
    if (marked === undefined) return;
    const settledName = `${this.options.name}:settled`;
    if (!marked) {
      const settled = await readCheckpoint(client, settledName);
      if (settled === undefined) {
        // The first start with this recovery: nothing known to be lost; count from here.
        await storeCheckpoint(client, settledName, checkpoint);
        this.settled = checkpoint;
      } else if (checkpointBefore(settled, checkpoint)) {
        await saveCheckpoint(client, this.options.name, settled);
        this.resetCheckpoint();
        this.relay.metrics?.relayReplays.inc();
        this.options.log.warn(
          { subscription: this.options.name, from: settled, to: checkpoint },
          'Redis lost its jobs: publishing the events since the last settled point again',
        );
      }
      await loss.redis.set(loss.markerKey, new Date().toISOString()).catch(() => undefined);
      return;
    }
    if (
      this.settled !== undefined &&
      this.settled.transactionId === checkpoint.transactionId &&
      this.settled.position === checkpoint.position
    )
      return;
    try {
      for (const queue of loss.pendingIn) {
        const counts = await queue.getJobCounts(...PENDING_STATES);
        if (Object.values(counts).some((n) => n > 0)) return;
      }
      // Empty queues prove nothing if Redis was emptied while they were counted: the marker
      // says whether it was.
      if ((await loss.redis.exists(loss.markerKey)) === 0) return;
    } catch {
      return;
    }
    await storeCheckpoint(client, settledName, checkpoint);
    this.settled = checkpoint;
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
