import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { type Pool } from 'pg';
import { QUEUES, type QueueName } from '@yishi/messaging';
import {
  channelWorkerSettings,
  createNotificationProcessor,
  createSmsChannel,
} from '@yishi/notifications';
import { type Logger, type Metrics } from '@yishi/observability';
import { LOGGER, METRICS, PG_POOL, RUNTIME, type Runtime } from '@yishi/platform';
import { startQueueWorker, type QueueWorker } from '../queues/queue-worker';

/** A webhook receiver gets this long to answer one POST. */
const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * The workers of the three notification queues. Thin: one library processor
 * (`createNotificationProcessor`) does the parsing and calls the delivery functions.
 */
@Injectable()
export class NotificationsProcessor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly workers: QueueWorker[] = [];

  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS) private readonly metrics: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    const process = createNotificationProcessor({
      db: this.pool,
      sms: createSmsChannel(this.runtime.config),
      webhookTimeoutMs: WEBHOOK_TIMEOUT_MS,
    });
    // Concurrency: the inbox and summaries are short SQL; webhooks and SMS wait on the network.
    this.start(QUEUES.notifications, process, 20);
    this.start(QUEUES.notificationWebhooks, process, 20);
    this.start(QUEUES.notificationSms, process, 5);
  }

  private start(
    queue: QueueName,
    process: ReturnType<typeof createNotificationProcessor>,
    concurrency: number,
  ): void {
    this.workers.push(
      startQueueWorker(
        { runtime: this.runtime, logger: this.logger, metrics: this.metrics },
        queue,
        process,
        { concurrency, settings: channelWorkerSettings() },
      ),
    );
  }

  async onModuleDestroy(): Promise<void> {
    const ms = this.runtime.config.shutdownTimeoutMs / 2;
    await Promise.all(this.workers.map((w) => w.close(ms)));
  }
}
