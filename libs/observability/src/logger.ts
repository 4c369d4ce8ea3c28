import pino, { type Logger } from 'pino';
import { currentContext } from './correlation';

export type { Logger } from 'pino';

/** JSON logs on stdout; every line carries the correlation id of the request or job it serves. */
export function createLogger(options: { level: string; service: string }): Logger {
  return pino({
    level: options.level,
    base: { service: options.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin() {
      const ctx = currentContext();
      return ctx === undefined ? {} : { correlationId: ctx.correlationId };
    },
    redact: {
      paths: ['password', '*.password', 'req.headers.authorization'],
      censor: '[redacted]',
    },
  });
}

let shared: Logger | undefined;

/**
 * For code that was handed no logger (a CLI's or a test's connection): warnings still reach stdout,
 * at LOG_LEVEL (default info).
 */
export function defaultLogger(): Logger {
  shared ??= createLogger({ level: process.env.LOG_LEVEL ?? 'info', service: 'yishi' });
  return shared;
}
