import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Queue, Worker } from 'bullmq';
import { type Redis } from 'ioredis';
import { Client } from 'pg';
import { EventStore, loadCheckpoint, readCheckpoint } from '@yishi/event-store';
import {
  createRedisConnection,
  DEFAULT_JOB_OPTIONS,
  type EventGroupJobData,
  type EventJobData,
} from '@yishi/messaging';
import {
  createTestDatabase,
  testQueuePrefix,
  testRedisUrl,
  type TestDatabase,
} from '../../../test/support/database';
import { until } from '../../../test/support/wait';
import { EventRelay, type RelayOptions } from './relay';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const ROOT = path.resolve(__dirname, '../../..');

describe('EventRelay (real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let store: EventStore;
  let prefix: string;
  const queueName = 'relay-test';
  let queue: Queue;
  let worker: Worker<EventJobData | EventGroupJobData>;
  let producer: Redis;
  let consumer: Redis;
  const delivered: string[] = [];
  const jobs: { id: string; name: string; events: string[] }[] = [];
  const relays: EventRelay[] = [];

  const newRelay = (options: Partial<RelayOptions> = {}): EventRelay => {
    const relay = new EventRelay({
      databaseUrl: db.url,
      store,
      routes: [{ queue: queueName, accepts: () => true }],
      queues: new Map([[queueName, queue]]),
      batchSize: 100,
      pollMs: 10,
      standbyRetryMs: 100,
      log: silent,
      ...options,
    });
    relays.push(relay);
    return relay;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new EventStore(db.pool);
    prefix = testQueuePrefix('relay');
    producer = createRedisConnection(testRedisUrl(), 'producer', 'test-producer');
    consumer = createRedisConnection(testRedisUrl(), 'worker', 'test-worker');
    queue = new Queue(queueName, {
      connection: producer,
      prefix,
      defaultJobOptions: DEFAULT_JOB_OPTIONS,
    });
    worker = new Worker<EventJobData | EventGroupJobData>(
      queueName,
      async (job) => {
        const events = 'events' in job.data ? job.data.events : [job.data];
        delivered.push(...events.map((e) => e.eventId));
        jobs.push({ id: job.id!, name: job.name, events: events.map((e) => e.eventId) });
        return Promise.resolve();
      },
      {
        // Its own connection, kept so afterAll can close it: BullMQ leaves a given connection open,
        // and one left connected kept Jest alive after the whole suite (the reason for forceExit).
        connection: consumer,
        prefix,
        concurrency: 20,
      },
    );
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
  });

  afterAll(async () => {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
    // BullMQ does not close connections it was given.
    producer.disconnect();
    consumer.disconnect();
    await db.drop();
  });

  async function appendMany(streams: number, perStream: number): Promise<string[]> {
    const ids: string[] = [];
    await Promise.all(
      Array.from({ length: streams }, async () => {
        const streamId = `case-${randomUUID()}`;
        for (let i = 0; i < perStream; i++) {
          const id = randomUUID();
          ids.push(id);
          await store.append(streamId, i === 0 ? 'no-stream' : i, [
            { id, type: 'Tested', data: { i } },
          ]);
        }
      }),
    );
    return ids;
  }

  it('delivers every committed event exactly once, even when an earlier position commits last', async () => {
    delivered.length = 0;
    const relay = newRelay();
    relay.start();
    await until(() => relay.isLeader, 5_000, 'leadership');

    const slow = new Client({ connectionString: db.url });
    await slow.connect();
    const slowId = randomUUID();
    await slow.query('BEGIN');
    await slow.query(`SELECT * FROM append_events($1, 0, $2::jsonb)`, [
      `case-${randomUUID()}`,
      JSON.stringify([
        {
          id: slowId,
          type: 'Slow',
          schemaVersion: 1,
          data: {},
          metadata: {
            actorId: null,
            correlationId: 'c',
            causationId: null,
            occurredAt: new Date().toISOString(),
          },
        },
      ]),
    ]);
    const fast = await appendMany(5, 4);
    // The open transaction holds an earlier position: nothing after it may be handed over yet.
    await new Promise((r) => setTimeout(r, 300));
    expect(delivered).toEqual([]);
    await slow.query('COMMIT');
    await slow.end();

    await until(() => delivered.length >= 21, 10_000, 'all deliveries');
    await new Promise((r) => setTimeout(r, 200));
    expect([...delivered].sort()).toEqual([slowId, ...fast].sort());
    expect(new Set(delivered).size).toBe(delivered.length);
  });

  it('reads the types it skips as positions only: never delivered, and the checkpoint moves past them', async () => {
    delivered.length = 0;
    const relay = newRelay({
      routes: [{ queue: queueName, accepts: (type) => type !== 'Skipped' }],
      skipTypes: ['Skipped'],
    });
    relay.start();
    await until(() => relay.isLeader, 5_000, 'leadership');
    const kept = randomUUID();
    const appended = await store.append(`ballot-${randomUUID()}`, 'no-stream', [
      { type: 'Skipped', data: {} },
      { id: kept, type: 'Tested', data: {} },
      { type: 'Skipped', data: {} },
    ]);
    await until(
      async () => (await loadCheckpoint(db.pool, 'relay')).position >= appended.lastPosition,
      10_000,
      'the checkpoint past the last skipped event',
    );
    await until(() => delivered.includes(kept), 10_000, 'the routed event');
    await new Promise((r) => setTimeout(r, 200));
    expect(delivered).toEqual([kept]);
  });

  it('hands the events one transaction appended to one stream over as one job, in order', async () => {
    delivered.length = 0;
    jobs.length = 0;
    const relay = newRelay({
      routes: [{ queue: queueName, accepts: (type) => type !== 'Skipped' }],
      skipTypes: ['Skipped'],
    });
    relay.start();
    await until(() => relay.isLeader, 5_000, 'leadership');
    const [a, b, c, alone] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await store.append(`case-${randomUUID()}`, 'no-stream', [
      { id: a, type: 'Tested', data: {} },
      { type: 'Skipped', data: {} },
      { id: b, type: 'Tested', data: {} },
      { id: c, type: 'Tested', data: {} },
    ]);
    await store.append(`case-${randomUUID()}`, 'no-stream', [
      { id: alone, type: 'Tested', data: {} },
    ]);
    await until(() => delivered.length >= 4, 10_000, 'deliveries');
    await new Promise((r) => setTimeout(r, 200));
    expect(jobs).toHaveLength(2);
    expect(jobs).toEqual(
      expect.arrayContaining([
        { id: `${a}_${c}`, name: 'events', events: [a, b, c] },
        { id: alone, name: 'event', events: [alone] },
      ]),
    );
  });

  it('refuses a route that accepts a type it skips', () => {
    expect(() => newRelay({ skipTypes: ['Tested'] })).toThrow(
      'route relay-test accepts Tested, which the relay skips',
    );
  });

  it('keeps one leader; the standby takes over when the leader stops', async () => {
    delivered.length = 0;
    const a = newRelay();
    const b = newRelay();
    a.start();
    await until(() => a.isLeader, 5_000, 'a leads');
    b.start();
    await new Promise((r) => setTimeout(r, 400));
    expect(b.isLeader).toBe(false);

    await a.stop();
    await until(() => b.isLeader, 5_000, 'b takes over');
    const ids = await appendMany(2, 3);
    await until(() => delivered.length >= ids.length, 10_000, 'deliveries after failover');
    expect([...delivered].sort()).toEqual([...ids].sort());
  });

  it('publishes again what a Redis emptied under it lost, from where every job had run', async () => {
    delivered.length = 0;
    const markerKey = `${prefix}:relay:redis-marker`;
    const relay = newRelay({
      redisLoss: { redis: producer, markerKey, pendingIn: [queue], checkEveryMs: 50 },
    });
    relay.start();
    await until(() => relay.isLeader, 5_000, 'leadership');
    const done = await appendMany(2, 2);
    await until(() => delivered.length >= done.length, 30_000, 'the first deliveries');
    // Nothing pending: the settled point moves up to the relay's checkpoint.
    await until(
      async () => {
        const [settled, at] = await Promise.all([
          readCheckpoint(db.pool, 'relay:settled'),
          loadCheckpoint(db.pool, 'relay'),
        ]);
        return settled?.position === at.position && settled?.transactionId === at.transactionId;
      },
      30_000,
      'the settled point',
    );

    // Published, not run yet, when Redis loses everything (a restart without persistence).
    await worker.pause();
    const lost = await appendMany(2, 2);
    await until(
      async () => ((await queue.getJobCounts('waiting')).waiting ?? 0) >= lost.length,
      30_000,
      'the jobs in Redis',
    );
    // All at once, as a restart without persistence loses them. Deleted a scan page at a time,
    // the queues can go before the marker, and the relay, finding them empty with the marker still
    // there, rightly settled past the events the next page then lost.
    const keys: string[] = [];
    for (let cursor = '0'; ;) {
      const [next, page] = await producer.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      keys.push(...page);
      if ((cursor = next) === '0') break;
    }
    await producer.del(...keys);
    void worker.resume();

    await until(() => lost.every((id) => delivered.includes(id)), 30_000, 'the lost events again');
    await new Promise((r) => setTimeout(r, 300));
    // The events settled before the loss are not handed over again.
    expect([...delivered].sort()).toEqual([...done, ...lost].sort());
    expect(await producer.exists(markerKey)).toBe(1);
  });

  it('loses and duplicates nothing when killed with SIGKILL mid-batch and restarted', async () => {
    delivered.length = 0;
    const before = await loadCheckpoint(db.pool, 'relay');
    const first = await appendMany(10, 20); // 200 events, batches of 50

    const env = {
      ...process.env,
      DATABASE_URL: db.url,
      REDIS_URL: testRedisUrl(),
      QUEUE_NAME: queueName,
      QUEUE_PREFIX: prefix,
      BATCH_SIZE: '50',
    };
    const startRelay = (pauseMs: number): { child: ChildProcess; output: string[] } => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/relay-process.ts'], {
        cwd: ROOT,
        env: { ...env, PAUSE_MS: String(pauseMs) },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const output: string[] = [];
      child.stdout.on('data', (chunk: Buffer) =>
        output.push(...chunk.toString().split('\n').filter(Boolean)),
      );
      return { child, output };
    };
    const exited = (child: ChildProcess): Promise<void> =>
      new Promise((resolve) =>
        child.exitCode !== null || child.signalCode !== null
          ? resolve()
          : child.once('exit', () => resolve()),
      );

    // Kill it after its second batch is in Redis but before that batch's checkpoint is saved.
    const one = startRelay(60_000);
    const killed = (async () => {
      await until(
        () => one.output.filter((l) => l.startsWith('published')).length >= 1,
        20_000,
        'first batch',
      );
      one.child.kill('SIGKILL');
      await exited(one.child);
    })();
    await killed;
    const afterKill = await loadCheckpoint(db.pool, 'relay');
    expect(afterKill).toEqual(before); // the batch in Redis was never checkpointed

    // Restart; more events arrive meanwhile.
    const two = startRelay(0);
    const second = await appendMany(10, 10);
    const all = [...first, ...second];
    let holders = '';
    const watch = setInterval(() => {
      void db.pool
        .query<{ row: string }>(
          `SELECT concat_ws(' | ', datname, pid, state, backend_xid::text, backend_xmin::text, now() - xact_start, left(query, 80)) AS row
             FROM pg_stat_activity WHERE backend_xid IS NOT NULL OR backend_xmin IS NOT NULL`,
        )
        .then((r) => (holders = r.rows.map((x) => x.row).join('\n')))
        .catch(() => undefined);
    }, 1000);
    await until(
      () => delivered.length >= all.length,
      30_000,
      () =>
        `every event after restart (delivered ${delivered.length}/${all.length}; relay said ${two.output.join(',')}; transactions: ${holders})`,
    ).finally(() => clearInterval(watch));
    await new Promise((r) => setTimeout(r, 300));
    two.child.kill('SIGTERM');
    await exited(two.child);

    expect(delivered.length).toBe(all.length);
    expect([...delivered].sort()).toEqual([...all].sort());
    const counts = await queue.getJobCounts('completed', 'waiting', 'active', 'delayed', 'failed');
    expect(counts.failed).toBe(0);
  });
});
