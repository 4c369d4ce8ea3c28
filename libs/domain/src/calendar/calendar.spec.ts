import { ValidationError } from '../errors';
import { CalendarDataError, ChinaWorkingCalendar, validateYearArrangement } from './calendar';
import { CHINA_HOLIDAY_ARRANGEMENTS } from './data';
import type { YearArrangement } from './data/types';
import {
  addDuration,
  addWorkingDays,
  calendarBasis,
  chinaCalendar,
  computeDeadline,
  type Duration,
  isOfficial,
  isWorkingDay,
  nextWorkingDayStart,
  workingDaysBetween,
} from './index';

describe('isWorkingDay', () => {
  it.each([
    ['2025-01-26', true, 'Sunday, 调休 for 春节'],
    ['2025-01-27', true, 'Monday before 春节'],
    ['2025-01-28', false, '除夕'],
    ['2025-02-04', false, '春节, 初七'],
    ['2025-02-08', true, 'Saturday, 调休 for 春节'],
    ['2025-02-09', false, 'an ordinary Sunday'],
    ['2025-01-01', false, '元旦'],
    ['2025-04-27', true, 'Sunday, 调休 for 劳动节'],
    ['2025-05-05', false, '劳动节, a Monday'],
    ['2025-06-02', false, '端午节, a Monday'],
    ['2025-09-28', true, 'Sunday, 调休 for 国庆节'],
    ['2025-10-04', false, 'a Saturday inside 国庆节'],
    ['2025-10-06', false, '中秋节'],
    ['2025-10-08', false, 'Wednesday, 国庆节'],
    ['2025-10-09', true, 'Thursday after 国庆节'],
    ['2025-10-11', true, 'Saturday, 调休 for 国庆节'],
    ['2025-10-12', false, 'an ordinary Sunday'],
    ['2026-01-02', false, '元旦, a Friday'],
    ['2026-01-04', true, 'Sunday, 调休 for 元旦'],
    ['2026-02-14', true, 'Saturday, 调休 for 春节'],
    ['2026-02-23', false, '春节, a Monday'],
    ['2026-02-28', true, 'Saturday, 调休 for 春节'],
    ['2026-05-09', true, 'Saturday, 调休 for 劳动节'],
    ['2026-09-20', true, 'Sunday, 调休 for 国庆节'],
    ['2026-09-25', false, '中秋节, a Friday'],
    ['2026-10-07', false, '国庆节, a Wednesday'],
    ['2026-10-10', true, 'Saturday, 调休 for 国庆节'],
    ['2027-02-05', false, '除夕 (provisional)'],
    ['2027-02-08', false, '初三, a Monday (provisional)'],
    ['2027-06-09', false, '端午节 (provisional)'],
    ['2027-02-09', true, 'an ordinary Tuesday (provisional)'],
    ['2024-10-01', true, 'outside the data: weekends only (a known limit of the fallback)'],
    ['2028-01-01', false, 'outside the data: a Saturday'],
  ])('%s is %s (%s)', (date, working) => {
    expect(isWorkingDay(date)).toBe(working);
  });

  it('rejects what is not a date', () => {
    expect(() => isWorkingDay('2025-02-29')).toThrow(ValidationError);
    expect(() => isWorkingDay('2025-10-01T00:00:00Z')).toThrow(ValidationError);
  });
});

describe('dayInfo', () => {
  it('tells holidays, adjusted working days, weekends and ordinary days apart', () => {
    expect(chinaCalendar.dayInfo('2025-10-06')).toEqual({
      date: '2025-10-06',
      weekday: 1,
      working: false,
      kind: 'holiday',
      name: '中秋节',
      basis: 'official',
    });
    expect(chinaCalendar.dayInfo('2025-10-11')).toMatchObject({
      working: true,
      kind: 'adjusted-workday',
      name: '国庆节',
    });
    expect(chinaCalendar.dayInfo('2025-10-04')).toMatchObject({ weekday: 6, kind: 'holiday' });
    expect(chinaCalendar.dayInfo('2025-10-12')).toMatchObject({ working: false, kind: 'weekend' });
    expect(chinaCalendar.dayInfo('2025-10-09')).toEqual({
      date: '2025-10-09',
      weekday: 4,
      working: true,
      kind: 'workday',
      basis: 'official',
    });
    expect(chinaCalendar.dayInfo('2027-02-05')).toMatchObject({ basis: 'provisional' });
    expect(chinaCalendar.dayInfo('2030-05-01')).toMatchObject({
      working: true,
      kind: 'workday',
      basis: 'weekends-only',
    });
  });
});

