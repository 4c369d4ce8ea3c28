import 'reflect-metadata';
import { runProcess } from '@yishi/platform';
import { PlatformModule } from './platform.module';

/** `npm start`: API and worker in one process; `start:api` and `start:worker` run them apart. */
void runProcess({
  role: 'platform',
  module: (runtime) => PlatformModule.forRuntime(runtime),
  port: (config) => config.port,
  openApi: true,
  webApp: true,
});
