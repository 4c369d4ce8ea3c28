import { fileSizeText } from '@yishi/domain/labels';
/** Every error of the API (http-api.md, "Errors"), said in plain Chinese for the people using the app. */

export const ERROR_TEXT: Readonly<Record<string, string>> = {
  VALIDATION_FAILED: '填写的内容有误，请检查后再提交。',
  UNAUTHENTICATED: '登录已过期，请重新登录。',
  FORBIDDEN: '您没有权限做这件事。如有疑问，请联系社区书记。',
  NOT_FOUND: '没有找到要找的内容，可能已被删除或链接有误。',
  CONCURRENCY_CONFLICT: '别人刚刚也修改了这个案件，请刷新后再试一次。',
  ALREADY_EXISTS: '这条记录已经存在，不用重复提交。',
  WRONG_STAGE: '案件当前所处的阶段不能做这件事。',
  NOT_EMPTY: '里面还有内容，请先移走再删除。',
  ALREADY_VOTED: '您家这一户已经投过票了，每户只能投一次，第二次不会被计入。',
  ALREADY_ACKNOWLEDGED: '本阶段已签收，不用再签收。',
  SERIAL_INVALID: '表决票编号有误（校验位不符），请核对纸质表决票上的编号后重新输入。',
  SERIAL_NOT_FOUND: '没有这个表决票编号，请核对纸质表决票上的编号。',
  SERIAL_MISMATCH: '这张表决票不属于本次表决或不是这一户的，请核对。',
  SERIAL_ALREADY_ENTERED: '这张表决票已经录入过了，每张只能录入一次。',
  SERIAL_VOIDED: '这张表决票已作废（已补发新票），请录入新票。',
  BINDING_REQUIRED: '投票前请先完成实名绑定：核验房产证号与身份证号，或上传证件请社区书记审核。',
  BINDING_MISMATCH: '房产证号或身份证号与登记信息不符，请核对后再试。多次不符将暂时锁定。',
  PAYLOAD_TOO_LARGE: '提交的内容太大了，请删减后再试。',
  UNSUPPORTED_MEDIA_TYPE: '提交的格式不对，请刷新页面后再试。',
  RATE_LIMITED: '操作太频繁了，请稍等一会儿再试。',
  IDEMPOTENCY_KEY_IN_USE: '上一次提交还在处理中，请稍等片刻再试。',
  IDEMPOTENCY_KEY_REUSED: '这次提交的内容和刚才的不同，请刷新页面后重新提交。',
  UNAVAILABLE: '系统暂时不可用，您刚才的操作没有保存，请稍后再试。',
  INTERNAL: '系统出了点问题，请稍后再试。',
};

export const NETWORK_ERROR_TEXT = '网络连接失败，请检查网络后再试。您刚才的操作可能没有保存。';

/** Field names of request bodies, as people know them. */
const FIELD_TEXT: Readonly<Record<string, string>> = {
  username: '用户名',
  password: '密码',
  title: '标题',
  description: '描述',
  category: '类别',
  content: '内容',
  summary: '研判结论',
  leadParty: '牵头方',
  options: '方案',
  percent: '进度',
  note: '说明',
  rating: '评价',
  choice: '选择',
  stage: '阶段',
  scope: '范围',
  'scope.estate': '小区',
  'scope.building': '楼栋',
  'scope.entrance': '单元',
  involvedParties: '参与方',
  mechanism: '议事形式',
};

export interface ApiErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = value.error;
  return typeof error === 'object' && error !== null && 'code' in error;
}

const statusCode = (status: number): string =>
  status === 401
    ? 'UNAUTHENTICATED'
    : status === 403
      ? 'FORBIDDEN'
      : status === 404
        ? 'NOT_FOUND'
        : status === 409
          ? 'CONCURRENCY_CONFLICT'
          : status === 413
            ? 'PAYLOAD_TOO_LARGE'
            : status === 415
              ? 'UNSUPPORTED_MEDIA_TYPE'
              : status === 429
                ? 'RATE_LIMITED'
                : status === 503
                  ? 'UNAVAILABLE'
                  : status >= 500
                    ? 'INTERNAL'
                    : 'VALIDATION_FAILED';

const HAN = /\p{Script=Han}/u;