describe('coverage', () => {
  it('is official for 2025 and 2026, provisional for 2027, weekends-only elsewhere', () => {
    expect(chinaCalendar.coveredYears()).toEqual([2025, 2026, 2027]);
    expect([2024, 2025, 2026, 2027, 2028].map(isOfficial)).toEqual([
      false,
      true,
      true,
      false,
      false,
    ]);
    expect([2024, 2025, 2026, 2027, 2028].map(calendarBasis)).toEqual([
      'weekends-only',
      'official',
      'official',
      'provisional',
      'weekends-only',
    ]);
  });

  it('reports the weakest basis of a span, in either order', () => {
    const b = (a: string, c: string): string => chinaCalendar.basisBetween(a, c);
    expect(b('2025-03-01T00:00:00Z', '2026-12-31T00:00:00Z')).toBe('official');
    expect(b('2026-12-31T00:00:00Z', '2027-01-04T00:00:00Z')).toBe('provisional');
    expect(b('2028-01-04T00:00:00Z', '2026-12-31T00:00:00Z')).toBe('weekends-only');
    // 2026-12-31T16:00Z is already 2027-01-01 in Shanghai.
    expect(b('2026-12-31T15:59:59Z', '2026-12-31T15:59:59Z')).toBe('official');
    expect(b('2026-12-31T16:00:00Z', '2026-12-31T16:00:00Z')).toBe('provisional');
  });
});

describe('addWorkingDays', () => {
  describe('across 春节 2025 (Jan 28 to Feb 4 off; Sun Jan 26 and Sat Feb 8 worked)', () => {
    const friday = '2025-01-24T10:00:00+08:00';
    it.each([
      [0, '2025-01-24T02:00:00.000Z'],
      [1, '2025-01-26T02:00:00.000Z'], // the 调休 Sunday
      [2, '2025-01-27T02:00:00.000Z'],
      [3, '2025-02-05T02:00:00.000Z'], // the first day after the holiday
      [5, '2025-02-07T02:00:00.000Z'],
      [6, '2025-02-08T02:00:00.000Z'], // the 调休 Saturday
      [7, '2025-02-10T02:00:00.000Z'],
    ])('Friday 10:00 plus %i working days', (n, due) => {
      expect(addWorkingDays(friday, n)).toBe(due);
    });

    it('jumps the whole holiday from the last day before it', () => {
      expect(addWorkingDays('2025-01-27T09:00:00+08:00', 1)).toBe('2025-02-05T01:00:00.000Z');
    });
  });

  describe('across 国庆中秋 2025 (Oct 1 to 8 off; Sun Sep 28 and Sat Oct 11 worked)', () => {
    const friday = '2025-09-26T09:30:00+08:00';
    it.each([
      [1, '2025-09-28T01:30:00.000Z'], // the 调休 Sunday
      [3, '2025-09-30T01:30:00.000Z'],
      [4, '2025-10-09T01:30:00.000Z'],
      [6, '2025-10-11T01:30:00.000Z'], // the 调休 Saturday
      [7, '2025-10-13T01:30:00.000Z'],
    ])('Friday 09:30 plus %i working days', (n, due) => {
      expect(addWorkingDays(friday, n)).toBe(due);
    });
  });

  describe('time-zone edges', () => {
    it('reads 2025-09-30T17:00:00Z as 2025-10-01 01:00 in Shanghai: a holiday', () => {
      // In UTC this is Tuesday 30 September, a working day; in Shanghai it is 国庆节.
      expect(addWorkingDays('2025-09-30T17:00:00Z', 0)).toBe('2025-10-08T16:00:00.000Z');
      expect(addWorkingDays('2025-09-30T17:00:00Z', 1)).toBe('2025-10-09T16:00:00.000Z');
    });

    it('reads 2025-09-30T15:59:59Z as 23:59:59 on Tuesday 30 September: a working day', () => {
      expect(addWorkingDays('2025-09-30T15:59:59Z', 1)).toBe('2025-10-09T15:59:59.000Z');
    });

    it('gives the same answer for the same instant in any offset', () => {
      const due = addWorkingDays('2025-09-30T09:00:00+08:00', 2);
      expect(addWorkingDays('2025-09-30T01:00:00Z', 2)).toBe(due);
      expect(addWorkingDays('2025-09-29T20:00:00-05:00', 2)).toBe(due);
      expect(due).toBe('2025-10-10T01:00:00.000Z');
    });
  });

  describe('from a non-working day: counting starts at the next working day start', () => {
    it('gives whole working days from a Saturday afternoon', () => {
      const saturday = '2025-03-08T15:00:00+08:00';
      expect(addWorkingDays(saturday, 0)).toBe('2025-03-09T16:00:00.000Z'); // Monday 00:00
      expect(addWorkingDays(saturday, 1)).toBe('2025-03-10T16:00:00.000Z'); // Tuesday 00:00
    });

    it('from a holiday counts after the holiday', () => {
      expect(addWorkingDays('2025-10-03T14:00:00+08:00', 2)).toBe('2025-10-10T16:00:00.000Z');
    });
  });

  it('uses the provisional 2027 statutory days', () => {
    expect(addWorkingDays('2027-02-04T09:00:00+08:00', 1)).toBe('2027-02-09T01:00:00.000Z');
  });

  it('falls back to weekends only outside the data, without throwing', () => {
    expect(addWorkingDays('2027-12-20T09:00:00+08:00', 10)).toBe('2028-01-03T01:00:00.000Z');
    expect(addWorkingDays('2024-09-30T09:00:00+08:00', 1)).toBe('2024-10-01T01:00:00.000Z');
  });

  it('rejects negative, fractional and absurd counts', () => {
    for (const n of [-1, 1.5, Number.NaN, Infinity, 10_001]) {
      expect(() => addWorkingDays('2025-03-10T09:00:00+08:00', n)).toThrow(ValidationError);
    }
  });

  it('rejects instants without an offset', () => {
    expect(() => addWorkingDays('2025-03-10T09:00:00', 1)).toThrow(ValidationError);
  });
});

