import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { type Job } from 'bullmq';
import { type EventStore } from '@yishi/event-store';
import { QUEUES, type EventGroupJobData, type EventJobData, type JobItem } from '@yishi/messaging';
import { runWithContext, type Logger, type Metrics } from '@yishi/observability';
import { EVENT_STORE, LOGGER, METRICS, RUNTIME, type Runtime } from '@yishi/platform';
import { EventReactions } from './event-reactions';
import { startQueueWorker, type QueueWorker } from './queue-worker';

/**
 * Thin: parses the job, loads its events from Postgres (the truth), runs the registered reactions:
 * one event, or a group the relay made (one transaction, one stream), whose reactions share a scope.
 */
@Injectable()
export class DomainEventsProcessor implements OnApplicationBootstrap, OnModuleDestroy {
  private worker: QueueWorker | undefined;

  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS) private readonly metrics: Metrics,
    private readonly reactions: EventReactions,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = startQueueWorker(
      { runtime: this.runtime, logger: this.logger, metrics: this.metrics },
      QUEUES.domainEvents,
      (job: Job<EventJobData | EventGroupJobData>) => this.process(job),
      { concurrency: 20 },
    );
  }

  async process(job: Job<EventJobData | EventGroupJobData>): Promise<void> {
    const item = { name: job.name, data: job.data } as Extract<
      JobItem,
      { name: 'event' | 'events' }
    >;
    switch (item.name) {
      case 'event':
        return this.run([item.data]);
      case 'events':
        return this.run(item.data.events);
    }
  }

  /** Each event's reactions in its own context (its causation), all of them in one scope. */
  private async run(jobEvents: readonly EventJobData[]): Promise<void> {
    const scope = this.reactions.scope();
    for (const data of jobEvents) {
      if (!this.reactions.handles(data.type)) continue;
      await runWithContext(
        { correlationId: data.correlationId, causationId: data.eventId },
        async () => {
          const event = await this.store.readEvent(data.eventId);
          if (event === undefined) throw new Error(`event ${data.eventId} not found`);
          await this.reactions.dispatch(event, scope);
        },
      );
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker?.close(this.runtime.config.shutdownTimeoutMs / 2);
  }
}
