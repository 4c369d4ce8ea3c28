import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { RateLimitedError } from '@yishi/domain';
import { type Logger } from '@yishi/observability';
import { toErrorResponse } from './error-body';
import { ReplayedResponse } from './idempotency';

/** Every error leaves as `{ error: { code, message, details } }`; never a stack trace or SQL. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const req = http.getRequest<FastifyRequest>();
    if (exception instanceof ReplayedResponse) {
      void reply.code(exception.status);
      if (exception.body === undefined) void reply.send();
      else
        void reply
          .header('Content-Type', 'application/json; charset=utf-8')
          .send(JSON.stringify(exception.body));
      return;
    }
    const { status, body, unexpected } = toErrorResponse(exception);
    if (unexpected)
      this.logger.error({ err: exception, method: req.method, url: req.url }, 'unhandled error');
    else if (status >= 500)
      this.logger.warn(
        { code: body.error.code, method: req.method, url: req.url },
        body.error.message,
      );
    if (reply.sent || reply.raw.headersSent) return;
    if (exception instanceof RateLimitedError)
      void reply.header('Retry-After', String(exception.retryAfterSeconds));
    void reply
      .code(status)
      .header('Content-Type', 'application/json; charset=utf-8')
      .send(JSON.stringify(body));
  }
}