describe('nextWorkingDayStart', () => {
  it('is the start of the first working day after a holiday', () => {
    expect(nextWorkingDayStart('2025-10-01T09:00:00+08:00')).toBe('2025-10-08T16:00:00.000Z');
  });

  it('finds a 调休 Sunday', () => {
    expect(nextWorkingDayStart('2025-01-24T18:00:00+08:00')).toBe('2025-01-25T16:00:00.000Z');
  });

  it('returns the start of a working day itself, and the next one a moment later', () => {
    expect(nextWorkingDayStart('2025-03-10T00:00:00+08:00')).toBe('2025-03-09T16:00:00.000Z');
    expect(nextWorkingDayStart('2025-03-10T00:00:00.001+08:00')).toBe('2025-03-10T16:00:00.000Z');
  });
});

describe('addDuration', () => {
  it('counts hours as elapsed time, holidays included', () => {
    expect(addDuration('2025-09-30T10:00:00+08:00', { hours: 24 })).toBe(
      '2025-10-01T02:00:00.000Z',
    );
    expect(addDuration('2025-09-30T10:00:00+08:00', { hours: 1.5 })).toBe(
      '2025-09-30T03:30:00.000Z',
    );
    expect(addDuration('2025-09-30T10:00:00+08:00', { hours: 0 })).toBe('2025-09-30T02:00:00.000Z');
  });

  it('counts working days as addWorkingDays does', () => {
    expect(addDuration('2025-09-26T09:30:00+08:00', { workingDays: 4 })).toBe(
      addWorkingDays('2025-09-26T09:30:00+08:00', 4),
    );
  });

  it('rejects bad durations', () => {
    const from = '2025-09-30T10:00:00+08:00';
    for (const bad of [{ hours: -1 }, { hours: Number.NaN }, { workingDays: -2 }, {}]) {
      expect(() => addDuration(from, bad as Duration)).toThrow(ValidationError);
    }
  });
});

describe('computeDeadline', () => {
  it('is final over official years', () => {
    expect(computeDeadline('2025-09-26T09:30:00+08:00', { workingDays: 4 })).toEqual({
      due: '2025-10-09T01:30:00.000Z',
      basis: 'official',
      final: true,
    });
  });

  it('is not final over the provisional year or outside the data', () => {
    // Wednesday 30 December 2026: Thursday 31, then 元旦 2027 (Friday) and a weekend.
    expect(computeDeadline('2026-12-30T09:00:00+08:00', { workingDays: 2 })).toEqual({
      due: '2027-01-04T01:00:00.000Z',
      basis: 'provisional',
      final: false,
    });
    expect(computeDeadline('2027-12-20T09:00:00+08:00', { workingDays: 10 })).toEqual({
      due: '2028-01-03T01:00:00.000Z',
      basis: 'weekends-only',
      final: false,
    });
  });

  it('needs no calendar for hours', () => {
    expect(computeDeadline('2030-01-01T00:00:00+08:00', { hours: 48 })).toEqual({
      due: '2030-01-02T16:00:00.000Z',
      basis: 'elapsed-hours',
      final: true,
    });
  });
});

