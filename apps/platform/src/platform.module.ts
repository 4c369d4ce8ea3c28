import { type DynamicModule, Module } from '@nestjs/common';
import { type Runtime } from '@yishi/platform';
import { ApiModule } from '../../api/src/app.module';
import { WorkerModule } from '../../worker/src';

/**
 * `npm start`: the API and the worker in one process, one port. The only place that composes the
 * two apps; neither imports the other (the boundary rules in .dependency-cruiser.cjs say so).
 */
@Module({})
export class PlatformModule {
  static forRuntime(runtime: Runtime): DynamicModule {
    return { module: PlatformModule, imports: [ApiModule.forRuntime(runtime), WorkerModule] };
  }
}
