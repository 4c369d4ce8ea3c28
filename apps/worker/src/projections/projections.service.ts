import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ProjectionRunner } from '@yishi/projections';
import { PROJECTIONS } from './registry';
import { AppendSignal, RUNTIME, type Runtime } from '@yishi/platform';

/** One runner per read model; each is leader in at most one worker (advisory lock per projection). */
@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, OnModuleDestroy {
  readonly runners: readonly ProjectionRunner[];

  constructor(
    @Inject(RUNTIME) runtime: Runtime,
    private readonly appends: AppendSignal,
  ) {
    this.runners = PROJECTIONS.map(
      (projection) =>
        new ProjectionRunner({
          projection,
          databaseUrl: runtime.databaseUrl,
          store: runtime.store,
          batchSize: 1_000,
          pollMs: runtime.config.relayPollMs,
          catchUpPauseMs: runtime.config.projectionPauseMs,
          metrics: runtime.metrics,
          log: runtime.logger,
        }),
    );
  }

  onApplicationBootstrap(): void {
    // The API's appends wake the runners at once: a client reading its own write waits less.
    this.appends.listen(
      () => {
        for (const runner of this.runners) runner.wake();
      },
      () => this.runners.every((runner) => runner.isLeader),
    );
    for (const runner of this.runners) runner.start();
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.stop()));
  }
}
