import { ValidationError } from '../errors';
import {
  chineseTimesIn,
  formatChineseDate,
  formatChineseIsoDate,
  formatChineseMonthDay,
  formatChineseTime,
} from './time';

describe('times shown to people: China Standard Time, Chinese form', () => {
  it('writes the example of the API contract', () => {
    expect(formatChineseTime('2026-12-10T00:12:47.193Z')).toBe('2026年12月10日 08:12');
  });

  it('moves to the next Shanghai day at 16:00 UTC, across a year end', () => {
    expect(formatChineseTime('2026-12-31T15:59:59.999Z')).toBe('2026年12月31日 23:59');
    expect(formatChineseTime('2026-12-31T16:00:00.000Z')).toBe('2027年1月1日 00:00');
    expect(formatChineseDate('2026-12-31T16:00:00.000Z')).toBe('2027年1月1日');
    expect(formatChineseMonthDay('2026-02-28T16:30:00Z')).toBe('3月1日');
  });

  it('reads any offset, and a +08:00 time keeps its clock reading', () => {
    expect(formatChineseTime('2026-03-05T18:00:00+08:00')).toBe('2026年3月5日 18:00');
    expect(formatChineseTime('2026-03-05T05:00:00-05:00')).toBe('2026年3月5日 18:00');
  });

  it('does not depend on the host time zone (no DST in China: summer equals winter)', () => {
    expect(formatChineseTime('2026-07-01T04:00:00Z')).toBe('2026年7月1日 12:00');
    expect(formatChineseTime('2026-01-01T04:00:00Z')).toBe('2026年1月1日 12:00');
  });

  it('formats a calendar date without a zone', () => {
    expect(formatChineseIsoDate('2026-12-07')).toBe('2026年12月7日');
    expect(() => formatChineseIsoDate('2026-02-30')).toThrow(ValidationError);
  });

  it('refuses a string that is no time, in Chinese', () => {
    expect(() => formatChineseTime('soon')).toThrow(ValidationError);
    expect(() => formatChineseTime('soon')).toThrow(/不是有效的 ISO 8601 时间/);
  });

  it('rewrites the ISO instants inside older words, and leaves other text alone', () => {
    expect(chineseTimesIn('公告期未满，2026-12-10T00:12:47.193Z 后方可进入议事会商')).toBe(
      '公告期未满，2026年12月10日 08:12 后方可进入议事会商',
    );
    expect(chineseTimesIn('评价期未结束（2026-12-14T02:00:00+08:00）')).toBe(
      '评价期未结束（2026年12月14日 02:00）',
    );
    expect(chineseTimesIn('尚有 2 项任务未完成')).toBe('尚有 2 项任务未完成');
  });
});
