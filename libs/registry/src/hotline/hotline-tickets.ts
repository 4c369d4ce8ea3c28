import { SHANGHAI_OFFSET_MS, ValidationError, type DemandCategory } from '@yishi/domain';
import { parseCsv } from '../csv';

/*
 * The 12345 hotline's tickets (工单) as the city platform exports them, read for the demands
 * ledger's import: CSV (UTF-8, a byte-order mark allowed; GBK and other encodings are refused —
 * save the file as "CSV UTF-8") with Chinese or English headers, or a JSON array. Every row is
 * checked before anything is used: one bad row refuses the whole file, naming every bad row and
 * field in Chinese, so an import is never partial. The hotline's category is mapped to the ledger's
 * by keywords, its own words kept; times without a zone are China Standard Time.
 */

export const MAX_TICKETS_PER_IMPORT = 5_000;
export const TICKET_NUMBER_MAX_LENGTH = 64;
export const TICKET_CONTENT_MAX_LENGTH = 2_000;
export const TICKET_TEXT_MAX_LENGTH = 200;
/** At most this many problems are listed (the message names the first few). */
const MAX_PROBLEMS = 100;

export const TICKET_FIELDS = [
  'ticketNumber',
  'receivedAt',
  'content',
  'category',
  'address',
  'dueAt',
] as const;
export type TicketField = (typeof TICKET_FIELDS)[number];

/** One ticket, checked: ready for the ledger (the demand's id is named from the ticket number). */
export interface HotlineTicketDraft {
  /** 1-based, counting tickets (a CSV's header is not a row). */
  readonly row: number;
  readonly ticketNumber: string;
  /** ISO 8601, UTC. */
  readonly receivedAt: string;
  readonly content: string;
  /** The ledger's category, mapped from the hotline's. */
  readonly category: DemandCategory;
  /** The hotline's category in its own words. */
  readonly hotlineCategory: string;
  readonly address: string;
  /** The hotline's own deadline (办理时限), ISO 8601 UTC; null when the ticket has none. */
  readonly dueAt: string | null;
}

/** One problem of one row, kept in English in `details.problems` and said in Chinese in the message. */
export interface TicketProblem {
  readonly row: number;
  /** The CSV line the row starts on. */
  readonly line?: number;
  readonly field: TicketField | 'ticket';
  readonly problem: string;
}

/** Header names accepted: the API's and the hotline exports' Chinese (case and spaces ignored). */
const HEADER_ALIASES: Readonly<Record<string, TicketField>> = {
  ticketnumber: 'ticketNumber',
  工单编号: 'ticketNumber',
  工单号: 'ticketNumber',
  receivedat: 'receivedAt',
  受理时间: 'receivedAt',
  来电时间: 'receivedAt',
  content: 'content',
  诉求内容: 'content',
  category: 'category',
  诉求类别: 'category',
  诉求分类: 'category',
  address: 'address',
  地址: 'address',
  诉求地址: 'address',
  事发地址: 'address',
  dueat: 'dueAt',
  办理时限: 'dueAt',
};

const FIELD_TEXT: Readonly<Record<TicketField | 'ticket', string>> = {
  ticketNumber: '工单编号',
  receivedAt: '受理时间',
  content: '诉求内容',
  category: '诉求类别',
  address: '地址',
  dueAt: '办理时限',
  ticket: '工单',
};

/**
 * The hotline's category words → the ledger's categories, the first row that matches wins (so a
 * 物业 complaint about a leak is the property company's). The hotline's text is kept besides.
 */
export const HOTLINE_CATEGORY_KEYWORDS: readonly (readonly [DemandCategory, readonly string[]])[] =
  [
    ['public-facilities', ['路灯', '照明']],
    ['environment-sanitation', ['垃圾', '卫生', '保洁', '环卫', '市容']],
    ['property-service', ['物业']],
    ['noise', ['噪音', '噪声', '扰民']],
    ['parking', ['停车', '车位']],
    ['illegal-construction', ['违建', '违章', '私搭乱建']],
    ['utilities', ['漏水', '停水', '停电', '燃气', '供暖', '暖气', '供水', '水压']],
    ['greening', ['绿化', '树木']],
    ['neighbour-dispute', ['邻里', '纠纷']],
    ['elderly-disabled-care', ['老人', '残疾', '养老']],
    ['safety-hazard', ['隐患', '安全']],
  ];

/** The ledger's category for the hotline's text (`other` when no keyword is in it). */
export function mapHotlineCategory(text: string): DemandCategory {
  const t = text.normalize('NFKC');
  for (const [category, words] of HOTLINE_CATEGORY_KEYWORDS)
    if (words.some((w) => t.includes(w))) return category;
  return 'other';
}

/** A date and a time of day; seconds, fractions and a zone optional. */
const TIME =
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/i;

