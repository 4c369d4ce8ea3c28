import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { type Redis } from 'ioredis';
import {
  createRedisConnection,
  DEFAULT_JOB_OPTIONS,
  QUEUES,
  type QueueName,
} from '@yishi/messaging';
import { throttledWarning, type Metrics } from '@yishi/observability';
import { type Runtime } from '../runtime';
import { METRICS, RUNTIME } from '../tokens';

const STATES = [
  'waiting',
  'active',
  'delayed',
  'failed',
  'completed',
  'prioritized',
  'waiting-children',
] as const;

/**
 * Producer side of every queue, on one fail-fast connection. Closed last (onApplicationShutdown),
 * after the workers that use them (onModuleDestroy).
 */
@Injectable()
export class QueueRegistry implements OnApplicationShutdown {
  private readonly connection: Redis;
  private readonly queues = new Map<string, Queue>();
  private readonly removeCollector: () => void;

  constructor(@Inject(RUNTIME) runtime: Runtime, @Inject(METRICS) metrics: Metrics) {
    this.connection = createRedisConnection(
      runtime.redisUrl,
      'producer',
      'yishi-producer',
      runtime.logger,
    );
    for (const name of Object.values(QUEUES)) {
      const queue = new Queue(name, {
        connection: this.connection,
        prefix: runtime.config.queuePrefix,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      });
      // Redis being down is also reported by /health and handled by the relay's retries; without
      // a listener BullMQ would print every reconnect failure, so a line per 30 s at most.
      queue.on('error', throttledWarning(runtime.logger, 'queue error', { queue: name }));
      this.queues.set(name, queue);
    }
    this.removeCollector = metrics.addCollector(async () => {
      for (const [name, queue] of this.queues) {
        const counts = await queue.getJobCounts(...STATES);
        for (const state of STATES)
          metrics.queueDepth.set({ queue: name, state }, counts[state] ?? 0);
      }
    });
  }

  /** The producers' connection to Redis, for the few plain commands beside the queues'. */
  get redis(): Redis {
    return this.connection;
  }

  get(name: QueueName): Queue {
    return this.queues.get(name)!;
  }

  all(): ReadonlyMap<string, Queue> {
    return this.queues;
  }

  async onApplicationShutdown(): Promise<void> {
    this.removeCollector();
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
    this.connection.disconnect();
  }
}
