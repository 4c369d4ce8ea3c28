import { Redis, type RedisOptions } from 'ioredis';
import { type DefaultJobOptions } from 'bullmq';
import { defaultLogger, throttledWarning, type WarningSink } from '@yishi/observability';

/**
 * `worker`: blocking connections for Worker and QueueEvents; they must retry for ever, or a Redis
 * blip kills the worker. `producer`: fails fast while Redis is down (the relay keeps its checkpoint
 * and retries; nothing is lost because Postgres holds the events).
 */
export function createRedisConnection(
  url: string,
  role: 'worker' | 'producer',
  name: string,
  log: WarningSink = defaultLogger(),
): Redis {
  const options: RedisOptions =
    role === 'worker'
      ? { maxRetriesPerRequest: null, enableReadyCheck: true, connectionName: name }
      : { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectionName: name };
  const redis = new Redis(url, {
    ...options,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
  // ioredis reconnects by itself; without a listener an 'error' event would crash the process. Each
  // reconnect attempt errs again while Redis is down: a line per 30 s at most.
  redis.on('error', throttledWarning(log, 'Redis: connection error', { connection: name }));
  return redis;
}

/** Bounded retention (memory), retries with backoff; handlers are idempotent (at-least-once). */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 24 * 3600, count: 100_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
};