/**
 * An instant from the hotline: `2026-12-07 08:12` (China Standard Time; also with seconds, `/` or
 * `.` between the date's parts, or a `T`), or ISO 8601 with its zone (`Z`, `+08:00`). ISO 8601
 * UTC, or null when it is neither or no such date (2月30日).
 */
export function parseHotlineTime(text: string): string | null {
  const m = TIME.exec(text.normalize('NFKC').trim());
  if (m === null) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const zone = m[7]?.toUpperCase();
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(wall);
  // Date.UTC rolls 2月30日 over to March: such a date does not exist.
  if (
    year < 1000 ||
    back.getUTCFullYear() !== year ||
    back.getUTCMonth() !== month - 1 ||
    back.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  )
    return null;
  const offsetMs =
    zone === undefined
      ? SHANGHAI_OFFSET_MS
      : zone === 'Z'
        ? 0
        : (zone.startsWith('-') ? -1 : 1) *
          (Number(zone.slice(1, 3)) * 3_600_000 + Number(zone.slice(4, 6)) * 60_000);
  return new Date(wall - offsetMs).toISOString();
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const TICKET_NUMBER = /^[\p{L}\p{N}_\-./#]+$/u;

function problemText(problem: string): string {
  const n = /\d+/.exec(problem)?.[0] ?? '';
  if (problem === 'is missing') return '缺少';
  if (problem === 'must be text') return '须为文字';
  if (problem === 'is empty') return '不能为空';
  if (problem.startsWith('is longer than')) return `不能超过 ${n} 个字符`;
  if (problem === 'contains control characters') return '含有控制字符';
  if (problem === 'has spaces or symbols') return '只能由字母、数字和 - _ . / # 组成';
  if (problem === 'is not a time')
    return '不是时间（应为 2026-12-07 08:12 这样的北京时间，或带时区的 ISO 8601）';
  if (problem === 'is before the received time') return '早于受理时间';
  if (problem.startsWith('repeats the ticket of row')) return `与第 ${n} 行是同一工单`;
  if (problem === 'must be an object') return '须为对象';
  return `有误（${problem}）`;
}

interface RawRow {
  readonly row: number;
  readonly line?: number;
  /** null: a JSON item that is not an object. */
  readonly values: Partial<Record<TicketField, unknown>> | null;
}

function checkRows(rows: readonly RawRow[]): HotlineTicketDraft[] {
  const problems: TicketProblem[] = [];
  const seen = new Map<string, number>();
  const drafts: HotlineTicketDraft[] = [];
  for (const raw of rows) {
    const before = problems.length;
    const fail = (field: TicketProblem['field'], problem: string): null => {
      problems.push({
        row: raw.row,
        ...(raw.line === undefined ? {} : { line: raw.line }),
        field,
        problem,
      });
      return null;
    };
    const values = raw.values;
    if (values === null) {
      fail('ticket', 'must be an object');
      continue;
    }
    const text = (field: TicketField, max: number, required: boolean): string | null => {
      const value = values[field];
      if (value === undefined || value === null || value === '')
        return required ? fail(field, value === undefined ? 'is missing' : 'is empty') : null;
      if (typeof value !== 'string') return fail(field, 'must be text');
      const t = value.normalize('NFC').trim();
      if (t === '') return required ? fail(field, 'is empty') : null;
      if (t.length > max) return fail(field, `is longer than ${max}`);
      if (CONTROL.test(t)) return fail(field, 'contains control characters');
      return t;
    };
    const time = (field: 'receivedAt' | 'dueAt', required: boolean): string | null => {
      const t = text(field, 64, required);
      if (t === null) return null;
      return parseHotlineTime(t) ?? fail(field, 'is not a time');
    };
    const ticketNumber = text('ticketNumber', TICKET_NUMBER_MAX_LENGTH, true);
    if (ticketNumber !== null && !TICKET_NUMBER.test(ticketNumber))
      fail('ticketNumber', 'has spaces or symbols');
    const receivedAt = time('receivedAt', true);
    const content = text('content', TICKET_CONTENT_MAX_LENGTH, true);
    const category = text('category', TICKET_TEXT_MAX_LENGTH, true);
    const address = text('address', TICKET_TEXT_MAX_LENGTH, true);
    const dueAt = time('dueAt', false);
    if (receivedAt !== null && dueAt !== null && dueAt < receivedAt)
      fail('dueAt', 'is before the received time');
    if (ticketNumber !== null) {
      const first = seen.get(ticketNumber);
      if (first !== undefined) fail('ticketNumber', `repeats the ticket of row ${first}`);
      else seen.set(ticketNumber, raw.row);
    }
    if (problems.length === before)
      drafts.push({
        row: raw.row,
        ticketNumber: ticketNumber!,
        receivedAt: receivedAt!,
        content: content!,
        category: mapHotlineCategory(category!),
        hotlineCategory: category!,
        address: address!,
        dueAt,
      });
  }
  if (problems.length > 0) {
    const said = problems.slice(0, 5).map((p) => {
      const where =
        p.line === undefined ? `第 ${p.row} 行` : `第 ${p.row} 行（文件第 ${p.line} 行）`;
      return `${where}${FIELD_TEXT[p.field]}${problemText(p.problem)}`;
    });
    const more = problems.length > 5 ? `；另有 ${problems.length - 5} 处问题` : '';
    throw new ValidationError(`工单有误，未导入任何一条：${said.join('；')}${more}`, {
      problems: problems.slice(0, MAX_PROBLEMS),
      count: problems.length,
    });
  }
  return drafts;
}

function refuse(message: string, problem: string): never {
  throw new ValidationError(message, { field: 'tickets', problem });
}

/** The body as text: a string as given; bytes only if they are UTF-8 (GBK is refused). */
function utf8Text(body: unknown): string {
  let text: string;
  if (typeof body === 'string') text = body;
  else if (Buffer.isBuffer(body) || body instanceof Uint8Array) {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      return refuse('文件不是 UTF-8 编码：请在表格软件中另存为“CSV UTF-8”后再导入', 'not UTF-8');
    }
  } else return refuse('请求内容为空或格式不对', 'no body');
  // U+FFFD: bytes that were not UTF-8 already decoded by someone (GBK read as UTF-8).
  if (text.includes('\uFFFD'))
    refuse('文件含有无法识别的字符，可能是 GBK 编码：请另存为“CSV UTF-8”后再导入', 'not UTF-8');
  return text;
}

function csvRows(text: string): RawRow[] {
  const [header, ...data] = parseCsv(text);
  if (header === undefined) refuse('CSV 文件是空的', 'is empty');
  const fields = header.fields.map((h) => HEADER_ALIASES[h.replace(/\s+/g, '').toLowerCase()]);
  const missing = TICKET_FIELDS.filter((f) => f !== 'dueAt' && !fields.includes(f));
  if (missing.length > 0)
    refuse(
      `CSV 表头缺少：${missing.map((f) => `${FIELD_TEXT[f]}（${f}）`).join('、')}`,
      `missing columns: ${missing.join(', ')}`,
    );
  return data.map((record, i) => {
    const values: Partial<Record<TicketField, unknown>> = {};
    fields.forEach((field, col) => {
      if (field !== undefined) values[field] = record.fields[col] ?? '';
    });
    return { row: i + 1, line: record.line, values };
  });
}

function jsonRows(body: unknown): RawRow[] {
  let value = body;
  if (typeof body === 'string' || Buffer.isBuffer(body) || body instanceof Uint8Array) {
    try {
      value = JSON.parse(utf8Text(body)) as unknown;
    } catch (error) {
      if (error instanceof ValidationError) throw error;
      refuse('JSON 格式不正确', 'malformed JSON');
    }
  }
  // `{tickets: [...]}` is accepted as well as a bare array.
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'tickets' in value)
    value = value.tickets;
  if (!Array.isArray(value)) refuse('JSON 应为工单数组', 'must be an array');
  return (value as unknown[]).map((item, i) => ({
    row: i + 1,
    values:
      item !== null && typeof item === 'object' && !Array.isArray(item)
        ? (item as Partial<Record<TicketField, unknown>>)
        : null,
  }));
}

