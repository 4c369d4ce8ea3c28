export {
  correlationIdFrom,
  currentContext,
  runWithContext,
  type RequestContext,
} from './correlation';
export { createLogger, type Logger } from './logger';
export { Metrics } from './metrics';
