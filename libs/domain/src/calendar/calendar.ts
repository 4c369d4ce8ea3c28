import { ValidationError } from '../errors';
import { CHINA_HOLIDAY_ARRANGEMENTS } from './data';
import type { HolidayName, IsoDate, YearArrangement } from './data/types';
import { type OfficePeriod, type OfficeSpan, officeSpans } from './office-hours';
import {
  DAY_MS,
  HOUR_MS,
  type IsoInstant,
  type Weekday,
  formatInstant,
  formatIsoDate,
  isWeekend,
  parseInstant,
  parseIsoDate,
  shanghaiDayOf,
  shanghaiDayStart,
  shanghaiTimeOfDay,
  weekdayOfDay,
  yearOfDay,
} from './time';

/**
 * What the calendar knows about a year:
 * - `official`: the published State Council arrangement.
 * - `provisional`: statutory holidays only, the notice is not yet transcribed (see data/2027.ts).
 * - `weekends-only`: the year is not in the data at all; Saturdays and Sundays are the only days
 *   off.
 *
 * Outside the covered years the calendar falls back to `weekends-only` instead of throwing. A
 * deadline system must always produce a deadline: a task created on 2027-12-20 with 10 working days
 * reaches into 2028, and if that threw, the task (or the acknowledgement, or the reminder) could not
 * be recorded at all, and nobody would be reminded or escalated: the accountability the deadline
 * exists for would be lost. A weekends-only deadline is off by at most the few holidays of the
 * period, and the fallback is never silent: `basis`, `isOfficial` and `computeDeadline(...).final`
 * say so, so callers can store the basis and recompute once the year's data is added.
 */
export type CalendarBasis = 'official' | 'provisional' | 'weekends-only';

/** Weakest first: the basis of a span is the weakest basis of the years it touches. */
const BASIS_STRENGTH: Record<CalendarBasis, number> = {
  'weekends-only': 0,
  provisional: 1,
  official: 2,
};

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted-workday';

export interface DayInfo {
  readonly date: IsoDate;
  readonly weekday: Weekday;
  readonly working: boolean;
  /** `holiday` (放假, weekends inside a holiday period too), `adjusted-workday` (调休上班). */
  readonly kind: DayKind;
  /** The festival for `holiday` and `adjusted-workday` days. */
  readonly name?: HolidayName;
  readonly basis: CalendarBasis;
}

/**
 * How long until a deadline: elapsed clock hours, working days, or working hours (office hours on
 * working days; the default office hours unless `officeHours` is given).
 */
export type Duration =
  | { readonly hours: number }
  | { readonly workingDays: number }
  | { readonly workingHours: number; readonly officeHours?: readonly OfficePeriod[] };

export interface Deadline {
  readonly due: IsoInstant;
  /**
   * The weakest calendar basis between `from` and `due` for a working-day or working-hour duration;
   * `elapsed-hours` for an hour duration, which does not depend on the calendar.
   */
  readonly basis: CalendarBasis | 'elapsed-hours';
  /** True when no future data change can move `due`: hours, or only official years spanned. */
  readonly final: boolean;
}

/** A bound on durations: deadlines are weeks, not decades; a bound keeps every loop short. */
export const MAX_WORKING_DAYS = 10_000;
export const MAX_HOURS = MAX_WORKING_DAYS * 24;
/** About five years of the default office hours (7.5 a day). */
export const MAX_WORKING_HOURS = 10_000;

