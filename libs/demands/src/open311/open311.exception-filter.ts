import { type ArgumentsHost, Catch, type ExceptionFilter, Inject } from '@nestjs/common';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { RateLimitedError } from '@yishi/domain';
import { type Logger } from '@yishi/observability';
import { LOGGER, toErrorResponse } from '@yishi/platform';
import { errorsDocument, type Open311Error } from './georeport-documents';
import { formatOfPath, OPEN311_CONTENT_TYPES } from './georeport';

/** The statuses GeoReport v2 names; any other refusal is its "400: the request can not be fulfilled". */
const KEPT = new Set([403, 404, 429, 500, 503]);

/**
 * Errors of /open311/v2 the spec's way: an array of `{code, description}` (`errors`/`error` in
 * XML) in the format the path asks for, HTTP 403 for a missing or bad api_key, 404 for what does
 * not exist, 400 for the rest; a problem per field of a refused form. The descriptions are the
 * platform's Chinese messages (toErrorResponse), so nothing leaks that the API would not say. A
 * signed-in caller's 401 cannot happen here (the routes are open); it would read as 403. Rate
 * limits (429, Retry-After) and an unavailable database (503) keep their statuses.
 */
@Catch()
export class Open311ExceptionFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const req = http.getRequest<FastifyRequest>();
    const { status, body, unexpected } = toErrorResponse(exception);
    if (unexpected)
      this.logger.error({ err: exception, method: req.method, url: req.url }, 'unhandled error');
    if (reply.sent || reply.raw.headersSent) return;
    const code = status === 401 ? 403 : KEPT.has(status) ? status : 400;
    const fields = body.error.details.fields;
    const errors: Open311Error[] =
      Array.isArray(fields) && fields.length > 0
        ? (fields as { field: string; problems: string[] }[]).map((f) => ({
            code,
            description: `${f.field}：${f.problems.join('；')}`,
          }))
        : [{ code, description: body.error.message }];
    if (exception instanceof RateLimitedError)
      void reply.header('Retry-After', String(exception.retryAfterSeconds));
    const format = formatOfPath(req.url);
    void reply
      .code(code)
      .header('Content-Type', OPEN311_CONTENT_TYPES[format])
      .send(errorsDocument(errors, format));
  }
}
