/**
 * The Chinese working-day calendar: State Council holiday arrangements (放假 and 调休) as data,
 * and deadline arithmetic in China Standard Time. See docs/calendar.md.
 */
import { type CalendarBasis, ChinaWorkingCalendar, type Deadline, type Duration } from './calendar';
import type { IsoDate } from './data/types';
import type { OfficePeriod } from './office-hours';
import type { IsoInstant } from './time';

export {
  type CalendarBasis,
  CalendarDataError,
  ChinaWorkingCalendar,
  type DayInfo,
  type DayKind,
  type Deadline,
  type Duration,
  MAX_HOURS,
  MAX_WORKING_DAYS,
  MAX_WORKING_HOURS,
  validateYearArrangement,
} from './calendar';
export { DEFAULT_OFFICE_HOURS, type OfficePeriod, officeSpans } from './office-hours';
export {
  type ArrangementStatus,
  type CalendarEntry,
  CHINA_HOLIDAY_ARRANGEMENTS,
  type HolidayName,
  type IsoDate,
  type YearArrangement,
} from './data';
export {
  formatChineseDate,
  formatChineseIsoDate,
  formatChineseMonthDay,
  formatChineseTime,
  formatShanghaiInstant,
  type IsoInstant,
  parseInstant,
  SHANGHAI_OFFSET_MS,
  shanghaiDateOf,
  type Weekday,
} from './time';

/** The calendar over the bundled data (2025 and 2026 official, 2027 provisional). */
export const chinaCalendar = new ChinaWorkingCalendar();

export const isWorkingDay = (date: IsoDate): boolean => chinaCalendar.isWorkingDay(date);
export const nextWorkingDayStart = (from: IsoInstant): IsoInstant =>
  chinaCalendar.nextWorkingDayStart(from);
export const addWorkingDays = (from: IsoInstant, n: number): IsoInstant =>
  chinaCalendar.addWorkingDays(from, n);
export const addDuration = (from: IsoInstant, duration: Duration): IsoInstant =>
  chinaCalendar.addDuration(from, duration);
export const computeDeadline = (from: IsoInstant, duration: Duration): Deadline =>
  chinaCalendar.computeDeadline(from, duration);
export const workingDaysBetween = (a: IsoInstant, b: IsoInstant): number =>
  chinaCalendar.workingDaysBetween(a, b);
export const addWorkingHours = (
  from: IsoInstant,
  n: number,
  officeHours?: readonly OfficePeriod[],
): IsoInstant => chinaCalendar.addWorkingHours(from, n, officeHours);
export const workingHoursBetween = (
  a: IsoInstant,
  b: IsoInstant,
  officeHours?: readonly OfficePeriod[],
): number => chinaCalendar.workingHoursBetween(a, b, officeHours);
export const isOfficial = (year: number): boolean => chinaCalendar.isOfficial(year);
export const calendarBasis = (year: number): CalendarBasis => chinaCalendar.basis(year);
