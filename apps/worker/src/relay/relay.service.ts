import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { EVENT_ROUTES, QUEUES, UNROUTED_EVENT_TYPES } from '@yishi/messaging';
import { EventRelay } from '@yishi/relay';
import { AppendSignal, RUNTIME, type Runtime } from '@yishi/platform';
import { QueueRegistry } from '@yishi/platform';

/** Runs the relay in this worker: leader if it gets the lock, standby otherwise. */
@Injectable()
export class RelayService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly relay: EventRelay;

  constructor(
    @Inject(RUNTIME) runtime: Runtime,
    queues: QueueRegistry,
    private readonly appends: AppendSignal,
  ) {
    const { config, metrics, logger } = runtime;
    this.relay = new EventRelay({
      databaseUrl: runtime.databaseUrl,
      store: runtime.store,
      routes: EVENT_ROUTES,
      skipTypes: [...UNROUTED_EVENT_TYPES],
      queues: queues.all(),
      batchSize: config.relayBatchSize,
      pollMs: config.relayPollMs,
      metrics,
      log: logger,
      onLeadership: (leader) => metrics.relayLeader.set(leader ? 1 : 0),
      // A Redis emptied under the platform loses the reactions' jobs (a stage-entered
      // notification): publish again from where every reaction had run (libs/relay).
      redisLoss: {
        redis: queues.redis,
        markerKey: `${config.queuePrefix}:relay:redis-marker`,
        pendingIn: [
          QUEUES.domainEvents,
          QUEUES.notifications,
          QUEUES.notificationWebhooks,
          QUEUES.notificationSms,
        ].map((name) => queues.get(name)),
      },
    });
  }

  get isLeader(): boolean {
    return this.relay.isLeader;
  }

  onApplicationBootstrap(): void {
    // Appends in other processes (the API's) wake the relay; while it leads, this process's own
    // appends wake it in-process.
    this.appends.listen(
      () => this.relay.wake(),
      () => this.relay.isLeader,
    );
    this.relay.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.relay.stop();
  }
}
