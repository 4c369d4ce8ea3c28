import { HttpException, HttpStatus } from '@nestjs/common';
import { CodedError, type ErrorCode, type ErrorDetails } from '@yishi/domain';
import { isConnectionError } from '@yishi/database';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: ErrorDetails };
}

/** The one place where error codes become HTTP statuses. */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONCURRENCY_CONFLICT: 409,
  ALREADY_EXISTS: 409,
  WRONG_STAGE: 409,
  ALREADY_VOTED: 409,
  ALREADY_ACKNOWLEDGED: 409,
  SERIAL_INVALID: 400,
  SERIAL_NOT_FOUND: 404,
  SERIAL_MISMATCH: 400,
  SERIAL_ALREADY_ENTERED: 409,
  SERIAL_VOIDED: 409,
  BINDING_REQUIRED: 403,
  BINDING_MISMATCH: 422,
  IDEMPOTENCY_KEY_IN_USE: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'NOT_FOUND',
  409: 'CONCURRENCY_CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'UNAVAILABLE',
};

/** Errors Fastify raises before a controller runs (they carry `code` and `statusCode`). */
interface ParserError {
  code?: unknown;
  status?: unknown;
  statusCode?: unknown;
}

export function toErrorResponse(error: unknown): {
  status: number;
  body: ErrorBody;
  unexpected: boolean;
} {
  const make = (
    code: ErrorCode,
    message: string,
    details: ErrorDetails = {},
    status = STATUS_BY_CODE[code],
  ) => ({
    status,
    body: { error: { code, message, details } },
    unexpected: false,
  });

  if (error instanceof CodedError) return make(error.code, error.message, error.details);
  if (isConnectionError(error)) {
    return make(
      'UNAVAILABLE',
      'A service the platform depends on is unavailable; nothing was written. Try again shortly.',
    );
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED');
    const response = error.getResponse();
    const message =
      typeof response === 'object' &&
      response !== null &&
      'message' in response &&
      typeof response.message === 'string'
        ? response.message
        : error.message;
    return make(code, message, {}, status >= 500 ? 500 : status);
  }
  const parser = (error ?? {}) as ParserError;
  // Fastify's router, before any route runs: a path that is not valid percent-encoding, or a path
  // parameter longer than any id (none is a resource).
  if (parser.code === 'FST_ERR_BAD_URL')
    return make('VALIDATION_FAILED', 'The URL is not valid', { url: 'malformed' });
  if (parser.code === 'FST_ERR_MAX_PARAM_LENGTH') return make('NOT_FOUND', 'No such resource');
  const status = Number(parser.status ?? parser.statusCode);
  if (Number.isInteger(status) && status >= 400 && status < 500) {
    return make(
      CODE_BY_STATUS[status] ?? 'VALIDATION_FAILED',
      'The request could not be processed',
      {},
      status,
    );
  }
  return {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    body: { error: { code: 'INTERNAL', message: 'Internal error', details: {} } },
    unexpected: true,
  };
}
