import type { YearArrangement } from './types';

/**
 * PROVISIONAL: statutory holidays only, no 调休 known.
 *
 * The 2027 notice (国务院办公厅关于2027年部分节假日安排的通知) could not be found here: no web access,
 * and neither npm chinese-days 1.5.7 (the newest release, 2026-05) nor the holiday-cn data set
 * (snapshot of 2026-08) has 2027. Until it is transcribed, this lists only the 13 statutory days of
 * 全国年节及纪念日放假办法 (as amended by 国务院令第795号, in force since 2025-01-01):
 *
 * - 元旦 1 day: 1月1日 (Fri)
 * - 春节 4 days, 除夕 to 正月初三: 2月5日 (Fri, 腊月廿九 is 除夕: 腊月 has 29 days) to 2月8日 (Mon)
 * - 清明节 1 day, the day of the solar term 清明: 4月5日 (Mon)
 * - 劳动节 2 days: 5月1日 (Sat), 5月2日 (Sun)
 * - 端午节 1 day, 五月初五: 6月9日 (Wed)
 * - 中秋节 1 day, 八月十五: 9月15日 (Wed)
 * - 国庆节 3 days: 10月1日 (Fri) to 3日 (Sun)
 *
 * Lunar dates and the solar term were computed with chinese-days 1.5.7 (getLunarDate,
 * getSolarTerms). The official arrangement will add days off (statutory days that fall on a weekend
 * are made up on a weekday, and bridges are built with 调休) and make some weekends working days,
 * so deadlines computed over 2027 may move when it is published. The calendar reports this year as
 * not official (`isOfficial(2027) === false`, basis `provisional`).
 */
export const ARRANGEMENT_2027: YearArrangement = {
  year: 2027,
  status: 'provisional',
  source:
    'provisional: statutory holidays only (全国年节及纪念日放假办法, 国务院令第795号), no 调休 known; ' +
    'the 2027 notice was not available',
  holidays: [
    { date: '2027-01-01', name: '元旦' },
    { date: '2027-02-05', name: '春节' },
    { date: '2027-02-06', name: '春节' },
    { date: '2027-02-07', name: '春节' },
    { date: '2027-02-08', name: '春节' },
    { date: '2027-04-05', name: '清明节' },
    { date: '2027-05-01', name: '劳动节' },
    { date: '2027-05-02', name: '劳动节' },
    { date: '2027-06-09', name: '端午节' },
    { date: '2027-09-15', name: '中秋节' },
    { date: '2027-10-01', name: '国庆节' },
    { date: '2027-10-02', name: '国庆节' },
    { date: '2027-10-03', name: '国庆节' },
  ],
  workdays: [],
};
