import { type Redis } from 'ioredis';
import { type AppendListener } from '@yishi/event-store';
import { createRedisConnection } from '@yishi/messaging';
import { testQueuePrefix, testRedisUrl } from '../../../test/support/database';
import { until } from '../../../test/support/wait';
import { AppendSignal } from './append-signal';
import { type Runtime } from './runtime';

/** A process as the signal sees it: its queue prefix, its Redis and its store's append hook. */
class FakeProcess {
  private readonly listeners = new Set<AppendListener>();
  readonly signal: AppendSignal;
  wakes = 0;
  quiet = false;

  constructor(prefix: string) {
    const runtime = {
      config: { queuePrefix: prefix },
      redisUrl: testRedisUrl(),
      store: {
        onAppended: (listener: AppendListener) => {
          this.listeners.add(listener);
          return () => this.listeners.delete(listener);
        },
      },
    } as unknown as Runtime;
    this.signal = new AppendSignal(runtime);
    this.signal.listen(
      () => (this.wakes += 1),
      () => this.quiet,
    );
  }

  /** What the event store does after every append of this process. */
  appended(times = 1): void {
    for (let i = 0; i < times; i++)
      for (const l of this.listeners) l('case-x', { nextExpectedVersion: 1 } as never, 1);
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

describe('AppendSignal: appends in one process wake the subscriptions of another (real Redis)', () => {
  let api: FakeProcess;
  let worker: FakeProcess;
  let redis: Redis;
  const prefix = testQueuePrefix('append-signal');

  beforeAll(async () => {
    api = new FakeProcess(prefix);
    worker = new FakeProcess(prefix);
    redis = createRedisConnection(testRedisUrl(), 'producer', 'test-append-signal');
    // Both subscribed before anything is published (pub/sub keeps nothing for latecomers).
    await until(async () => {
      const reply = await redis.pubsub('NUMSUB', `${prefix}:appended`).catch(() => []);
      return Number(reply[1]) === 2;
    }, 5_000);
  });
  afterAll(async () => {
    await api.signal.onApplicationShutdown();
    await worker.signal.onApplicationShutdown();
    redis.disconnect();
  });

  it('an append in the API wakes the worker, and not the API itself', async () => {
    api.appended();
    await until(() => worker.wakes === 1, 5_000);
    await settle();
    expect({ api: api.wakes, worker: worker.wakes }).toEqual({ api: 0, worker: 1 });
  });

  it('a burst of appends is one or two signals, not one per append', async () => {
    const before = worker.wakes;
    api.appended(100);
    await until(() => worker.wakes > before, 5_000);
    await settle();
    expect(worker.wakes - before).toBeGreaterThanOrEqual(1);
    expect(worker.wakes - before).toBeLessThanOrEqual(2);
  });

  it('a process whose relay leads publishes nothing: its own relay is woken in-process', async () => {
    worker.quiet = true;
    worker.appended(5);
    await settle();
    expect(api.wakes).toBe(0);
    worker.quiet = false;
    worker.appended();
    await until(() => api.wakes === 1, 5_000);
  });

  it('publishes while any of its listeners does not lead (a projection led by another worker)', async () => {
    worker.quiet = true;
    let projectionWakes = 0;
    worker.signal.listen(
      () => (projectionWakes += 1),
      () => false,
    );
    worker.appended();
    await until(() => api.wakes === 2, 5_000);
    // Every listener of a process is woken by another's appends.
    const before = worker.wakes;
    api.appended();
    await until(() => worker.wakes > before && projectionWakes === 1, 5_000);
  });
});
