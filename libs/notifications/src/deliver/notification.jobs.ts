import { Inject, Injectable } from '@nestjs/common';
import { type Job } from 'bullmq';
import { type Pool } from 'pg';
import { OnJob, QUEUES } from '@yishi/messaging';
import { PG_POOL, RUNTIME, type Runtime } from '@yishi/platform';
import { createNotificationProcessor } from '../processor';
import { createSmsChannel } from '../sms/factory';

/** A webhook receiver gets this long to answer one POST. */
const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * The jobs of the three notification queues (the grids' group-chat robots on the webhooks' queue). Thin: one library processor
 * (`createNotificationProcessor`) parses each job and calls the delivery functions.
 */
@Injectable()
export class NotificationJobs {
  private readonly process: (job: Job) => Promise<unknown>;

  constructor(@Inject(RUNTIME) runtime: Runtime, @Inject(PG_POOL) pool: Pool) {
    this.process = createNotificationProcessor({
      db: pool,
      sms: createSmsChannel(runtime.config),
      webhookTimeoutMs: WEBHOOK_TIMEOUT_MS,
    });
  }

  @OnJob({ name: 'fan-out', queue: QUEUES.notifications })
  fanOut(job: Job): Promise<unknown> {
    return this.process(job);
  }

  @OnJob({ name: 'party', queue: QUEUES.notifications })
  party(job: Job): Promise<unknown> {
    return this.process(job);
  }

  @OnJob({ name: 'inbox', queue: QUEUES.notifications })
  inbox(job: Job): Promise<unknown> {
    return this.process(job);
  }

  @OnJob({ name: 'inbox-all', queue: QUEUES.notifications })
  inboxAll(job: Job): Promise<unknown> {
    return this.process(job);
  }

  @OnJob({ name: 'webhook', queue: QUEUES.notificationWebhooks })
  webhook(job: Job): Promise<unknown> {
    return this.process(job);
  }

  @OnJob({ name: 'grid-robot', queue: QUEUES.notificationWebhooks })
  gridRobot(job: Job): Promise<unknown> {
    return this.process(job);
  }

  @OnJob({ name: 'sms', queue: QUEUES.notificationSms })
  sms(job: Job): Promise<unknown> {
    return this.process(job);
  }

  @OnJob({ name: 'sms-users', queue: QUEUES.notificationSms })
  smsUsers(job: Job): Promise<unknown> {
    return this.process(job);
  }
}
