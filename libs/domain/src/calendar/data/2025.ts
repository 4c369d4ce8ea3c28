import type { YearArrangement } from './types';

/**
 * 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）, published 2024-11-12,
 * https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm
 *
 * The first year under the amended 全国年节及纪念日放假办法 (国务院令第795号): 春节 and 劳动节 gained one
 * statutory day each (春节: 除夕 to 初三; 劳动节: May 1 and 2).
 *
 * 一、元旦：1月1日（周三）放假1天，不调休。
 * 二、春节：1月28日（除夕、周二）至2月4日（初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
 * 三、清明节：4月4日（周五）至6日（周日）放假，共3天。
 * 四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。
 * 五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。
 * 六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。
 *
 * Item 六 is one period for both festivals; each day is named 国庆节 except 10月6日, the day of
 * 中秋节 itself (八月十五). Cross-checked against the npm package chinese-days 1.5.7 and the
 * holiday-cn data set, which agree day for day.
 */
export const ARRANGEMENT_2025: YearArrangement = {
  year: 2025,
  status: 'official',
  source: '国办发明电〔2024〕12号 https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm',
  holidays: [
    { date: '2025-01-01', name: '元旦' },
    { date: '2025-01-28', name: '春节' },
    { date: '2025-01-29', name: '春节' },
    { date: '2025-01-30', name: '春节' },
    { date: '2025-01-31', name: '春节' },
    { date: '2025-02-01', name: '春节' },
    { date: '2025-02-02', name: '春节' },
    { date: '2025-02-03', name: '春节' },
    { date: '2025-02-04', name: '春节' },
    { date: '2025-04-04', name: '清明节' },
    { date: '2025-04-05', name: '清明节' },
    { date: '2025-04-06', name: '清明节' },
    { date: '2025-05-01', name: '劳动节' },
    { date: '2025-05-02', name: '劳动节' },
    { date: '2025-05-03', name: '劳动节' },
    { date: '2025-05-04', name: '劳动节' },
    { date: '2025-05-05', name: '劳动节' },
    { date: '2025-05-31', name: '端午节' },
    { date: '2025-06-01', name: '端午节' },
    { date: '2025-06-02', name: '端午节' },
    { date: '2025-10-01', name: '国庆节' },
    { date: '2025-10-02', name: '国庆节' },
    { date: '2025-10-03', name: '国庆节' },
    { date: '2025-10-04', name: '国庆节' },
    { date: '2025-10-05', name: '国庆节' },
    { date: '2025-10-06', name: '中秋节' },
    { date: '2025-10-07', name: '国庆节' },
    { date: '2025-10-08', name: '国庆节' },
  ],
  workdays: [
    { date: '2025-01-26', name: '春节' },
    { date: '2025-02-08', name: '春节' },
    { date: '2025-04-27', name: '劳动节' },
    { date: '2025-09-28', name: '国庆节' },
    { date: '2025-10-11', name: '国庆节' },
  ],
};
