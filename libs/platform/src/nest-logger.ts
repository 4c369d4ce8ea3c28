import { type LoggerService } from '@nestjs/common';
import { type Logger } from '@yishi/observability';

/**
 * Nest's start-up chatter: a line per module, controller and route (about 150), useful only when
 * debugging the wiring.
 */
const START_UP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** Nest's own messages through the same JSON logger. */
export class NestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string): void {
    if (context !== undefined && START_UP_CONTEXTS.has(context))
      this.logger.debug({ context }, String(message));
    else this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    // A port that cannot be had: runProcess says so in one line for the operator.
    if (context === 'NestApplication' && /listen (EADDRINUSE|EACCES)/.test(String(message)))
      this.logger.debug({ context }, String(message));
    else this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