/** An error the API answered, with its text for people. */
export class ApiError extends Error {
  readonly code: string;
  /** The API's own message when it is Chinese (http-api.md: written for the user), else null. */
  readonly apiMessage: string | null;
  readonly details: Record<string, unknown>;
  constructor(
    readonly status: number,
    body: unknown,
  ) {
    const code = isApiErrorBody(body) ? body.error.code : statusCode(status);
    const details = isApiErrorBody(body) ? (body.error.details ?? {}) : {};
    const said = isApiErrorBody(body) ? body.error.message : undefined;
    const apiMessage = typeof said === 'string' && HAN.test(said) ? said : null;
    super(describe(code, details, apiMessage));
    this.code = code;
    this.apiMessage = apiMessage;
    this.details = details;
    this.name = 'ApiError';
  }
}

/**
 * A file over the platform's upload limit (GET /me `limits.uploadMaxBytes`), refused in the app
 * before a byte is sent: on a phone, a large photo would take minutes only to be refused.
 */
export class FileTooLargeError extends Error {
  constructor(
    readonly size: number,
    readonly maxBytes: number,
  ) {
    super(
      `文件太大了（${fileSizeText(size)}），不能超过 ${fileSizeText(maxBytes)}，请压缩或换一张照片。`,
    );
    this.name = 'FileTooLargeError';
  }
}

/** The network failed: no answer at all. */
export class NetworkError extends Error {
  constructor() {
    super(NETWORK_ERROR_TEXT);
    this.name = 'NetworkError';
  }
}

function describe(
  code: string,
  details: Record<string, unknown>,
  apiMessage: string | null,
): string {
  // A code of one feature (IN_ADMISSION_LIST: the category the grid must take) has no general
  // words here: the API's own sentence says what it is.
  if (ERROR_TEXT[code] === undefined && apiMessage !== null) return apiMessage;
  const text = ERROR_TEXT[code] ?? ERROR_TEXT.INTERNAL ?? '';
  // An upload (task evidence) says what it takes.
  if (code === 'UNSUPPORTED_MEDIA_TYPE' && Array.isArray(details.allowed))
    return '只能上传照片（JPG、PNG、WebP、GIF、HEIC）或 PDF 文件。';
  if (code === 'PAYLOAD_TOO_LARGE' && typeof details.maxBytes === 'number')
    return `文件太大了，不能超过 ${fileSizeText(details.maxBytes)}。`;
  if (code !== 'VALIDATION_FAILED') return text;
  const fields = Array.isArray(details.fields) ? (details.fields as unknown[]) : [];
  const items = new Map<string, string>();
  for (const f of fields) {
    if (typeof f !== 'object' || f === null || !('field' in f) || String(f.field) === '') continue;
    const field = String(f.field);
    const name = FIELD_TEXT[field] ?? FIELD_TEXT[field.replace(/\.\d+.*$/, '')] ?? field;
    const problems = 'problems' in f && Array.isArray(f.problems) ? (f.problems as unknown[]) : [];
    const why = problems.map((p) => problemText(String(p))).find((t) => t !== undefined);
    if (!items.has(name) || why !== undefined)
      items.set(name, why === undefined ? name : `${name}：${why}`);
  }
  return items.size === 0 ? text : `${text}（有问题的项：${[...items.values()].join('；')}）`;
}

/** The API's reasons (English, from validation) said in Chinese; undefined: not known here. */
function problemText(problem: string): string | undefined {
  if (problem === 'no units in this estate, building and entrance')
    return '房屋台账中没有这个小区、楼栋、单元的房屋，请从列表中选择';
  if (/should not be empty|must be longer than or equal to 1 character/.test(problem))
    return '不能为空';
  const longest = /must be shorter than or equal to (\d+) characters/.exec(problem);
  if (longest !== null) return `不能超过 ${longest[1]} 个字`;
  const shortest = /must be longer than or equal to (\d+) characters/.exec(problem);
  if (shortest !== null) return `至少 ${shortest[1]} 个字`;
  if (/must be one of the following values/.test(problem)) return '不是可选的值';
  if (/should not exist/.test(problem)) return '不应填写这一项';
  return undefined;
}

/** The text to show for anything thrown. */
export function errorText(error: unknown): string {
  if (
    error instanceof ApiError ||
    error instanceof NetworkError ||
    error instanceof FileTooLargeError
  )
    return error.message;
  return ERROR_TEXT.INTERNAL ?? '';
}
