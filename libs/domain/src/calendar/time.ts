/**
 * China Standard Time arithmetic, done by hand: Asia/Shanghai is UTC+8 all year (no daylight saving
 * since 1991), so a fixed offset is exact for every instant this system handles. No time-zone
 * library, no `Intl`, no dependence on the host's time zone.
 *
 * A local date is handled as a day number: days since 1970-01-01 (proleptic Gregorian).
 */
import { ValidationError } from '../errors';
import type { IsoDate } from './data/types';

/** An instant as an ISO 8601 string with an explicit offset: `2025-10-01T01:00:00+08:00`, `…Z`. */
export type IsoInstant = string;

export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** 0 = Sunday … 6 = Saturday, as `Date.prototype.getUTCDay`. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT_RE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

/** The last millisecond `Date.prototype.toISOString` prints in the plain `YYYY-…Z` form. */
const MAX_INSTANT_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const MIN_INSTANT_MS = Date.UTC(1000, 0, 1);

const mod = (a: number, b: number): number => ((a % b) + b) % b;

/** Days from 1970-01-01 to y-m-d (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The inverse of {@link daysFromCivil}. */
export function civilFromDays(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

const daysInMonth = (year: number, month: number): number =>
  daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) -
  daysFromCivil(year, month, 1);

function checkCivil(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Parses `YYYY-MM-DD` (a real calendar date) to its day number; throws `ValidationError`. */
export function parseIsoDate(date: IsoDate): number {
  const m = typeof date === 'string' ? DATE_RE.exec(date) : null;
  if (m === null) {
    throw new ValidationError('日期须写成 YYYY-MM-DD，例如 2026-12-10', { date });
  }
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!checkCivil(year, month, day)) {
    throw new ValidationError('没有这个日期', { date });
  }
  return daysFromCivil(year, month, day);
}

/** Formats a day number as `YYYY-MM-DD`. */
export function formatIsoDate(dayNumber: number): IsoDate {
  const { year, month, day } = civilFromDays(dayNumber);
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** The year of a day number. */
export const yearOfDay = (dayNumber: number): number => civilFromDays(dayNumber).year;

/** The weekday of a day number (1970-01-01 was a Thursday). */
export const weekdayOfDay = (dayNumber: number): Weekday => mod(dayNumber + 4, 7) as Weekday;

export const isWeekend = (dayNumber: number): boolean => {
  const weekday = weekdayOfDay(dayNumber);
  return weekday === 0 || weekday === 6;
};

/**
 * Parses an ISO 8601 instant to epoch milliseconds. The offset is required (`Z` or `±HH:MM`): a
 * local time without one is ambiguous, and guessing would move deadlines by eight hours. Fractions
 * finer than a millisecond are truncated. Years 1000 to 9999.
 */
export function parseInstant(instant: IsoInstant): number {
  const m = typeof instant === 'string' ? INSTANT_RE.exec(instant) : null;
  if (m === null) {
    throw new ValidationError('时间须为带时区的 ISO 8601 格式，例如 2025-10-01T09:00:00+08:00', {
      instant,
    });
  }
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = Number(m[6] ?? '0');
  const millisecond = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const zone = m[8] ?? 'Z';
  if (!checkCivil(year, month, day) || hour > 23 || minute > 59 || second > 59) {
    throw new ValidationError('没有这个日期或时刻', { instant });
  }
  let offsetMs = 0;
  if (zone !== 'Z') {
    const offsetHours = Number(zone.slice(1, 3));
    const offsetMinutes = Number(zone.slice(4, 6));
    if (offsetHours > 23 || offsetMinutes > 59) {
      throw new ValidationError('时区偏移不正确', { instant });
    }
    offsetMs = (zone.startsWith('-') ? -1 : 1) * (offsetHours * HOUR_MS + offsetMinutes * 60_000);
  }
  const ms =
    daysFromCivil(year, month, day) * DAY_MS +
    hour * HOUR_MS +
    minute * 60_000 +
    second * 1000 +
    millisecond -
    offsetMs;
  return checkInstantRange(ms, instant);
}

function checkInstantRange(ms: number, what: unknown): number {
  if (!(ms >= MIN_INSTANT_MS && ms <= MAX_INSTANT_MS)) {
    throw new ValidationError('时间超出支持的范围（1000 年至 9999 年）', {
      instant: what,
    });
  }
  return ms;
}

/** Formats epoch milliseconds as a UTC ISO instant, `2025-09-30T17:00:00.000Z`. */
export function formatInstant(ms: number): IsoInstant {
  return new Date(checkInstantRange(ms, ms)).toISOString();
}

/** The Shanghai calendar day (day number) an instant falls on. */
export const shanghaiDayOf = (ms: number): number => Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);

