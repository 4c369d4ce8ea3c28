/* Readable demand numbers: `XY-20261207-0001`, the day in China Standard Time. */
import fc from 'fast-check';
import {
  checkDemandPrefix,
  formatDemandNumber,
  isDemandNumber,
  isDemandPrefix,
  parseDemandNumber,
} from './number';

describe('demand numbers', () => {
  it('write the prefix, the day of receipt in China Standard Time and a padded sequence', () => {
    expect(formatDemandNumber('XY', '2026-12-07T09:00:00+08:00', 1)).toBe('XY-20261207-0001');
    // 23:30 UTC on 6 December is 07:30 on 7 December in Beijing.
    expect(formatDemandNumber('JTHZ', '2026-12-06T23:30:00Z', 42)).toBe('JTHZ-20261207-0042');
    // 15:59 UTC is still the same day; 16:00 UTC is the next.
    expect(formatDemandNumber('XY', '2026-12-31T15:59:59Z', 9999)).toBe('XY-20261231-9999');
    expect(formatDemandNumber('XY', '2026-12-31T16:00:00Z', 10000)).toBe('XY-20270101-10000');
  });

  it('refuse a bad prefix or sequence', () => {
    for (const prefix of ['X', 'xy', 'ABCDEFG', 'X1', '新阳', '']) {
      expect(() => formatDemandNumber(prefix, '2026-12-07T09:00:00+08:00', 1)).toThrow(
        '诉求编号前缀须为 2 到 6 个大写英文字母，例如 XY',
      );
    }
    for (const seq of [0, -1, 1.5, Number.NaN]) {
      expect(() => formatDemandNumber('XY', '2026-12-07T09:00:00+08:00', seq)).toThrow(
        '诉求编号的序号须为正整数',
      );
    }
  });

  it('parse back into their parts', () => {
    expect(parseDemandNumber('XY-20261207-0001')).toEqual({
      prefix: 'XY',
      date: '2026-12-07',
      seq: 1,
    });
    expect(parseDemandNumber('ABCDEF-20270101-12345').seq).toBe(12345);
  });

  it('refuse what formatDemandNumber never writes', () => {
    for (const bad of [
      'XY-20261207-001',
      'XY-20261207-00001',
      'XY-20261207-0000',
      'XY-20260230-0001',
      'xy-20261207-0001',
      'XY20261207-0001',
      ' XY-20261207-0001',
      'X-20261207-0001',
      42,
      null,
    ]) {
      expect(isDemandNumber(bad)).toBe(false);
      expect(() => parseDemandNumber(bad)).toThrow('诉求编号须写成“前缀-年月日-序号”');
    }
  });

  it('round-trip for any prefix, instant and sequence', () => {
    const prefix = fc.stringMatching(/^[A-Z]{2,6}$/);
    const instant = fc
      .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) })
      .map((ms) => new Date(ms).toISOString());
    fc.assert(
      fc.property(prefix, instant, fc.integer({ min: 1, max: 10_000_000 }), (p, at, seq) => {
        const number = formatDemandNumber(p, at, seq);
        const parsed = parseDemandNumber(number);
        expect(parsed.prefix).toBe(p);
        expect(parsed.seq).toBe(seq);
        expect(formatDemandNumber(parsed.prefix, `${parsed.date}T12:00:00+08:00`, seq)).toBe(
          number,
        );
      }),
    );
  });
});

describe('demand number prefixes', () => {
  it('are 2 to 6 capital letters', () => {
    expect(['XY', 'JTHZ', 'ABCDEF'].every(isDemandPrefix)).toBe(true);
    expect(['X', 'ABCDEFG', 'Xy', 'X-Y', 'XY ', 7].some(isDemandPrefix)).toBe(false);
    expect(checkDemandPrefix('SQ')).toBe('SQ');
    expect(() => checkDemandPrefix('sq')).toThrow('诉求编号前缀须为 2 到 6 个大写英文字母');
  });
});
