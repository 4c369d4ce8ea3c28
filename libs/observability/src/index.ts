export {
  correlationIdFrom,
  currentContext,
  runWithContext,
  type RequestContext,
} from './correlation';
export { createLogger, defaultLogger, type Logger } from './logger';
export { Metrics } from './metrics';
export { throttledWarning, type WarningSink } from './throttled-warning';
