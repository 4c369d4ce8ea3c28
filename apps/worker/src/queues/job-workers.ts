import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import {
  createQueueWorker,
  EventReactions,
  eventReactions,
  JobDiscovery,
  jobHandlers,
  WORKER_CONCURRENCY,
  type JobHandlers,
  type QueueWorker,
} from '@yishi/messaging';
import { channelWorkerSettings } from '@yishi/notifications';
import { type Logger, type Metrics } from '@yishi/observability';
import { LOGGER, METRICS, RUNTIME, type Runtime } from '@yishi/platform';

/**
 * The worker's jobs and reactions, as the providers declare them (`@OnJob`, `@OnEvent`). At init
 * they are checked (every job name of queues.ts has exactly one handler; start-up fails otherwise)
 * and the reactions registered; at bootstrap one BullMQ worker per queue starts, dispatching by
 * job name; at destroy they close, bounded.
 */
@Injectable()
export class JobWorkers implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private handlers: JobHandlers = new Map();
  private readonly workers: QueueWorker[] = [];

  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS) private readonly metrics: Metrics,
    private readonly discovery: JobDiscovery,
    private readonly reactions: EventReactions,
  ) {}

  onModuleInit(): void {
    this.handlers = jobHandlers(this.discovery.jobs());
    for (const [type, declared] of eventReactions(this.discovery.reactions()))
      for (const { react } of declared) this.reactions.on(type, react);
  }

  onApplicationBootstrap(): void {
    const deps = {
      redisUrl: this.runtime.redisUrl,
      prefix: this.runtime.config.queuePrefix,
      lockMs: this.runtime.config.jobLockMs,
      logger: this.logger,
      metrics: this.metrics,
    };
    // The custom backoff types' strategy (the notification channels' full jitter); jobs with a
    // built-in backoff never reach it.
    const settings = channelWorkerSettings();
    for (const [queue, byName] of this.handlers) {
      const processor = async (job: Job, token?: string): Promise<unknown> => {
        const declared = byName.get(job.name as never);
        // A name from another producer: fail loudly rather than complete having done nothing.
        if (declared === undefined)
          throw new UnrecoverableError(`unknown job ${job.name} on ${queue}`);
        return declared.handle(job, token);
      };
      this.workers.push(
        createQueueWorker(deps, queue, processor, {
          concurrency: WORKER_CONCURRENCY[queue],
          settings,
        }),
      );
    }
  }

  async onModuleDestroy(): Promise<void> {
    const ms = this.runtime.config.shutdownTimeoutMs / 2;
    await Promise.all(this.workers.map((w) => w.close(ms)));
  }
}
