/**
 * A demand's readable number, unique per community: `<prefix>-<yyyymmdd>-<nnnn>`, the day of
 * receipt in China Standard Time and the day's sequence from 1 (`XY-20261207-0001`; five digits and
 * more past 9999). The prefix is the community's `demandNumberPrefix`: 2 to 6 capital letters.
 */
import { type IsoDate, type IsoInstant, shanghaiDateOf } from '../calendar';
import { parseIsoDate } from '../calendar/time';
import { ValidationError } from '../errors';

const PREFIX_RE = /^[A-Z]{2,6}$/;
const NUMBER_RE = /^([A-Z]{2,6})-(\d{4})(\d{2})(\d{2})-(\d{4,})$/;

export interface DemandNumber {
  readonly prefix: string;
  /** The day of receipt, China Standard Time. */
  readonly date: IsoDate;
  readonly seq: number;
}

export function isDemandPrefix(value: unknown): value is string {
  return typeof value === 'string' && PREFIX_RE.test(value);
}

/** The prefix, or a ValidationError saying what a prefix must be. */
export function checkDemandPrefix(value: unknown): string {
  if (isDemandPrefix(value)) return value;
  throw new ValidationError('诉求编号前缀须为 2 到 6 个大写英文字母，例如 XY', {
    field: 'demandNumberPrefix',
  });
}

/** `XY-20261207-0001`: the prefix, the CST day of `receivedAt` and the day's sequence number. */
export function formatDemandNumber(prefix: string, receivedAt: IsoInstant, seq: number): string {
  checkDemandPrefix(prefix);
  if (!Number.isSafeInteger(seq) || seq < 1) {
    throw new ValidationError('诉求编号的序号须为正整数', { seq });
  }
  const day = shanghaiDateOf(receivedAt).replaceAll('-', '');
  return `${prefix}-${day}-${String(seq).padStart(4, '0')}`;
}

/**
 * The parts of a number written as {@link formatDemandNumber} writes it (a real date, a sequence
 * from 1 with exactly the padding to four digits); a ValidationError otherwise.
 */
export function parseDemandNumber(value: unknown): DemandNumber {
  const m = typeof value === 'string' ? NUMBER_RE.exec(value) : null;
  const fail = (): never => {
    throw new ValidationError('诉求编号须写成“前缀-年月日-序号”，例如 XY-20261207-0001', {
      number: value,
    });
  };
  if (m === null) return fail();
  const [, prefix, year, month, day, digits] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const seq = Number(digits);
  if (!Number.isSafeInteger(seq) || seq < 1) return fail();
  if (digits.length > 4 && digits.startsWith('0')) return fail();
  const date = `${year}-${month}-${day}`;
  try {
    parseIsoDate(date);
  } catch {
    return fail();
  }
  return { prefix, date, seq };
}

export function isDemandNumber(value: unknown): value is string {
  try {
    parseDemandNumber(value);
    return true;
  } catch {
    return false;
  }
}
