/**
 * The shape of one year's holiday arrangement (部分节假日安排), kept as plain data so that adding a
 * year is a data change only (docs/calendar.md).
 */

/** A calendar date in China Standard Time (Asia/Shanghai), `YYYY-MM-DD`. */
export type IsoDate = string;

/** The festivals a State Council arrangement names. */
export type HolidayName = '元旦' | '春节' | '清明节' | '劳动节' | '端午节' | '中秋节' | '国庆节';

export interface CalendarEntry {
  readonly date: IsoDate;
  readonly name: HolidayName;
}

/**
 * - `official`: transcribed from the published 国务院办公厅 notice: holidays and 调休 working days.
 * - `provisional`: the notice is not published (or could not be verified): only the statutory
 *   holidays (全国年节及纪念日放假办法) are listed, no 调休 and no compensation for statutory days that
 *   fall on a weekend. Replace it with the official arrangement as soon as it is published.
 */
export type ArrangementStatus = 'official' | 'provisional';

export interface YearArrangement {
  readonly year: number;
  readonly status: ArrangementStatus;
  /** Where the data comes from: the notice's number and address, and how it was checked. */
  readonly source: string;
  /** 放假日期: every day off, weekends inside a holiday period included. Sorted, unique. */
  readonly holidays: readonly CalendarEntry[];
  /** 调休上班: weekend days that are working days. Sorted, unique. */
  readonly workdays: readonly CalendarEntry[];
}