/**
 * The tickets of an import, every one checked; a ValidationError (400) naming every bad row and
 * field in Chinese otherwise. `contentType`: `text/csv` (UTF-8) or `application/json` (an array,
 * or `{tickets: [...]}`); parameters such as `charset` are read, and a charset other than UTF-8 is
 * refused.
 */
export function parseHotlineTickets(body: unknown, contentType: string): HotlineTicketDraft[] {
  const [type = '', ...params] = contentType
    .toLowerCase()
    .split(';')
    .map((p) => p.trim());
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length);
  if (charset !== undefined && charset.replace(/["-]/g, '') !== 'utf8')
    refuse(
      `只接受 UTF-8 编码的工单（收到的是 ${charset}）：请另存为“CSV UTF-8”后再导入`,
      `charset ${charset}`,
    );
  let rows: RawRow[];
  if (type === 'text/csv') rows = csvRows(utf8Text(body));
  else if (type === 'application/json') rows = jsonRows(body);
  else refuse('工单只接受 text/csv 或 application/json', `content type ${type}`);
  if (rows.length === 0) refuse('没有要导入的工单', 'is empty');
  if (rows.length > MAX_TICKETS_PER_IMPORT)
    refuse(`每次最多导入 ${MAX_TICKETS_PER_IMPORT} 条工单`, `more than ${MAX_TICKETS_PER_IMPORT}`);
  return checkRows(rows);
}
