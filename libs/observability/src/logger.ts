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
