import type { YearArrangement } from './types';

/**
 * 国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号）, published November 2025,
 * https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm
 *
 * This machine has no web access, so the notice itself could not be read here. The data below is
 * taken from the npm package chinese-days 1.5.7 (dist/years/2026.json, inspected with `npm pack`;
 * not a dependency) and cross-checked against the holiday-cn data set (2026.json, which cites the
 * same notice): both agree day for day.
 *
 * 一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
 * 二、春节：2月15日（腊月二十八、周日）至23日（正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
 * 三、清明节：4月4日（周六）至6日（周一）放假，共3天。
 * 四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
 * 五、端午节：6月19日（周五）至21日（周日）放假，共3天。
 * 六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
 * 七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
 */
export const ARRANGEMENT_2026: YearArrangement = {
  year: 2026,
  status: 'official',
  source:
    '国办发明电〔2025〕7号 https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm ' +
    '(transcribed from npm chinese-days 1.5.7, cross-checked with holiday-cn)',
  holidays: [
    { date: '2026-01-01', name: '元旦' },
    { date: '2026-01-02', name: '元旦' },
    { date: '2026-01-03', name: '元旦' },
    { date: '2026-02-15', name: '春节' },
    { date: '2026-02-16', name: '春节' },
    { date: '2026-02-17', name: '春节' },
    { date: '2026-02-18', name: '春节' },
    { date: '2026-02-19', name: '春节' },
    { date: '2026-02-20', name: '春节' },
    { date: '2026-02-21', name: '春节' },
    { date: '2026-02-22', name: '春节' },
    { date: '2026-02-23', name: '春节' },
    { date: '2026-04-04', name: '清明节' },
    { date: '2026-04-05', name: '清明节' },
    { date: '2026-04-06', name: '清明节' },
    { date: '2026-05-01', name: '劳动节' },
    { date: '2026-05-02', name: '劳动节' },
    { date: '2026-05-03', name: '劳动节' },
    { date: '2026-05-04', name: '劳动节' },
    { date: '2026-05-05', name: '劳动节' },
    { date: '2026-06-19', name: '端午节' },
    { date: '2026-06-20', name: '端午节' },
    { date: '2026-06-21', name: '端午节' },
    { date: '2026-09-25', name: '中秋节' },
    { date: '2026-09-26', name: '中秋节' },
    { date: '2026-09-27', name: '中秋节' },
    { date: '2026-10-01', name: '国庆节' },
    { date: '2026-10-02', name: '国庆节' },
    { date: '2026-10-03', name: '国庆节' },
    { date: '2026-10-04', name: '国庆节' },
    { date: '2026-10-05', name: '国庆节' },
    { date: '2026-10-06', name: '国庆节' },
    { date: '2026-10-07', name: '国庆节' },
  ],
  workdays: [
    { date: '2026-01-04', name: '元旦' },
    { date: '2026-02-14', name: '春节' },
    { date: '2026-02-28', name: '春节' },
    { date: '2026-05-09', name: '劳动节' },
    { date: '2026-09-20', name: '国庆节' },
    { date: '2026-10-10', name: '国庆节' },
  ],
};
