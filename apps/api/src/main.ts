import 'reflect-metadata';
import { runProcess } from '@yishi/platform';
import { ApiModule } from './app.module';

/** `npm run start:api`: the API alone (the worker runs apart); `npm start` composes both (apps/platform). */
void runProcess({
  role: 'api',
  module: (runtime) => ApiModule.forRuntime(runtime),
  port: (config) => config.port,
  openApi: true,
  webApp: true,
});
