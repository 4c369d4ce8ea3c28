import { ApiError, ERROR_TEXT, errorText, NetworkError } from '../src/api/errors';

/** The codes of the contract (http-api.md, "Errors") and of libs/domain's ErrorCode. */
const CONTRACT_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONCURRENCY_CONFLICT',
  'ALREADY_EXISTS',
  'WRONG_STAGE',
  'ALREADY_VOTED',
  'ALREADY_ACKNOWLEDGED',
  'SERIAL_INVALID',
  'SERIAL_NOT_FOUND',
  'SERIAL_MISMATCH',
  'SERIAL_ALREADY_ENTERED',
  'SERIAL_VOIDED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'INTERNAL',
];
const HAN = /\p{Script=Han}/u;

describe('web app: every API error in plain Chinese', () => {
  it.each(CONTRACT_CODES)('%s has its own Chinese text', (code) => {
    const error = new ApiError(409, { error: { code, message: 'english', details: {} } });
    expect(error.code).toBe(code);
    expect(error.message).toMatch(HAN);
    expect(error.message).not.toContain('english');
    expect(error.message).toBe(ERROR_TEXT[code]);
  });

  it('says which fields a validation failure names, by their Chinese names, and why', () => {
    const error = new ApiError(400, {
      error: {
        code: 'VALIDATION_FAILED',
        message: 'The request is not valid',
        details: {
          fields: [
            { field: 'title', problems: ['title should not be empty'] },
            { field: 'options.0.title', problems: ['x'] },
            { field: 'scope.estate', problems: ['x'] },
          ],
        },
      },
    });
    expect(error.message).toBe(
      '填写的内容有误，请检查后再提交。（有问题的项：标题：不能为空；方案；小区）',
    );
  });

  it('a case scope with no registered units says so, and what to do', () => {
    const error = new ApiError(400, {
      error: {
        code: 'VALIDATION_FAILED',
        message: 'The scope names no registered units of this community',
        details: {
          fields: [
            { field: 'scope', problems: ['no units in this estate, building and entrance'] },
          ],
        },
      },
    });
    expect(error.message).toBe(
      '填写的内容有误，请检查后再提交。（有问题的项：范围：房屋台账中没有这个小区、楼栋、单元的房屋，请从列表中选择）',
    );
    const long = new ApiError(400, {
      error: {
        code: 'VALIDATION_FAILED',
        message: 'x',
        details: {
          fields: [
            { field: 'title', problems: ['title must be shorter than or equal to 100 characters'] },
          ],
        },
      },
    });
    expect(long.message).toBe(
      '填写的内容有误，请检查后再提交。（有问题的项：标题：不能超过 100 个字）',
    );
  });

  it('an evidence upload refused for its type or size says what it takes', () => {
    const type = new ApiError(415, {
      error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'x', details: { allowed: ['image/png'] } },
    });
    expect(type.message).toBe('只能上传照片（JPG、PNG、WebP、GIF、HEIC）或 PDF 文件。');
    const size = new ApiError(413, {
      error: { code: 'PAYLOAD_TOO_LARGE', message: 'x', details: { maxBytes: 10 * 1048576 } },
    });
    expect(size.message).toBe('文件太大了，不能超过 10 MB。');
    expect(new ApiError(413, undefined).message).toBe(ERROR_TEXT.PAYLOAD_TOO_LARGE);
  });

  it('maps a body without the error shape (a proxy page, an empty 502) by its status', () => {
    expect(new ApiError(401, '<html>').code).toBe('UNAUTHENTICATED');
    expect(new ApiError(413, undefined).code).toBe('PAYLOAD_TOO_LARGE');
    expect(new ApiError(502, undefined).code).toBe('INTERNAL');
    expect(new ApiError(503, null).message).toBe(ERROR_TEXT.UNAVAILABLE);
    expect(new ApiError(409, {}).code).toBe('CONCURRENCY_CONFLICT');
  });

  it('an unknown code falls back to a general message; anything thrown gets Chinese text', () => {
    expect(new ApiError(418, { error: { code: 'TEAPOT', message: 'x' } }).message).toBe(
      ERROR_TEXT.INTERNAL,
    );
    expect(errorText(new NetworkError())).toMatch(/网络连接失败/);
    expect(errorText(new TypeError('boom'))).toBe(ERROR_TEXT.INTERNAL);
  });
});