/** Milliseconds since Shanghai midnight. */
export const shanghaiTimeOfDay = (ms: number): number => mod(ms + SHANGHAI_OFFSET_MS, DAY_MS);

/** The instant a Shanghai calendar day begins (00:00 +08:00). */
export const shanghaiDayStart = (dayNumber: number): number =>
  dayNumber * DAY_MS - SHANGHAI_OFFSET_MS;

/** The Shanghai calendar date of an instant: `2025-09-30T17:00:00Z` → `2025-10-01`. */
export function shanghaiDateOf(instant: IsoInstant): IsoDate {
  return formatIsoDate(shanghaiDayOf(parseInstant(instant)));
}

/** Formats epoch milliseconds as a Shanghai local instant, `2025-10-01T01:00:00.000+08:00`. */
export function formatShanghaiInstant(ms: number): IsoInstant {
  const local = new Date(checkInstantRange(ms + SHANGHAI_OFFSET_MS, ms)).toISOString();
  return `${local.slice(0, -1)}+08:00`;
}

/**
 * The parts of an instant's China Standard Time (UTC+8 all year): deterministic, whatever the host's
 * or the browser's time zone and locale. Throws `ValidationError` for a string that is no instant.
 */
function shanghaiParts(iso: IsoInstant): {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
} {
  const ms = typeof iso === 'string' ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(ms))
    throw new ValidationError(`不是有效的 ISO 8601 时间：${String(iso)}`, { instant: iso });
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * `2026年3月5日 18:00`: an instant as people in China read it, whatever the server's zone. Every
 * time shown to a person (messages, notifications, the archive, CSV, the web app) goes through here.
 */
export function formatChineseTime(iso: IsoInstant): string {
  const t = shanghaiParts(iso);
  return `${t.year}年${t.month}月${t.day}日 ${pad2(t.hour)}:${pad2(t.minute)}`;
}

/** `2026年3月5日`: the China Standard Time calendar date of an instant. */
export function formatChineseDate(iso: IsoInstant): string {
  const t = shanghaiParts(iso);
  return `${t.year}年${t.month}月${t.day}日`;
}

/** `3月5日`: the date without the year, for short summaries. */
export function formatChineseMonthDay(iso: IsoInstant): string {
  const t = shanghaiParts(iso);
  return `${t.month}月${t.day}日`;
}

/** `2026年3月5日` for a calendar date written `YYYY-MM-DD` (no time, no zone). */
export function formatChineseIsoDate(date: IsoDate): string {
  const { year, month, day } = civilFromDays(parseIsoDate(date));
  return `${year}年${month}月${day}日`;
}

const ISO_INSTANT_IN_TEXT =
  /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})/g;

/**
 * A text with every ISO 8601 instant in it written as {@link formatChineseTime}: for words recorded
 * before times were written for people (a gate's refusal kept in an event of an older case).
 */
export function chineseTimesIn(text: string): string {
  return text.replace(ISO_INSTANT_IN_TEXT, (iso) =>
    Number.isNaN(Date.parse(iso)) ? iso : formatChineseTime(iso),
  );
}
