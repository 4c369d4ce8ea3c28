export {
  API_PREFIX,
  UNPREFIXED_PATHS,
  createHttpApp,
  runProcess,
  type HttpAppOptions,
  type ProcessOptions,
} from './bootstrap';
export { CoreModule } from './core.module';
export { HealthService, type HealthReport } from './health';
export { STATUS_BY_CODE, toErrorResponse, type ErrorBody } from './http/error-body';
export { prepareRuntime, type Runtime } from './runtime';
export * from './tokens';
export { serveWebApp, webBuildDirectory, WEB_BUILD_DIR } from './http/web-app';
