import { type Processor, Worker, type WorkerOptions } from 'bullmq';
import { type Redis } from 'ioredis';
import { type Logger, type Metrics } from '@yishi/observability';
import { createRedisConnection } from '../redis';

/** What every worker shares: its Redis, the queue prefix, the lock, where failures go. */
export interface QueueWorkerDeps {
  readonly redisUrl: string;
  readonly prefix: string;
  /** The job lock, and how often stalled jobs are looked for. */
  readonly lockMs: number;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

/** A BullMQ worker on its own connection, with failures counted and logged. */
export interface QueueWorker {
  readonly worker: Worker;
  /** Closes the worker (bounded: active jobs get `ms`), then its connection. */
  close(ms: number): Promise<void>;
}

/** The one place a BullMQ Worker is made. */
export function createQueueWorker(
  deps: QueueWorkerDeps,
  queue: string,
  processor: Processor,
  options: Pick<WorkerOptions, 'concurrency' | 'settings'>,
): QueueWorker {
  const connection: Redis = createRedisConnection(
    deps.redisUrl,
    'worker',
    `yishi-${queue}`,
    deps.logger,
  );
  const worker = new Worker(queue, processor, {
    connection,
    prefix: deps.prefix,
    lockDuration: deps.lockMs,
    stalledInterval: deps.lockMs,
    ...options,
  });
  worker.on('completed', () => deps.metrics.jobRuns.inc({ queue }));
  worker.on('failed', (job, err) => {
    deps.metrics.jobRuns.inc({ queue });
    deps.metrics.jobFailures.inc({ queue });
    deps.logger.warn({ queue, jobId: job?.id, job: job?.name, err }, 'job failed');
  });
  worker.on('error', (err) => deps.logger.warn({ queue, err }, 'worker error'));
  return {
    worker,
    async close(ms) {
      await closeWorker(worker, ms);
      connection.disconnect();
    },
  };
}

/** `worker.close()` waits for active jobs without limit; give them `ms`, then force. */
export async function closeWorker(worker: Worker, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  const result = await Promise.race([worker.close().then(() => 'closed' as const), timedOut]);
  clearTimeout(timer);
  if (result === 'timeout') await worker.close(true);
}
