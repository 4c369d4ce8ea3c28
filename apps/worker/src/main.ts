import 'reflect-metadata';
import { CoreModule, runProcess } from '@yishi/platform';
import { WorkerModule } from './worker.module';

/** The worker alone (scale-out): relay, processors, projections; HTTP only for /health and /metrics. */
class WorkerRootModule {}

void runProcess({
  role: 'worker',
  module: (runtime) => ({
    module: WorkerRootModule,
    imports: [CoreModule.forRuntime(runtime), WorkerModule],
  }),
  port: (config) => config.workerPort,
  openApi: false,
});
