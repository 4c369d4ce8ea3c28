import { CHINA_HOLIDAY_ARRANGEMENTS } from './data';
import type { HolidayName } from './data/types';
import { parseIsoDate, weekdayOfDay, yearOfDay } from './time';

const NAMES: readonly HolidayName[] = [
  '元旦',
  '春节',
  '清明节',
  '劳动节',
  '端午节',
  '中秋节',
  '国庆节',
];

describe('holiday data', () => {
  it('covers 2025, 2026 and 2027 in ascending order, each year once', () => {
    expect(CHINA_HOLIDAY_ARRANGEMENTS.map((a) => a.year)).toEqual([2025, 2026, 2027]);
  });

  it('marks 2025 and 2026 official and 2027 provisional', () => {
    expect(CHINA_HOLIDAY_ARRANGEMENTS.map((a) => [a.year, a.status])).toEqual([
      [2025, 'official'],
      [2026, 'official'],
      [2027, 'provisional'],
    ]);
  });

  describe.each(CHINA_HOLIDAY_ARRANGEMENTS.map((a) => [a.year, a] as const))('%i', (year, a) => {
    const all = [...a.holidays, ...a.workdays];

    it('has real dates, all inside the year, with known festival names', () => {
      for (const entry of all) {
        expect(entry.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(yearOfDay(parseIsoDate(entry.date))).toBe(year);
        expect(NAMES).toContain(entry.name);
      }
    });

    it('keeps each list sorted, without duplicates', () => {
      for (const list of [a.holidays, a.workdays]) {
        const dates = list.map((e) => e.date);
        expect(dates).toEqual([...new Set(dates)].sort());
      }
    });

    it('has no date that is both a holiday and a working day', () => {
      const holidays = new Set(a.holidays.map((e) => e.date));
      expect(a.workdays.filter((e) => holidays.has(e.date))).toEqual([]);
    });

    it('puts every adjusted working day (调休上班) on a Saturday or Sunday', () => {
      for (const { date } of a.workdays) {
        expect([0, 6]).toContain(weekdayOfDay(parseIsoDate(date)));
      }
    });

    it('names a source', () => {
      expect(a.source.length).toBeGreaterThan(10);
    });
  });

  const count = (year: number, name: HolidayName): number =>
    CHINA_HOLIDAY_ARRANGEMENTS.find((a) => a.year === year)?.holidays.filter((e) => e.name === name)
      .length ?? -1;

  it('gives 2025 its published periods (8 days of 春节, 5 of 劳动节, 8 of 国庆中秋)', () => {
    expect(count(2025, '春节')).toBe(8);
    expect(count(2025, '劳动节')).toBe(5);
    expect(count(2025, '国庆节') + count(2025, '中秋节')).toBe(8);
    expect(count(2025, '元旦')).toBe(1);
    expect(count(2025, '清明节')).toBe(3);
    expect(count(2025, '端午节')).toBe(3);
  });

  it('gives 2026 its published periods (9 days of 春节)', () => {
    expect(count(2026, '元旦')).toBe(3);
    expect(count(2026, '春节')).toBe(9);
    expect(count(2026, '国庆节')).toBe(7);
    expect(count(2026, '中秋节')).toBe(3);
  });

  it('gives provisional 2027 exactly the 13 statutory days and no 调休', () => {
    const y2027 = CHINA_HOLIDAY_ARRANGEMENTS.find((a) => a.year === 2027);
    expect(y2027?.holidays).toHaveLength(13);
    expect(y2027?.workdays).toEqual([]);
  });
});
