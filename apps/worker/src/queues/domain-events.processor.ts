import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { type Job, Worker } from 'bullmq';
import { type Redis } from 'ioredis';
import { type EventStore } from '@yishi/event-store';
import { createRedisConnection, QUEUES, type EventJobData, type JobItem } from '@yishi/messaging';
import { runWithContext, type Logger, type Metrics } from '@yishi/observability';
import { EVENT_STORE, LOGGER, METRICS, RUNTIME, type Runtime } from '@yishi/platform';
import { closeWorker } from './bounded-close';
import { EventReactions } from './event-reactions';

/** Thin: parses the job, loads the event from Postgres (the truth), runs the registered reactions. */
@Injectable()
export class DomainEventsProcessor implements OnApplicationBootstrap, OnModuleDestroy {
  private worker: Worker<EventJobData> | undefined;
  private connection: Redis | undefined;

  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS) private readonly metrics: Metrics,
    private readonly reactions: EventReactions,
  ) {}

  onApplicationBootstrap(): void {
    this.connection = createRedisConnection(this.runtime.redisUrl, 'worker', 'yishi-domain-events');
    this.worker = new Worker<EventJobData>(QUEUES.domainEvents, (job) => this.process(job), {
      connection: this.connection,
      prefix: this.runtime.config.queuePrefix,
      concurrency: 20,
    });
    this.worker.on('failed', (job, err) => {
      this.metrics.jobFailures.inc({ queue: QUEUES.domainEvents });
      this.logger.warn(
        { jobId: job?.id, correlationId: job?.data.correlationId, err },
        'domain event reaction failed',
      );
    });
    this.worker.on('error', (err) => this.logger.warn({ err }, 'domain-events worker error'));
  }

  async process(job: Job<EventJobData>): Promise<void> {
    const item = { name: job.name, data: job.data } as Extract<JobItem, { name: 'event' }>;
    switch (item.name) {
      case 'event': {
        const { data } = item;
        if (!this.reactions.handles(data.type)) return;
        await runWithContext(
          { correlationId: data.correlationId, causationId: data.eventId },
          async () => {
            const event = await this.store.readEvent(data.eventId);
            if (event === undefined) throw new Error(`event ${data.eventId} not found`);
            await this.reactions.dispatch(event);
          },
        );
        return;
      }
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (this.worker !== undefined)
      await closeWorker(this.worker, this.runtime.config.shutdownTimeoutMs / 2);
  }
}
