import { Inject, Injectable } from '@nestjs/common';
import { type Job } from 'bullmq';
import { type EventStore } from '@yishi/event-store';
import {
  EventReactions,
  OnJob,
  QUEUES,
  type EventGroupJobData,
  type EventJobData,
} from '@yishi/messaging';
import { runWithContext } from '@yishi/observability';
import { EVENT_STORE } from '@yishi/platform';

/**
 * Thin: parses the job, loads its events from Postgres (the truth), runs the declared reactions:
 * one event, or a group the relay made (one transaction, one stream), whose reactions share a scope.
 */
@Injectable()
export class DomainEventsProcessor {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly reactions: EventReactions,
  ) {}

  @OnJob({ name: 'event', queue: QUEUES.domainEvents })
  async onEvent(job: Job<EventJobData>): Promise<void> {
    await this.run([job.data]);
  }

  @OnJob({ name: 'events', queue: QUEUES.domainEvents })
  async onEvents(job: Job<EventGroupJobData>): Promise<void> {
    await this.run(job.data.events);
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
}
