import { ARRANGEMENT_2025 } from './2025';
import { ARRANGEMENT_2026 } from './2026';
import { ARRANGEMENT_2027 } from './2027';
import type { YearArrangement } from './types';

export type {
  ArrangementStatus,
  CalendarEntry,
  HolidayName,
  IsoDate,
  YearArrangement,
} from './types';

/** Every year the calendar knows, in ascending order. Add a year here (docs/calendar.md). */
export const CHINA_HOLIDAY_ARRANGEMENTS: readonly YearArrangement[] = [
  ARRANGEMENT_2025,
  ARRANGEMENT_2026,
  ARRANGEMENT_2027,
];
