import { addTallies, EMPTY_TALLY, figuresOf, ranked, type Tally } from './street-figures';

const tally = (t: Partial<Tally>): Tally => ({ ...EMPTY_TALLY, ...t });

describe("the street's figures", () => {
  it('adds tallies exactly: averages from the summed hours and counts, rates with their bases', () => {
    const f = figuresOf(
      addTallies([
        tally({
          received: 2,
          accepted: 1,
          acceptedOnTime: 1,
          acceptanceDue: 2,
          checkInHours: 3,
          checkIns: 1,
        }),
        tally({ received: 1, checkInHours: 6, checkIns: 2, satisfied: 1, dissatisfied: 1 }),
      ]),
    );
    expect(f.received).toBe(3);
    expect(f.onTimeAcceptanceRate).toEqual({ rate: 0.5, numerator: 1, denominator: 2 });
    expect(f.averageHoursToCheckIn).toEqual({ hours: 3, n: 3 });
    expect(f.averageHoursToAnswer).toEqual({ hours: null, n: 0 });
    expect(f.satisfactionRate).toEqual({ rate: 0.5, numerator: 1, denominator: 2 });
  });

  it('ranks by satisfied rate, then on-time rate, nothing under a rate last; equals share a rank', () => {
    const row = (name: string, t: Partial<Tally>) => ({ name, ...figuresOf(tally(t)) });
    const out = ranked([
      row('none', {}),
      row('half', { satisfied: 1, dissatisfied: 1, acceptedOnTime: 1, acceptanceDue: 1 }),
      row('all-late', { basicallySatisfied: 2, acceptanceDue: 1 }),
      row('all-on-time', { satisfied: 1, acceptedOnTime: 2, acceptanceDue: 2 }),
      row('half-too', { satisfied: 2, dissatisfied: 2, acceptedOnTime: 3, acceptanceDue: 3 }),
      row('none-too', {}),
    ]);
    expect(out.map((r) => [r.name, r.rank])).toEqual([
      ['all-on-time', 1],
      ['all-late', 2],
      ['half', 3],
      ['half-too', 3],
      ['none', 5],
      ['none-too', 5],
    ]);
  });
});
