/* Properties of working hours over 2024 to 2028 (official, provisional and weekends-only years). */
import fc from 'fast-check';
import {
  addWorkingDays,
  addWorkingHours,
  isWorkingDay,
  type OfficePeriod,
  workingDaysBetween,
  workingHoursBetween,
} from './index';
import { formatShanghaiInstant, parseInstant, shanghaiDateOf, shanghaiTimeOfDay } from './time';

const FROM_MS = Date.UTC(2024, 5, 1);
const TO_MS = Date.UTC(2028, 5, 30);

const instant = fc
  .tuple(fc.integer({ min: FROM_MS, max: TO_MS }), fc.boolean())
  .map(([ms, local]) => (local ? formatShanghaiInstant(ms) : new Date(ms).toISOString()));

/** Whole and quarter hours, up to two weeks of office time. */
const hours = fc.integer({ min: 0, max: 300 }).map((q) => q / 4);

const officeHours: fc.Arbitrary<OfficePeriod[] | undefined> = fc.constantFrom(
  undefined,
  [{ start: '08:30', end: '17:30' }],
  [
    { start: '00:00', end: '06:00' },
    { start: '20:00', end: '24:00' },
  ],
  [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '18:00' },
    { start: '19:00', end: '21:00' },
  ],
);

const HM = (s: string): number => {
  const [h, m] = s.split(':').map(Number) as [number, number];
  return (h * 60 + m) * 60_000;
};
const DEFAULT: OfficePeriod[] = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '18:00' },
];
const ms = parseInstant;

describe('working-hour properties', () => {
  it('the due instant ends inside a period of a working day, never before the start', () => {
    fc.assert(
      fc.property(instant, hours, officeHours, (x, n, periods) => {
        const due = addWorkingHours(x, n, periods);
        expect(ms(due)).toBeGreaterThanOrEqual(ms(x));
        if (n === 0) {
          expect(ms(due)).toBe(ms(x));
          return;
        }
        const t = shanghaiTimeOfDay(ms(due));
        // A period ending at 24:00 ends on the next day's 00:00.
        const day =
          t === 0 ? shanghaiDateOf(new Date(ms(due) - 1).toISOString()) : shanghaiDateOf(due);
        const time = t === 0 ? 86_400_000 : t;
        expect(isWorkingDay(day)).toBe(true);
        expect((periods ?? DEFAULT).some((p) => HM(p.start) < time && time <= HM(p.end))).toBe(
          true,
        );
      }),
    );
  });

  it('workingHoursBetween(x, addWorkingHours(x, n)) === n', () => {
    fc.assert(
      fc.property(instant, hours, officeHours, (x, n, periods) => {
        expect(workingHoursBetween(x, addWorkingHours(x, n, periods), periods)).toBe(n);
      }),
    );
  });

  it('adding a then b working hours is adding a + b', () => {
    fc.assert(
      fc.property(instant, hours, hours, officeHours, (x, a, b, periods) => {
        expect(addWorkingHours(addWorkingHours(x, a, periods), b, periods)).toBe(
          addWorkingHours(x, a + b, periods),
        );
      }),
    );
  });

  it('is strictly increasing in n', () => {
    fc.assert(
      fc.property(instant, hours, hours, (x, a, b) => {
        fc.pre(a !== b);
        const [lo, hi] = a < b ? [a, b] : [b, a];
        expect(ms(addWorkingHours(x, lo))).toBeLessThan(ms(addWorkingHours(x, hi)));
      }),
    );
  });

  it('workingHoursBetween is antisymmetric, additive and at most the elapsed hours', () => {
    fc.assert(
      fc.property(instant, instant, instant, (a, b, c) => {
        expect(workingHoursBetween(b, a) + workingHoursBetween(a, b)).toBe(0);
        const sum = workingHoursBetween(a, b) + workingHoursBetween(b, c);
        expect(Math.abs(sum - workingHoursBetween(a, c))).toBeLessThan(1e-6);
        const elapsed = Math.abs(ms(b) - ms(a)) / 3_600_000;
        expect(Math.abs(workingHoursBetween(a, b))).toBeLessThanOrEqual(elapsed + 1e-9);
      }),
    );
  });

  it('with office hours all day long, 24n working hours are n working days', () => {
    const wholeDay = [{ start: '00:00', end: '24:00' }];
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 40 }), (x, n) => {
        fc.pre(isWorkingDay(shanghaiDateOf(x)) && shanghaiTimeOfDay(ms(x)) !== 0);
        expect(addWorkingHours(x, 24 * n, wholeDay)).toBe(addWorkingDays(x, n));
        expect(workingHoursBetween(x, addWorkingDays(x, n), wholeDay)).toBe(24 * n);
        expect(workingDaysBetween(x, addWorkingDays(x, n))).toBe(n);
      }),
    );
  });
});
