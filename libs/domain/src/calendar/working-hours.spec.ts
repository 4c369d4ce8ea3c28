/* Working hours: office hours on working days, over 2026's 国庆节 and its 调休 weekends. */
import { ValidationError } from '../errors';
import {
  addDuration,
  addWorkingHours,
  computeDeadline,
  type Duration,
  type OfficePeriod,
  workingHoursBetween,
} from './index';

describe('addWorkingHours (default office hours 09:00–12:00, 13:30–18:00)', () => {
  it('counts the morning, skips lunch and goes on in the afternoon', () => {
    // Monday 14 December 2026, 11:00: one hour before lunch, one after.
    expect(addWorkingHours('2026-12-14T11:00:00+08:00', 2)).toBe('2026-12-14T06:30:00.000Z');
  });

  it('ends at the end of a period when the work does (12:00, not 13:30)', () => {
    expect(addWorkingHours('2026-12-14T09:00:00+08:00', 3)).toBe('2026-12-14T04:00:00.000Z');
    expect(addWorkingHours('2026-12-14T09:00:00+08:00', 7.5)).toBe('2026-12-14T10:00:00.000Z');
  });

  it('starts counting at the next period when given outside office hours', () => {
    // Monday 07:00 and Monday 12:30: the first hour is 09:00–10:00, then 13:30–14:30.
    expect(addWorkingHours('2026-12-14T07:00:00+08:00', 1)).toBe('2026-12-14T02:00:00.000Z');
    expect(addWorkingHours('2026-12-14T12:30:00+08:00', 1)).toBe('2026-12-14T06:30:00.000Z');
    // Monday 19:00: Tuesday 09:00 to 10:30.
    expect(addWorkingHours('2026-12-14T19:00:00+08:00', 1.5)).toBe('2026-12-15T02:30:00.000Z');
  });

  it('skips an ordinary weekend', () => {
    // Friday 18 December 17:00: one hour on Friday, three on Monday morning.
    expect(addWorkingHours('2026-12-18T17:00:00+08:00', 4)).toBe('2026-12-21T04:00:00.000Z');
  });

  it('skips 国庆节 2026 (1 to 7 October) and works the 调休 Saturday, 10 October', () => {
    // Wednesday 30 September 16:00: 2 h that day, 7.5 h on Thursday 8 and Friday 9 October, 3 h on
    // the morning of Saturday 10 October and 4 h from 13:30: 17:30.
    expect(addWorkingHours('2026-09-30T16:00:00+08:00', 24)).toBe('2026-10-10T09:30:00.000Z');
    // Given on a holiday: counting starts on Thursday 8 October at 09:00.
    expect(addWorkingHours('2026-10-03T10:00:00+08:00', 1)).toBe('2026-10-08T02:00:00.000Z');
  });

  it('works the 调休 Sunday before 国庆节 (20 September 2026)', () => {
    // Friday 18 September 17:00: one hour on Friday, the Saturday off, three on Sunday morning.
    expect(addWorkingHours('2026-09-18T17:00:00+08:00', 4)).toBe('2026-09-20T04:00:00.000Z');
    expect(addWorkingHours('2026-09-19T10:00:00+08:00', 1)).toBe('2026-09-20T02:00:00.000Z');
  });

  it('returns the instant itself for no hours, in office hours or not', () => {
    expect(addWorkingHours('2026-10-03T10:00:00+08:00', 0)).toBe('2026-10-03T02:00:00.000Z');
    expect(addWorkingHours('2026-12-14T10:00:00+08:00', 0)).toBe('2026-12-14T02:00:00.000Z');
  });

  it('takes a community’s own office hours', () => {
    const officeHours: OfficePeriod[] = [
      { start: '08:30', end: '12:00' },
      { start: '14:00', end: '17:30' },
    ];
    // Monday 11:00: one hour to 12:00, then 14:00 to 15:00.
    expect(addWorkingHours('2026-12-14T11:00:00+08:00', 2, officeHours)).toBe(
      '2026-12-14T07:00:00.000Z',
    );
    const wholeDay = [{ start: '00:00', end: '24:00' }];
    expect(addWorkingHours('2026-09-30T16:00:00+08:00', 24, wholeDay)).toBe(
      '2026-10-08T08:00:00.000Z',
    );
  });

  it('refuses bad counts and bad office hours', () => {
    const from = '2026-12-14T09:00:00+08:00';
    for (const n of [-1, Number.NaN, Infinity, 10_001]) {
      expect(() => addWorkingHours(from, n)).toThrow(ValidationError);
    }
    const bad: unknown[] = [
      [],
      [{ start: '9:00', end: '12:00' }],
      [{ start: '09:00', end: '24:30' }],
      [{ start: '12:00', end: '09:00' }],
      [{ start: '09:00', end: '09:00' }],
      [
        { start: '09:00', end: '12:00' },
        { start: '11:00', end: '18:00' },
      ],
      [{ start: '24:00', end: '24:00' }],
      [null],
      'always',
    ];
    for (const officeHours of bad) {
      expect(() => addWorkingHours(from, 1, officeHours as OfficePeriod[])).toThrow(
        ValidationError,
      );
    }
    expect(() => addWorkingHours(from, 1, [{ start: '09:00', end: '12:00' }])).not.toThrow();
  });
});

describe('{ workingHours } durations', () => {
  it('go through addDuration and computeDeadline with the calendar’s basis', () => {
    const from = '2026-09-30T16:00:00+08:00';
    expect(addDuration(from, { workingHours: 24 })).toBe('2026-10-10T09:30:00.000Z');
    expect(computeDeadline(from, { workingHours: 24 })).toEqual({
      due: '2026-10-10T09:30:00.000Z',
      basis: 'official',
      final: true,
    });
    // Thursday 31 December 2026 17:00: into the provisional 2027 (元旦 off), not final.
    expect(computeDeadline('2026-12-31T17:00:00+08:00', { workingHours: 2 })).toEqual({
      due: '2027-01-04T02:00:00.000Z',
      basis: 'provisional',
      final: false,
    });
  });

  it('carry their office hours', () => {
    const duration: Duration = { workingHours: 1, officeHours: [{ start: '14:00', end: '16:00' }] };
    expect(addDuration('2026-12-14T09:00:00+08:00', duration)).toBe('2026-12-14T07:00:00.000Z');
  });

  it('refuse a bad count', () => {
    expect(() => addDuration('2026-12-14T09:00:00+08:00', { workingHours: -1 })).toThrow(
      ValidationError,
    );
  });
});

describe('workingHoursBetween', () => {
  it('counts office time only', () => {
    expect(workingHoursBetween('2026-12-14T08:00:00+08:00', '2026-12-14T20:00:00+08:00')).toBe(7.5);
    expect(workingHoursBetween('2026-12-14T11:00:00+08:00', '2026-12-14T14:30:00+08:00')).toBe(2);
    // Friday 17:00 to Monday 10:00: one hour and one hour.
    expect(workingHoursBetween('2026-12-18T17:00:00+08:00', '2026-12-21T10:00:00+08:00')).toBe(2);
  });

  it('counts 国庆节 as nothing and the 调休 Saturday as a working day', () => {
    expect(workingHoursBetween('2026-10-01T00:00:00+08:00', '2026-10-08T00:00:00+08:00')).toBe(0);
    expect(workingHoursBetween('2026-10-10T00:00:00+08:00', '2026-10-11T00:00:00+08:00')).toBe(7.5);
  });

  it('is negative when reversed', () => {
    expect(workingHoursBetween('2026-12-14T14:30:00+08:00', '2026-12-14T11:00:00+08:00')).toBe(-2);
  });
});
