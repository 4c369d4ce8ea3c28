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
  NOT_EMPTY: 409,
  ALREADY_VOTED: 409,
  ALREADY_ACKNOWLEDGED: 409,
  SERIAL_INVALID: 400,
  SERIAL_NOT_FOUND: 404,
  SERIAL_MISMATCH: 400,
  SERIAL_ALREADY_ENTERED: 409,
  SERIAL_VOIDED: 409,
  BINDING_REQUIRED: 403,
  BINDING_MISMATCH: 422,
  IN_ADMISSION_LIST: 409,
  WHISTLE_OPEN: 409,
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

/**
 * What a refusal by Nest or Fastify itself says (their own messages are English: "Cannot GET
 * /x", "Unsupported Media Type"), by status, for the person using the app.
 */
const STATUS_TEXT: Partial<Record<number, string>> = {
  400: '请求无法处理，请检查后再试',
  401: '请先登录',
  403: '您没有权限进行此操作',
  404: '找不到要访问的内容，可能已被删除或链接有误',
  405: '找不到要访问的内容，可能已被删除或链接有误',
  406: '无法按请求的格式回答',
  408: '请求超时，请重新提交',
  409: '与当前状态冲突，请刷新后再试',
  411: '请求缺少内容长度（Content-Length）',
  413: '提交的内容太大了，请删减后再试',
  414: '链接地址太长',
  415: '不支持提交的内容格式，请以 JSON 提交',
  429: '操作太频繁了，请稍后再试',
  431: '请求头太大',
  503: '系统暂时不可用，您的操作没有保存，请稍后再试',
};

/** Han characters: a message already written for people (in Chinese). */
const HAN = /\p{Script=Han}/u;

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
    return make('UNAVAILABLE', '系统暂时不可用，您的操作没有保存，请稍后再试');
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED');
    const response = error.getResponse();
    const own =
      typeof response === 'object' &&
      response !== null &&
      'message' in response &&
      typeof response.message === 'string'
        ? response.message
        : error.message;
    const message = HAN.test(own)
      ? own
      : (STATUS_TEXT[status] ??
        (status >= 500 ? '系统出了点问题，请稍后再试' : '请求无法处理，请检查后再试'));
    return make(code, message, {}, status >= 500 ? 500 : status);
  }
  const parser = (error ?? {}) as ParserError;
  // Fastify's router, before any route runs: a path that is not valid percent-encoding, or a path
  // parameter longer than any id (none is a resource).
  if (parser.code === 'FST_ERR_BAD_URL')
    return make('VALIDATION_FAILED', '链接地址格式不正确', { url: 'malformed' });
  if (parser.code === 'FST_ERR_MAX_PARAM_LENGTH')
    return make('NOT_FOUND', STATUS_TEXT[404] as string);
  const status = Number(parser.status ?? parser.statusCode);
  if (Number.isInteger(status) && status >= 400 && status < 500) {
    return make(
      CODE_BY_STATUS[status] ?? 'VALIDATION_FAILED',
      STATUS_TEXT[status] ?? '请求无法处理，请检查后再试',
      {},
      status,
    );
  }
  return {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    body: { error: { code: 'INTERNAL', message: '系统出了点问题，请稍后再试', details: {} } },
    unexpected: true,
  };
}
