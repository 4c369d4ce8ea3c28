import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { type Request, type Response } from 'express';
import { RateLimitedError } from '@yishi/domain';
import { type Logger } from '@yishi/observability';
import { toErrorResponse } from './error-body';

/** Every error leaves as `{ error: { code, message, details } }`; never a stack trace or SQL. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
    const { status, body, unexpected } = toErrorResponse(exception);
    if (unexpected)
      this.logger.error(
        { err: exception, method: req.method, url: req.originalUrl },
        'unhandled error',
      );
    else if (status >= 500)
      this.logger.warn(
        { code: body.error.code, method: req.method, url: req.originalUrl },
        body.error.message,
      );
    if (res.headersSent) return;
    if (exception instanceof RateLimitedError)
      res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    res.status(status).type('application/json; charset=utf-8').send(JSON.stringify(body));
  }
}
