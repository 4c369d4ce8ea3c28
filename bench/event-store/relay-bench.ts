import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Queue, Worker } from 'bullmq';
import { createPool } from '@yishi/database';
import { EventStore, type RecordedEvent } from '@yishi/event-store';
import { createRedisConnection, DEFAULT_JOB_OPTIONS, type EventJobData } from '@yishi/messaging';
import { EventRelay } from '@yishi/relay';
import { reportCleanupError } from '../support/cleanup';
import { type PostgresAdmin } from '../support/postgres-admin';
import { max, median, percentile, sleep, withTimeout } from '../support/stats';

export interface RelayBenchOptions {
  readonly admin: PostgresAdmin;
  readonly database: string;
  /** A database migrated with runMigrations to copy. */
  readonly template: string;
  readonly redisUrl: string;
  readonly prefix: string;
  readonly preAppendEvents: number;
  readonly lagRate: number;
  readonly lagSeconds: number;
  readonly lagWriters: number;
  readonly batchSize: number;
  readonly pollMs: number;
  readonly workerConcurrency: number;
}

export interface RelayResult {
  readonly throughputEvents: number;
  readonly throughputSeconds: number;
  /** Events per second from relay start until its checkpoint covers every pre-appended event. */
  readonly throughputEventsPerSecond: number;
  /** Relay start until the no-op worker has processed every pre-appended event. */
  readonly consumerDrainEventsPerSecond: number;
  readonly lagEvents: number;
  readonly appendRate: number;
  readonly appendP99Ms: number;
  /** job.timestamp (set by BullMQ when the relay builds the job) minus the append's return. */
  readonly lagP50Ms: number;
  readonly lagP99Ms: number;
  readonly lagMaxMs: number;
  /** After the relay's addBulk resolved (the job is in Redis) minus the append's return. */
  readonly publishedP50Ms: number;
  readonly publishedP99Ms: number;
  readonly publishedMaxMs: number;
  /** The no-op worker ran the job, minus the append's return. */
  readonly e2eP50Ms: number;
  readonly e2eP99Ms: number;
  readonly e2eMaxMs: number;
}

const log = {
  info: () => undefined,
  warn: (obj: object, msg: string) => console.error('relay warn:', msg, obj),
  error: (obj: object, msg: string) => console.error('relay error:', msg, obj),
};

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(5);
  }
}

interface Consumed {
  readonly eventId: string;
  readonly jobTimestamp: number;
  readonly processedAt: number;
}

/**
 * The relay as deployed: EventRelay polling the log and handing events to BullMQ, a no-op Worker
 * consuming. The relay reads through its own EventStore and pool, so the appenders' in-process
 * onAppended wake-up never reaches it: what is measured is the polling path a relay in another
 * process would take.
 */
