import fc from 'fast-check';
import {
  addDuration,
  addWorkingDays,
  isWorkingDay,
  nextWorkingDayStart,
  workingDaysBetween,
} from './index';
import { formatShanghaiInstant, parseInstant, shanghaiDateOf, shanghaiTimeOfDay } from './time';

// From mid-2024 (weekends-only fallback) through the covered years into 2028 (fallback again).
const FROM_MS = Date.UTC(2024, 5, 1);
const TO_MS = Date.UTC(2028, 5, 30);

/** Any instant, written in UTC or in Shanghai time. */
const instant = fc
  .tuple(fc.integer({ min: FROM_MS, max: TO_MS }), fc.boolean())
  .map(([ms, local]) => (local ? formatShanghaiInstant(ms) : new Date(ms).toISOString()));

/** An instant inside a working day (Shanghai). */
const workingInstant = instant.filter((x) => isWorkingDay(shanghaiDateOf(x)));

const count = fc.integer({ min: 0, max: 60 });
const ms = parseInstant;

describe('working-day calendar properties', () => {
  it('addWorkingDays always lands on a working day, never before its start', () => {
    fc.assert(
      fc.property(instant, count, (x, n) => {
        const due = addWorkingDays(x, n);
        expect(isWorkingDay(shanghaiDateOf(due))).toBe(true);
        expect(ms(due)).toBeGreaterThanOrEqual(ms(x));
      }),
    );
  });

  it('addWorkingDays is strictly increasing in n', () => {
    fc.assert(
      fc.property(instant, count, count, (x, a, b) => {
        fc.pre(a !== b);
        const [lo, hi] = a < b ? [a, b] : [b, a];
        expect(ms(addWorkingDays(x, lo))).toBeLessThan(ms(addWorkingDays(x, hi)));
      }),
    );
  });

  it('keeps the time of day from a working-day instant', () => {
    fc.assert(
      fc.property(workingInstant, count, (x, n) => {
        expect(shanghaiTimeOfDay(ms(addWorkingDays(x, n)))).toBe(shanghaiTimeOfDay(ms(x)));
      }),
    );
  });

  it('workingDaysBetween(x, addWorkingDays(x, n)) === n from a working-day instant', () => {
    fc.assert(
      fc.property(workingInstant, count, (x, n) => {
        expect(workingDaysBetween(x, addWorkingDays(x, n))).toBe(n);
      }),
    );
  });

  it('workingDaysBetween(x, addWorkingDays(x, n)) === n from any instant, too', () => {
    fc.assert(
      fc.property(instant, count, (x, n) => {
        expect(workingDaysBetween(x, addWorkingDays(x, n))).toBe(n);
      }),
    );
  });

  it('adding a then b working days is adding a + b', () => {
    fc.assert(
      fc.property(instant, count, count, (x, a, b) => {
        expect(addWorkingDays(addWorkingDays(x, a), b)).toBe(addWorkingDays(x, a + b));
      }),
    );
  });

  it('workingDaysBetween is antisymmetric and additive', () => {
    fc.assert(
      fc.property(instant, instant, instant, (a, b, c) => {
        // Summed, not negated: for a = b, -0 and 0 differ under Object.is.
        expect(workingDaysBetween(b, a) + workingDaysBetween(a, b)).toBe(0);
        const sum = workingDaysBetween(a, b) + workingDaysBetween(b, c);
        expect(Math.abs(sum - workingDaysBetween(a, c))).toBeLessThan(1e-9);
      }),
    );
  });

  it('workingDaysBetween never exceeds the elapsed days', () => {
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        const elapsedDays = Math.abs(ms(b) - ms(a)) / 86_400_000;
        expect(Math.abs(workingDaysBetween(a, b))).toBeLessThanOrEqual(elapsedDays + 1e-9);
      }),
    );
  });

  it('nextWorkingDayStart is a working day at 00:00, not before x and no working time skipped', () => {
    fc.assert(
      fc.property(instant, (x) => {
        const start = nextWorkingDayStart(x);
        expect(ms(start)).toBeGreaterThanOrEqual(ms(x));
        expect(isWorkingDay(shanghaiDateOf(start))).toBe(true);
        expect(shanghaiTimeOfDay(ms(start))).toBe(0);
        // Only the rest of x's own day can be working time before it.
        expect(workingDaysBetween(x, start)).toBeLessThanOrEqual(1);
        expect(addWorkingDays(start, 0)).toBe(start);
      }),
    );
  });

  it('gives the same answer for one instant however it is written', () => {
    fc.assert(
      fc.property(fc.integer({ min: FROM_MS, max: TO_MS }), count, (t, n) => {
        expect(addWorkingDays(formatShanghaiInstant(t), n)).toBe(
          addWorkingDays(new Date(t).toISOString(), n),
        );
      }),
    );
  });

  it('counts hours as elapsed time', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 24 * 60 }), (x, hours) => {
        expect(ms(addDuration(x, { hours })) - ms(x)).toBe(hours * 3_600_000);
      }),
    );
  });
});
