import { type Processor, Worker, type WorkerOptions } from 'bullmq';
import { type Redis } from 'ioredis';
import { createRedisConnection } from '@yishi/messaging';
import { type Logger, type Metrics } from '@yishi/observability';
import { type Runtime } from '@yishi/platform';
import { closeWorker } from './bounded-close';

/** A BullMQ worker on its own connection, with failures counted and logged. */
export interface QueueWorker {
  readonly worker: Worker;
  /** Closes the worker (bounded: active jobs get `ms`), then its connection. */
  close(ms: number): Promise<void>;
}

export function startQueueWorker(
  deps: { runtime: Runtime; logger: Logger; metrics: Metrics },
  queue: string,
  processor: Processor,
  options: Pick<WorkerOptions, 'concurrency' | 'settings'>,
): QueueWorker {
  const connection: Redis = createRedisConnection(
    deps.runtime.redisUrl,
    'worker',
    `yishi-${queue}`,
    deps.logger,
  );
  const worker = new Worker(queue, processor, {
    connection,
    prefix: deps.runtime.config.queuePrefix,
    lockDuration: deps.runtime.config.jobLockMs,
    stalledInterval: deps.runtime.config.jobLockMs,
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