describe('workingDaysBetween', () => {
  it('counts a weekend as nothing: Friday 17:00 to Monday 09:00 is 16 h of 24', () => {
    expect(
      workingDaysBetween('2025-03-07T17:00:00+08:00', '2025-03-10T09:00:00+08:00'),
    ).toBeCloseTo(16 / 24, 12);
  });

  it('counts 国庆中秋 as nothing', () => {
    expect(workingDaysBetween('2025-09-30T09:00:00+08:00', '2025-10-09T09:00:00+08:00')).toBe(1);
    expect(workingDaysBetween('2025-10-02T09:00:00+08:00', '2025-10-05T18:00:00+08:00')).toBe(0);
    // Sep 29, Sep 30, Oct 9, Oct 10 and the 调休 Saturday Oct 11.
    expect(workingDaysBetween('2025-09-29T00:00:00+08:00', '2025-10-13T00:00:00+08:00')).toBe(5);
  });

  it('is zero for one instant and negative when reversed', () => {
    const a = '2025-09-30T09:00:00+08:00';
    expect(workingDaysBetween(a, a)).toBe(0);
    expect(workingDaysBetween('2025-10-09T09:00:00+08:00', a)).toBe(-1);
  });

  it('counts within one working day by the hour', () => {
    expect(workingDaysBetween('2025-03-10T09:00:00+08:00', '2025-03-10T15:00:00+08:00')).toBe(0.25);
  });
});

describe('ChinaWorkingCalendar with other data', () => {
  const year = (overrides: Partial<YearArrangement>): YearArrangement => ({
    year: 2030,
    status: 'official',
    source: 'test data',
    holidays: [],
    workdays: [],
    ...overrides,
  });

  it('with no data is weekends-only everywhere', () => {
    const calendar = new ChinaWorkingCalendar([]);
    expect(calendar.isWorkingDay('2025-10-08')).toBe(true);
    expect(calendar.isOfficial(2025)).toBe(false);
  });

  it('takes a year it is given', () => {
    const calendar = new ChinaWorkingCalendar([
      year({
        holidays: [{ date: '2030-10-01', name: '国庆节' }],
        workdays: [{ date: '2030-09-29', name: '国庆节' }],
      }),
    ]);
    expect(calendar.isWorkingDay('2030-10-01')).toBe(false);
    expect(calendar.isWorkingDay('2030-09-29')).toBe(true);
    expect(calendar.isOfficial(2030)).toBe(true);
  });

  it.each([
    [
      'unsorted',
      year({
        holidays: [
          { date: '2030-10-02', name: '国庆节' },
          { date: '2030-10-01', name: '国庆节' },
        ],
      }),
      /not after/,
    ],
    [
      'duplicated',
      year({
        holidays: [
          { date: '2030-10-01', name: '国庆节' },
          { date: '2030-10-01', name: '国庆节' },
        ],
      }),
      /not after/,
    ],
    [
      'both holiday and working day',
      year({
        holidays: [{ date: '2030-09-29', name: '国庆节' }],
        workdays: [{ date: '2030-09-29', name: '国庆节' }],
      }),
      /both/,
    ],
    [
      'a weekday as 调休',
      year({ workdays: [{ date: '2030-09-30', name: '国庆节' }] }),
      /not a Saturday or Sunday/,
    ],
    ['in another year', year({ holidays: [{ date: '2031-01-01', name: '元旦' }] }), /not in 2030/],
    ['not a date', year({ holidays: [{ date: '2030-02-30', name: '春节' }] }), /not a date/],
  ])('refuses data that is %s', (_what, bad, problem) => {
    expect(validateYearArrangement(bad).join('\n')).toMatch(problem);
    expect(() => new ChinaWorkingCalendar([bad])).toThrow(CalendarDataError);
  });

  it('refuses a year given twice', () => {
    expect(() => new ChinaWorkingCalendar([year({}), year({})])).toThrow(/given twice/);
  });

  it('finds nothing wrong with the bundled data', () => {
    for (const arrangement of CHINA_HOLIDAY_ARRANGEMENTS) {
      expect(validateYearArrangement(arrangement)).toEqual([]);
    }
  });
});
