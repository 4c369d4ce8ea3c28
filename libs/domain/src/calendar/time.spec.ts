import { ValidationError } from '../errors';
import {
  civilFromDays,
  daysFromCivil,
  formatInstant,
  formatIsoDate,
  formatShanghaiInstant,
  parseInstant,
  parseIsoDate,
  shanghaiDateOf,
  shanghaiDayOf,
  shanghaiDayStart,
  shanghaiTimeOfDay,
  weekdayOfDay,
} from './time';

describe('China Standard Time arithmetic', () => {
  it('numbers days from 1970-01-01 like Date.UTC', () => {
    for (const [y, m, d] of [
      [1970, 1, 1],
      [2000, 2, 29],
      [2024, 12, 31],
      [2025, 1, 26],
      [2100, 3, 1],
      [1969, 12, 31],
    ] as const) {
      expect(daysFromCivil(y, m, d)).toBe(Date.UTC(y, m - 1, d) / 86_400_000);
      expect(civilFromDays(daysFromCivil(y, m, d))).toEqual({ year: y, month: m, day: d });
    }
  });

  it('round-trips every day from 2024 to 2028', () => {
    for (let day = daysFromCivil(2024, 1, 1); day < daysFromCivil(2029, 1, 1); day++) {
      const date = formatIsoDate(day);
      expect(date).toBe(new Date(day * 86_400_000).toISOString().slice(0, 10));
      expect(parseIsoDate(date)).toBe(day);
    }
  });

  it('knows weekdays', () => {
    expect(weekdayOfDay(parseIsoDate('2025-01-26'))).toBe(0); // Sunday
    expect(weekdayOfDay(parseIsoDate('2025-10-11'))).toBe(6); // Saturday
    expect(weekdayOfDay(parseIsoDate('2025-10-08'))).toBe(3); // Wednesday
  });

  it('rejects malformed and impossible dates', () => {
    for (const bad of ['2025-2-1', '2025-02-30', '2026-02-29', '2025-13-01', '20250101', '']) {
      expect(() => parseIsoDate(bad)).toThrow(ValidationError);
    }
    expect(parseIsoDate('2028-02-29')).toBe(daysFromCivil(2028, 2, 29));
  });

  it('parses instants with Z or an offset, to the millisecond', () => {
    const expected = Date.UTC(2025, 8, 30, 17, 0, 0);
    expect(parseInstant('2025-09-30T17:00:00Z')).toBe(expected);
    expect(parseInstant('2025-09-30T17:00Z')).toBe(expected);
    expect(parseInstant('2025-10-01T01:00:00+08:00')).toBe(expected);
    expect(parseInstant('2025-09-30T12:00:00-05:00')).toBe(expected);
    expect(parseInstant('2025-09-30T17:00:00.123456Z')).toBe(expected + 123);
    expect(parseInstant('2025-09-30T17:00:00.5Z')).toBe(expected + 500);
  });

  it('rejects instants without an offset or with impossible fields', () => {
    for (const bad of [
      '2025-10-01T01:00:00',
      '2025-10-01',
      '2025-10-01 01:00:00Z',
      '2025-10-01T24:00:00Z',
      '2025-10-01T23:60:00Z',
      '2025-02-29T00:00:00Z',
      '2025-10-01T01:00:00+8:00',
      '0999-12-31T00:00:00Z',
    ]) {
      expect(() => parseInstant(bad)).toThrow(ValidationError);
    }
  });

  it('finds the Shanghai date of an instant: 2025-09-30T17:00:00Z is 2025-10-01 01:00 there', () => {
    expect(shanghaiDateOf('2025-09-30T17:00:00Z')).toBe('2025-10-01');
    expect(shanghaiDateOf('2025-09-30T15:59:59.999Z')).toBe('2025-09-30');
    expect(shanghaiDateOf('2025-09-30T16:00:00Z')).toBe('2025-10-01');
    const ms = parseInstant('2025-09-30T17:00:00Z');
    expect(shanghaiTimeOfDay(ms)).toBe(3_600_000);
    expect(formatShanghaiInstant(ms)).toBe('2025-10-01T01:00:00.000+08:00');
  });

  it('starts a Shanghai day at 16:00 UTC the day before', () => {
    expect(formatInstant(shanghaiDayStart(parseIsoDate('2025-10-01')))).toBe(
      '2025-09-30T16:00:00.000Z',
    );
    expect(shanghaiDayOf(shanghaiDayStart(parseIsoDate('2025-10-01')))).toBe(
      parseIsoDate('2025-10-01'),
    );
  });
});
