import { randomUUID } from 'node:crypto';
import { QUEUES } from '@yishi/messaging';
import { createLogger, Metrics } from '@yishi/observability';
import {
  createTestDatabase,
  testQueuePrefix,
  testRedisUrl,
  type TestDatabase,
} from '../../../../test/support/database';
import { until } from '../../../../test/support/wait';
import { type Runtime } from '../runtime';
import { DeadlineTimers } from './deadline-timers';
import { QueueRegistry } from './queue-registry';

/** A row of the made-up read model: open rows want one timer a day from now, others none. */
interface Row {
  readonly id: string;
  readonly open: boolean;
}

const OPEN = 1001; // two full pages of 500 and one more row
const DAY_MS = 86_400_000;

describe('DeadlineTimers: schedule, reconcile across pages, the reconciler scheduler (real Postgres and Redis)', () => {
  let db: TestDatabase;
  let queues: QueueRegistry;
  let timers: DeadlineTimers<Row, 'whistle-timer'>;
  const rows = new Map<string, Row>();
  const reconcileEveryMs = 500;

  beforeAll(async () => {
    db = await createTestDatabase();
    const logger = createLogger({ level: 'silent', service: 'deadline-timers-test' });
    const runtime = {
      redisUrl: testRedisUrl(),
      config: { queuePrefix: testQueuePrefix('deadline-timers') },
      logger,
    } as unknown as Runtime;
    queues = new QueueRegistry(runtime, new Metrics());
    await db.pool.query(`CREATE TABLE timer_rows (row_id uuid PRIMARY KEY, status text NOT NULL)`);
    for (let i = 0; i < OPEN + 3; i++) {
      const row = { id: randomUUID(), open: i < OPEN };
      rows.set(row.id, row);
    }
    // One row of the view has no stream: loaded as null, it wants nothing.
    await db.pool.query(
      `INSERT INTO timer_rows (row_id, status)
       SELECT unnest($1::uuid[]), unnest($2::text[])
       UNION ALL SELECT gen_random_uuid(), 'open'`,
      [[...rows.keys()], [...rows.values()].map((r) => (r.open ? 'open' : 'closed'))],
    );
    timers = new DeadlineTimers<Row, 'whistle-timer'>(
      {
        noun: 'row',
        timerJob: 'whistle-timer',
        schedulerId: 'reconcile-whistles',
        reconcileJob: 'reconcile-whistles',
        openRows: { view: 'timer_rows', idColumn: 'row_id', statuses: ['open', 'pending'] },
        load: (id) => Promise.resolve(rows.get(id) ?? null),
        timers: (row) =>
          row.open
            ? [
                {
                  jobId: `row-timer_${row.id}`,
                  data: {
                    whistleId: row.id,
                    departmentId: row.id,
                    kind: 'accept-overdue',
                    dueAt: new Date(Date.now() + DAY_MS).toISOString(),
                  },
                  at: new Date(Date.now() + DAY_MS).toISOString(),
                },
              ]
            : [],
      },
      { pool: db.pool, logger, queues, reconcileEveryMs },
    );
  });

  afterAll(async () => {
    timers?.onModuleDestroy();
    await queues?.get(QUEUES.whistleDeadlines).obliterate({ force: true });
    await queues?.onApplicationShutdown();
    await db?.drop();
  });

  it('adds each open row’s timer once, as a delayed job under its id, through every page', async () => {
    const first = [...rows.values()].find((r) => r.open)!;
    expect(await timers.scheduleById(first.id)).toBe(1);
    expect(await timers.scheduleById(first.id)).toBe(0);

    expect(await timers.reconcile()).toBe(OPEN - 1);
    expect(await timers.reconcile()).toBe(0);

    const queue = queues.get(QUEUES.whistleDeadlines);
    expect(await queue.getDelayedCount()).toBe(OPEN);
    const job = await queue.getJob(`row-timer_${first.id}`);
    expect(job?.name).toBe('whistle-timer');
    expect(job?.data).toMatchObject({ whistleId: first.id, kind: 'accept-overdue' });
    expect(job?.opts.delay).toBeGreaterThan(DAY_MS - 60_000);
  });

  it('puts the reconciler’s job scheduler in Redis at start, and back when it is gone', async () => {
    const queue = queues.get(QUEUES.whistleDeadlines);
    timers.onApplicationBootstrap();
    const scheduler = async () => queue.getJobScheduler('reconcile-whistles');
    await until(async () => (await scheduler()) !== undefined, 5_000);
    expect(await scheduler()).toMatchObject({
      every: reconcileEveryMs,
      name: 'reconcile-whistles',
    });

    // An emptied Redis loses it: the watchdog puts it back within a period.
    await queue.removeJobScheduler('reconcile-whistles');
    expect(await scheduler()).toBeUndefined();
    await until(async () => (await scheduler()) !== undefined, 5_000);
  });
});
