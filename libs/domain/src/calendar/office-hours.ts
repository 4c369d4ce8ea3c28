/**
 * Office hours (办公时间): the periods of a working day, in China Standard Time, that a
 * `{ workingHours }` duration counts. A community's office hours are a setting; the default is the
 * usual 09:00–12:00 and 13:30–18:00 (7.5 hours a day).
 */
import { ValidationError } from '../errors';

/** One period of a working day, `HH:MM` to `HH:MM` (China Standard Time); `24:00` may end one. */
export interface OfficePeriod {
  readonly start: string;
  readonly end: string;
}

export const DEFAULT_OFFICE_HOURS: readonly OfficePeriod[] = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '18:00' },
];

/** A period as milliseconds since Shanghai midnight, `[start, end)`. */
export type OfficeSpan = readonly [start: number, end: number];

const TIME_RE = /^(\d{2}):(\d{2})$/;

function timeOfDayMs(value: unknown, field: string): number {
  const m = typeof value === 'string' ? TIME_RE.exec(value) : null;
  const [hour, minute] = m === null ? [Number.NaN, Number.NaN] : [Number(m[1]), Number(m[2])];
  if (!(hour <= 24 && minute <= 59) || (hour === 24 && minute !== 0)) {
    throw new ValidationError(`${field} 须写成 HH:MM（00:00 至 24:00），例如 09:00`, {
      field,
      value,
    });
  }
  return (hour * 60 + minute) * 60_000;
}

/**
 * The periods, checked: at least one, each `start` before its `end`, in order of the day and not
 * overlapping. Returns them as spans of milliseconds since Shanghai midnight.
 */
export function officeSpans(periods: readonly OfficePeriod[] = DEFAULT_OFFICE_HOURS): OfficeSpan[] {
  if (!Array.isArray(periods) || periods.length === 0) {
    throw new ValidationError('办公时间须至少有一个时段', { field: 'officeHours' });
  }
  const spans: OfficeSpan[] = [];
  periods.forEach((period: unknown, i) => {
    const p = (typeof period === 'object' && period !== null ? period : {}) as Partial<
      Record<keyof OfficePeriod, unknown>
    >;
    const start = timeOfDayMs(p.start, `officeHours[${i}].start`);
    const end = timeOfDayMs(p.end, `officeHours[${i}].end`);
    if (start >= end) {
      throw new ValidationError(`办公时间第 ${i + 1} 段的开始须早于结束`, {
        field: `officeHours[${i}]`,
      });
    }
    const previous = spans[spans.length - 1];
    if (previous !== undefined && start < previous[1]) {
      throw new ValidationError(`办公时间第 ${i + 1} 段须在上一段结束之后开始`, {
        field: `officeHours[${i}]`,
      });
    }
    spans.push([start, end]);
  });
  return spans;
}
