import 'reflect-metadata';
import { runProcess } from '@yishi/platform';
import { ApiModule } from './app.module';

/** `npm start`: API and worker in one process (--with-worker); `npm run start:api`: the API alone. */
const withWorker = process.argv.includes('--with-worker');

void runProcess({
  role: withWorker ? 'platform' : 'api',
  module: (runtime) => ApiModule.forRuntime(runtime, { withWorker }),
  port: (config) => config.port,
  openApi: true,
  webApp: true,
});
