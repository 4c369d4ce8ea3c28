import { type NextFunction, type Request, type Response } from 'express';
import { correlationIdFrom, runWithContext, type Logger } from '@yishi/observability';

/**
 * Gives every request a correlation id (from X-Correlation-Id / X-Request-Id, else new), echoes it,
 * and runs the rest of the request inside it so logs and appended events carry it to the jobs.
 */
export function requestContext(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const correlationId = correlationIdFrom(
      req.headers['x-correlation-id'] ?? req.headers['x-request-id'],
    );
    res.setHeader('X-Correlation-Id', correlationId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (req.path === '/health' || req.path === '/metrics') return;
      logger.info(
        {
          correlationId,
          method: req.method,
          path: req.path,
          status: res.statusCode,
          ms: Math.round(ms * 10) / 10,
        },
        'request',
      );
    });
    runWithContext({ correlationId }, next);
  };
}