/** Raised when holiday data is inconsistent: a programming error, caught by the unit tests. */
export class CalendarDataError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid holiday data: ${problems.join('; ')}`);
    this.name = 'CalendarDataError';
  }
}

/**
 * Checks a year's arrangement: real dates inside the year, each list strictly ascending (sorted,
 * no duplicates), no date both a holiday and a working day, and every 调休 working day a Saturday
 * or Sunday. Returns the problems found; empty when the data is sound.
 */
export function validateYearArrangement(arrangement: YearArrangement): string[] {
  const problems: string[] = [];
  const { year } = arrangement;
  const check = (list: 'holidays' | 'workdays'): number[] => {
    const days: number[] = [];
    let previous: string | undefined;
    for (const entry of arrangement[list]) {
      let day: number;
      try {
        day = parseIsoDate(entry.date);
      } catch {
        problems.push(`${year} ${list}: ${entry.date} is not a date`);
        continue;
      }
      if (yearOfDay(day) !== year) {
        problems.push(`${year} ${list}: ${entry.date} is not in ${year}`);
      }
      if (previous !== undefined && entry.date <= previous) {
        problems.push(`${year} ${list}: ${entry.date} is not after ${previous}`);
      }
      previous = entry.date;
      days.push(day);
    }
    return days;
  };
  const holidays = new Set(check('holidays'));
  for (const day of check('workdays')) {
    if (holidays.has(day)) {
      problems.push(`${year}: ${formatIsoDate(day)} is both a holiday and a working day`);
    }
    if (!isWeekend(day)) {
      problems.push(`${year}: working day ${formatIsoDate(day)} is not a Saturday or Sunday`);
    }
  }
  return problems;
}

interface DayOverride {
  readonly working: boolean;
  readonly name: HolidayName;
}

/**
 * The Chinese working-day calendar. Every date is a calendar date in China Standard Time
 * (Asia/Shanghai, UTC+8); every instant is an ISO 8601 string with an offset, and results are
 * UTC ISO strings (`…Z`). All methods are pure.
 */
export class ChinaWorkingCalendar {
  private readonly overrides = new Map<number, DayOverride>();
  private readonly years = new Map<number, YearArrangement>();

  constructor(arrangements: readonly YearArrangement[] = CHINA_HOLIDAY_ARRANGEMENTS) {
    const problems: string[] = [];
    for (const arrangement of arrangements) {
      if (this.years.has(arrangement.year)) {
        problems.push(`${arrangement.year} is given twice`);
      }
      problems.push(...validateYearArrangement(arrangement));
      this.years.set(arrangement.year, arrangement);
    }
    if (problems.length > 0) {
      throw new CalendarDataError(problems);
    }
    for (const arrangement of arrangements) {
      for (const { date, name } of arrangement.holidays) {
        this.overrides.set(parseIsoDate(date), { working: false, name });
      }
      for (const { date, name } of arrangement.workdays) {
        this.overrides.set(parseIsoDate(date), { working: true, name });
      }
    }
  }

  /** The years with data, ascending. */
  coveredYears(): number[] {
    return [...this.years.keys()].sort((a, b) => a - b);
  }

  /** What the calendar knows about a year (see {@link CalendarBasis}). */
  basis(year: number): CalendarBasis {
    return this.years.get(year)?.status ?? 'weekends-only';
  }

  /** True when the year's data is the published arrangement. */
  isOfficial(year: number): boolean {
    return this.basis(year) === 'official';
  }

  /** The weakest basis of the years touched between two instants (in either order). */
  basisBetween(a: IsoInstant, b: IsoInstant): CalendarBasis {
    const [ma, mb] = [parseInstant(a), parseInstant(b)];
    const first = yearOfDay(shanghaiDayOf(Math.min(ma, mb)));
    const last = yearOfDay(shanghaiDayOf(Math.max(ma, mb)));
    let weakest: CalendarBasis = 'official';
    for (let year = first; year <= last; year++) {
      const basis = this.basis(year);
      if (BASIS_STRENGTH[basis] < BASIS_STRENGTH[weakest]) weakest = basis;
    }
    return weakest;
  }

  /** Everything known about one date. */
  dayInfo(date: IsoDate): DayInfo {
    const day = parseIsoDate(date);
    const base = {
      date: formatIsoDate(day),
      weekday: weekdayOfDay(day),
      basis: this.basis(yearOfDay(day)),
    };
    const override = this.overrides.get(day);
    if (override !== undefined) {
      return {
        ...base,
        working: override.working,
        kind: override.working ? 'adjusted-workday' : 'holiday',
        name: override.name,
      };
    }
    const weekend = isWeekend(day);
    return { ...base, working: !weekend, kind: weekend ? 'weekend' : 'workday' };
  }

  /** Whether a date (`YYYY-MM-DD`, Shanghai) is a working day. */
  isWorkingDay(date: IsoDate): boolean {
    return this.isWorkingDayNumber(parseIsoDate(date));
  }

  /**
   * The first instant at or after `from` at which a working day begins (00:00 Shanghai). An
   * instant exactly at the start of a working day is returned as it is; a moment later, the next
   * working day's start is returned.
   */
  nextWorkingDayStart(from: IsoInstant): IsoInstant {
    const ms = parseInstant(from);
    const day = shanghaiDayOf(ms);
    if (shanghaiTimeOfDay(ms) === 0 && this.isWorkingDayNumber(day)) {
      return formatInstant(ms);
    }
    return formatInstant(shanghaiDayStart(this.workingDayAfter(day)));
  }

  /**
   * The same Shanghai time of day, `n` working days later (n = 0 returns `from` itself).
   *
   * From a non-working day (a weekend, a holiday) counting starts at the next working day's
   * start, 00:00: one working day from Saturday 15:00 is the end of Monday (Tuesday 00:00), so a
   * task given on a holiday gets whole working days. With n = 0 that is the next working day's
   * start. The result always lies on a working day: where the day after the last counted working
   * day is a holiday, the result is the start of the next working day, which is the same amount
   * of working time (no working time passes over a holiday).
   */
  addWorkingDays(from: IsoInstant, n: number): IsoInstant {
    return formatInstant(this.addWorkingDaysMs(parseInstant(from), n));
  }

  /**
   * The instant by which `n` hours of office time have passed since `from`: only office hours on
   * working days count (the default office hours, 09:00–12:00 and 13:30–18:00, unless others are
   * given). The earliest such instant: work that ends with a period ends at the period's end
   * (12:00, not 13:30), and n = 0 returns `from` itself. Fractions allowed, rounded to the
   * millisecond.
   */
  addWorkingHours(from: IsoInstant, n: number, officeHours?: readonly OfficePeriod[]): IsoInstant {
    return formatInstant(this.addWorkingHoursMs(parseInstant(from), n, officeSpans(officeHours)));
  }

  /**
   * Office time from `a` to `b`, in hours: the inverse of {@link addWorkingHours}
   * (`workingHoursBetween(x, addWorkingHours(x, n)) === n`). Negative when `b` is before `a`.
   */
  workingHoursBetween(a: IsoInstant, b: IsoInstant, officeHours?: readonly OfficePeriod[]): number {
    const spans = officeSpans(officeHours);
    const [ma, mb] = [parseInstant(a), parseInstant(b)];
    if (mb < ma) return -this.officeMsBetween(mb, ma, spans) / HOUR_MS;
    return this.officeMsBetween(ma, mb, spans) / HOUR_MS;
  }

  /**
   * `{ hours }`: elapsed clock hours, weekends and holidays included (an acknowledgement within 24
   * hours means 24 hours); fractions allowed, rounded to the millisecond.
   * `{ workingDays }`: {@link addWorkingDays}. `{ workingHours }`: {@link addWorkingHours}.
   */
  addDuration(from: IsoInstant, duration: Duration): IsoInstant {
    const ms = parseInstant(from);
    if ('workingDays' in duration) {
      return formatInstant(this.addWorkingDaysMs(ms, duration.workingDays));
    }
    if ('workingHours' in duration) {
      const spans = officeSpans(duration.officeHours);
      return formatInstant(this.addWorkingHoursMs(ms, duration.workingHours, spans));
    }
    if ('hours' in duration) {
      const { hours } = duration;
      if (typeof hours !== 'number' || !Number.isFinite(hours) || hours < 0 || hours > MAX_HOURS) {
        throw new ValidationError(`小时数须为 0 到 ${MAX_HOURS} 之间的数字`, { hours });
      }
      return formatInstant(ms + Math.round(hours * HOUR_MS));
    }
    throw new ValidationError(
      '时长须为 { hours }（小时）、{ workingDays }（工作日）或 { workingHours }（工作小时）',
      { duration },
    );
  }

  /** {@link addDuration}, with the basis it rests on and whether data updates can move it. */
  computeDeadline(from: IsoInstant, duration: Duration): Deadline {
    const due = this.addDuration(from, duration);
    if ('workingDays' in duration || 'workingHours' in duration) {
      const basis = this.basisBetween(from, due);
      return { due, basis, final: basis === 'official' };
    }
    return { due, basis: 'elapsed-hours', final: true };
  }

  /**
   * Working time from `a` to `b`, in working days, for statistics (average working days per stage).
   *
   * Every working day counts as 24 hours of working time, 00:00 to 24:00 Shanghai; weekends and
   * holidays count nothing. The result is that time divided by 24 hours, so it may be fractional:
   * from Friday 17:00 to Monday 09:00 (an ordinary weekend) is (7 h + 9 h) / 24 h = 0.667. Negative
   * when `b` is before `a`. It is the inverse of {@link addWorkingDays}:
   * `workingDaysBetween(x, addWorkingDays(x, n)) === n` for every instant x, on a working day or
   * not.
   */
  workingDaysBetween(a: IsoInstant, b: IsoInstant): number {
    const [ma, mb] = [parseInstant(a), parseInstant(b)];
    if (mb < ma) return -this.workingMsBetween(mb, ma) / DAY_MS;
    return this.workingMsBetween(ma, mb) / DAY_MS;
  }

  private workingMsBetween(from: number, to: number): number {
    const first = shanghaiDayOf(from);
    const last = shanghaiDayOf(to);
    if (first === last) {
      return this.isWorkingDayNumber(first) ? to - from : 0;
    }
    let total = this.isWorkingDayNumber(first) ? shanghaiDayStart(first + 1) - from : 0;
    for (let day = first + 1; day < last; day++) {
      if (this.isWorkingDayNumber(day)) total += DAY_MS;
    }
    if (this.isWorkingDayNumber(last)) total += to - shanghaiDayStart(last);
    return total;
  }

  private addWorkingDaysMs(from: number, n: number): number {
    if (!Number.isSafeInteger(n) || n < 0 || n > MAX_WORKING_DAYS) {
      throw new ValidationError(`工作日数须为 0 到 ${MAX_WORKING_DAYS} 之间的整数`, {
        workingDays: n,
      });
    }
    let day = shanghaiDayOf(from);
    let timeOfDay = shanghaiTimeOfDay(from);
    if (!this.isWorkingDayNumber(day)) {
      day = this.workingDayAfter(day);
      timeOfDay = 0;
    }
    for (let i = 0; i < n; i++) {
      day = this.workingDayAfter(day);
    }
    return shanghaiDayStart(day) + timeOfDay;
  }

  private addWorkingHoursMs(from: number, n: number, spans: readonly OfficeSpan[]): number {
    if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || n > MAX_WORKING_HOURS) {
      throw new ValidationError(`工作小时数须为 0 到 ${MAX_WORKING_HOURS} 之间的数字`, {
        workingHours: n,
      });
    }
    let remaining = Math.round(n * HOUR_MS);
    if (remaining === 0) return from;
    let day = shanghaiDayOf(from);
    let cursor = from;
    if (!this.isWorkingDayNumber(day)) {
      day = this.workingDayAfter(day);
      cursor = shanghaiDayStart(day);
    }
    // Each turn uses up a working day's office time; the bound on n bounds the turns.
    for (;;) {
      const start = shanghaiDayStart(day);
      for (const [s, e] of spans) {
        const a = Math.max(start + s, cursor);
        const b = start + e;
        if (b <= a) continue;
        if (b - a >= remaining) return a + remaining;
        remaining -= b - a;
      }
      day = this.workingDayAfter(day);
      cursor = shanghaiDayStart(day);
    }
  }

  private officeMsBetween(from: number, to: number, spans: readonly OfficeSpan[]): number {
    let total = 0;
    for (let day = shanghaiDayOf(from); day <= shanghaiDayOf(to); day++) {
      if (!this.isWorkingDayNumber(day)) continue;
      const start = shanghaiDayStart(day);
      for (const [s, e] of spans) {
        total += Math.max(0, Math.min(start + e, to) - Math.max(start + s, from));
      }
    }
    return total;
  }

  private isWorkingDayNumber(day: number): boolean {
    return this.overrides.get(day)?.working ?? !isWeekend(day);
  }

  /** The first working day strictly after `day`. */
  private workingDayAfter(day: number): number {
    // Validated data cannot make a year of holidays, but a bound beats an endless loop.
    for (let next = day + 1; next <= day + 366; next++) {
      if (this.isWorkingDayNumber(next)) return next;
    }
    throw new CalendarDataError([`no working day within a year after ${formatIsoDate(day)}`]);
  }
}