export async function relayBench(o: RelayBenchOptions): Promise<RelayResult> {
  const url = await o.admin.createDatabase(o.database, o.template);
  const poolOptions = { databaseUrl: url, statementTimeoutMs: 30_000 };
  const appendPool = createPool({
    ...poolOptions,
    max: o.lagWriters,
    applicationName: 'bench-app',
  });
  const relayPool = createPool({ ...poolOptions, max: 2, applicationName: 'bench-relay' });
  const appendStore = new EventStore(appendPool);
  const relayStore = new EventStore(relayPool);

  const queueName = 'domain-events';
  const producer = createRedisConnection(o.redisUrl, 'producer', 'bench-relay-producer');
  const workerConnection = createRedisConnection(o.redisUrl, 'worker', 'bench-worker');
  const queue = new Queue(queueName, {
    connection: producer,
    prefix: o.prefix,
    defaultJobOptions: DEFAULT_JOB_OPTIONS,
  });

  let consumedCount = 0;
  let recording = false;
  const consumed: Consumed[] = [];
  const worker = new Worker<EventJobData>(
    queueName,
    (job) => {
      consumedCount += 1;
      if (recording) {
        consumed.push({
          eventId: job.data.eventId,
          jobTimestamp: job.timestamp,
          processedAt: Date.now(),
        });
      }
      return Promise.resolve();
    },
    { connection: workerConnection, prefix: o.prefix, concurrency: o.workerConcurrency },
  );
  worker.on('error', (err) => console.error('worker error:', err));

  let publishedCount = 0;
  const publishedAt = new Map<string, number>();
  const relay = new EventRelay({
    databaseUrl: url,
    store: relayStore,
    routes: [{ queue: queueName, accepts: () => true }],
    queues: new Map([[queueName, queue]]),
    batchSize: o.batchSize,
    pollMs: o.pollMs,
    log,
    afterPublish: (events: readonly RecordedEvent[]) => {
      publishedCount += events.length;
      if (recording) {
        const now = Date.now();
        for (const e of events) publishedAt.set(e.eventId, now);
      }
      return Promise.resolve();
    },
  });

  try {
    await Promise.all([queue.waitUntilReady(), worker.waitUntilReady()]);

    // (a) throughput: a backlog of batched appends, then the relay from cold.
    const perAppend = 100;
    const appendsPerWriter = Math.ceil(o.preAppendEvents / perAppend / o.lagWriters);
    await Promise.all(
      Array.from({ length: o.lagWriters }, async () => {
        const streamId = `case-${randomUUID()}`;
        let version = 0;
        for (let a = 0; a < appendsPerWriter; a++) {
          const events = Array.from({ length: perAppend }, (_, i) => ({
            type: 'BenchEvent',
            data: { seq: version + i + 1 },
          }));
          version = (
            await appendStore.append(streamId, version === 0 ? 'no-stream' : version, events)
          ).nextExpectedVersion;
        }
      }),
    );
    const total = appendsPerWriter * perAppend * o.lagWriters;
    const last = await appendPool.query<{ tx: string; pos: string }>(
      'SELECT transaction_id::text AS tx, global_position AS pos FROM events ORDER BY transaction_id DESC, global_position DESC LIMIT 1',
    );
    const lastRow = last.rows[0]!;

    const t0 = performance.now();
    relay.start();
    await until(
      async () => {
        const { rows } = await appendPool.query<{ done: boolean }>(
          `SELECT (transaction_id, global_position) >= ($1::xid8, $2::bigint) AS done
             FROM subscription_checkpoints WHERE name = 'relay'`,
          [lastRow.tx, lastRow.pos],
        );
        return rows[0]?.done === true;
      },
      300_000,
      'the relay checkpoint to cover the backlog',
    );
    const throughputSeconds = (performance.now() - t0) / 1000;
    if (publishedCount < total)
      throw new Error(`relay published ${publishedCount} of ${total} events`);
    await until(() => consumedCount >= total, 300_000, 'the worker to drain the backlog');
    const drainSeconds = (performance.now() - t0) / 1000;

    // (b) lag at a steady rate: single-event appends from several writers, paced by timers.
    recording = true;
    const appendReturnedAt = new Map<string, number>();
    const appendLatencies: number[] = [];
    const interval = (1000 * o.lagWriters) / o.lagRate;
    const start = performance.now() + 50;
    const end = start + o.lagSeconds * 1000;
    await Promise.all(
      Array.from({ length: o.lagWriters }, async (_, w) => {
        const streamId = `case-${randomUUID()}`;
        let version = 0;
        // Writers are staggered so the appends spread evenly over each interval.
        for (let next = start + (w * interval) / o.lagWriters; next < end; next += interval) {
          const wait = next - performance.now();
          if (wait > 0) await sleep(wait);
          const id = randomUUID();
          const a0 = performance.now();
          const result = await appendStore.append(streamId, version === 0 ? 'no-stream' : version, [
            { id, type: 'BenchEvent', data: { seq: version + 1 } },
          ]);
          appendReturnedAt.set(id, Date.now());
          appendLatencies.push(performance.now() - a0);
          version = result.nextExpectedVersion;
        }
      }),
    );
    const appendSeconds = (performance.now() - start) / 1000;
    const lagEvents = appendReturnedAt.size;
    await until(
      () => consumed.length >= lagEvents,
      60_000,
      `the worker to process the ${lagEvents} paced events`,
    );
    recording = false;

    const lag: number[] = [];
    const e2e: number[] = [];
    const published: number[] = [];
    for (const c of consumed) {
      const appended = appendReturnedAt.get(c.eventId);
      if (appended === undefined) continue;
      lag.push(c.jobTimestamp - appended);
      e2e.push(c.processedAt - appended);
      const p = publishedAt.get(c.eventId);
      if (p !== undefined) published.push(p - appended);
    }
    if (lag.length !== lagEvents)
      throw new Error(`consumed ${lag.length} of the ${lagEvents} paced events`);

    return {
      throughputEvents: total,
      throughputSeconds,
      throughputEventsPerSecond: total / throughputSeconds,
      consumerDrainEventsPerSecond: total / drainSeconds,
      lagEvents,
      appendRate: lagEvents / appendSeconds,
      appendP99Ms: percentile(appendLatencies, 99),
      lagP50Ms: median(lag),
      lagP99Ms: percentile(lag, 99),
      lagMaxMs: max(lag),
      publishedP50Ms: median(published),
      publishedP99Ms: percentile(published, 99),
      publishedMaxMs: max(published),
      e2eP50Ms: median(e2e),
      e2eP99Ms: percentile(e2e, 99),
      e2eMaxMs: max(e2e),
    };
  } finally {
    await withTimeout(relay.stop(), 10_000, 'relay.stop()').catch(reportCleanupError('relay'));
    // Worker before queue (BullMQ's advice); close() waits for active jobs, so it is bounded.
    await withTimeout(worker.close(), 10_000, 'worker.close()').catch(reportCleanupError('worker'));
    await withTimeout(queue.obliterate({ force: true }), 30_000, 'queue.obliterate()').catch(
      reportCleanupError('queue obliterate'),
    );
    await queue.close().catch(reportCleanupError('queue'));
    await Promise.all([producer.quit(), workerConnection.quit()]).catch(
      reportCleanupError('redis connections'),
    );
    await Promise.all([appendPool.end(), relayPool.end()]).catch(reportCleanupError('pools'));
    await o.admin.dropDatabase(o.database).catch(reportCleanupError('relay database'));
  }
}
