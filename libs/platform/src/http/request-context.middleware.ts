import { type IncomingMessage, type ServerResponse } from 'node:http';
import { correlationIdFrom, runWithContext, type Logger } from '@yishi/observability';

/** The path of a request's URL, without its query. */
export function pathOf(url: string | undefined): string {
  const u = url ?? '/';
  const q = u.indexOf('?');
  return q === -1 ? u : u.slice(0, q);
}

/**
 * Gives every request a correlation id (from X-Correlation-Id / X-Request-Id, else new), echoes it,
 * and runs the rest of the request inside it so logs and appended events carry it to the jobs.
 * A middleware on the raw request, before routing and body parsing.
 */
export function requestContext(logger: Logger) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const correlationId = correlationIdFrom(
      req.headers['x-correlation-id'] ?? req.headers['x-request-id'],
    );
    res.setHeader('X-Correlation-Id', correlationId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const path = pathOf(req.url);
      if (path === '/health' || path === '/metrics') return;
      logger.info(
        {
          correlationId,
          method: req.method,
          path,
          status: res.statusCode,
          ms: Math.round(ms * 10) / 10,
        },
        'request',
      );
    });
    runWithContext({ correlationId }, next);
  };
}
