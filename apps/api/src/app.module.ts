import { type DynamicModule, Module } from '@nestjs/common';
import { CoreModule, type Runtime } from '@yishi/platform';
import { WorkerModule } from '@yishi/worker';

/** The public HTTP API. Feature modules (registry, cases, voting) are imported here. */
@Module({})
export class ApiModule {
  static forRuntime(runtime: Runtime, options: { withWorker: boolean }): DynamicModule {
    return {
      module: ApiModule,
      imports: [CoreModule.forRuntime(runtime), ...(options.withWorker ? [WorkerModule] : [])],
    };
  }
}
