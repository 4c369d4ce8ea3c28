/*
 * The yardsticks against hand-counted ground truth. Twelve demands, `now` Friday 18 December 2026
 * 18:00; each one's place in every numerator and denominator is written beside it.
 */
import { DemandScenario } from './demand.fixtures';
import { type DemandSummary, demandSummaryOf, demandYardsticks } from './yardsticks';

const cst = (text: string): string => new Date(`2026-12-${text}+08:00`).toISOString();
const NOW = cst('18T18:00');

/** Received at `received` (day and time in December), accept due 24 h and resolve due 7 working days later. */
function demand(
  received: string,
  resolveDue: string,
  extra: Partial<DemandSummary> = {},
): DemandSummary {
  const receivedAt = cst(received);
  return {
    receivedAt,
    acceptDueAt: new Date(Date.parse(receivedAt) + 24 * 3_600_000).toISOString(),
    acceptedAt: null,
    resolveDueAt: cst(resolveDue),
    status: 'received',
    confirmations: [],
    reopenings: 0,
    ...extra,
  };
}
const answer = (rating: 'satisfied' | 'basically-satisfied' | 'dissatisfied', at: string) => ({
  rating,
  confirmedAt: cst(at),
});

// response / 24h / resolution / 7 days: D = in the denominator, N = in the numerator too, - = neither.
const LEDGER: Record<string, DemandSummary> = {
  // D N / D N / D N / D N; satisfied 1 of 1. Struck off Thursday 10 December.
  A: demand('07T09:00', '16T09:00', {
    acceptedAt: cst('07T11:00'),
    status: 'closed',
    confirmations: [answer('satisfied', '10T10:00')],
  }),
  // D / D / D N / D (struck off 17 December, after the 7 working days); 1 of 2 answers; reopened once.
  B: demand('07T09:00', '16T09:00', {
    acceptedAt: cst('08T15:00'),
    status: 'closed',
    confirmations: [answer('dissatisfied', '09T10:00'), answer('satisfied', '17T10:00')],
    reopenings: 1,
  }),
  // Withdrawn after a reopening: out of every count but `received`.
  C: demand('07T09:00', '16T09:00', {
    acceptedAt: cst('07T10:00'),
    status: 'withdrawn',
    confirmations: [answer('dissatisfied', '09T10:00')],
    reopenings: 1,
  }),
  // Merged away: out of every count but `received`.
  D: demand('08T09:00', '17T09:00', { status: 'merged' }),
  // Closed unevaluated (nobody answered): D N / D N / D / D; no answer.
  E: demand('07T09:00', '16T09:00', { acceptedAt: cst('07T10:00'), status: 'closed' }),
  // Received today, 8 hours ago, nothing due yet: - / - / - / -.
  F: demand('18T10:00', '29T10:00'),
  // Not accepted and past the accept deadline: D / D / - / - (resolve due 24 December).
  G: demand('15T09:00', '24T09:00'),
  // Being handled, past the resolve deadline: D N / D N / D / D.
  H: demand('07T09:00', '16T09:00', { acceptedAt: cst('07T12:00'), status: 'assigned' }),
  // Closed with its case, the submitter not yet answered: D N / D N / D / D.
  I: demand('08T09:00', '17T09:00', { acceptedAt: cst('08T10:00'), status: 'closed' }),
  // Closed with its case and confirmed basically satisfied: D N / D N / D N / D N; 1 of 1.
  J: demand('08T09:00', '17T09:00', {
    acceptedAt: cst('08T10:00'),
    status: 'closed',
    confirmations: [answer('basically-satisfied', '11T10:00')],
  }),
  // Accepted at the 24th hour exactly (in time), resolve deadline this morning: D N / D N / D / D.
  K: demand('09T09:00', '18T09:00', { acceptedAt: cst('10T09:00'), status: 'accepted' }),
  // Accept due in 4 working hours (Monday 12:00), accepted Monday 11:00, 66 hours after receipt:
  // D N / D / - / - (resolve due 22 December; 7 working days end Monday 21 December 17:00).
  L: {
    ...demand('11T17:00', '22T17:00', { acceptedAt: cst('14T11:00'), status: 'accepted' }),
    acceptDueAt: cst('14T12:00'),
  },
};

describe('the yardsticks', () => {
  it('count the twelve demands as by hand', () => {
    expect(demandYardsticks(Object.values(LEDGER), NOW)).toEqual({
      received: 12,
      closed: 3, // A, B, J
      reopened: 1, // B (C was withdrawn)
      responseRate: { rate: 7 / 9, numerator: 7, denominator: 9 },
      resolutionRate: { rate: 3 / 7, numerator: 3, denominator: 7 },
      satisfactionRate: { rate: 3 / 4, numerator: 3, denominator: 4 },
      acceptedWithin24hRate: { rate: 6 / 9, numerator: 6, denominator: 9 },
      closedWithin7DaysRate: { rate: 2 / 7, numerator: 2, denominator: 7 },
    });
  });

  it('are null with nothing to count, and leave withdrawn and merged demands out', () => {
    const none = { rate: null, numerator: 0, denominator: 0 };
    const empty = {
      closed: 0,
      reopened: 0,
      responseRate: none,
      resolutionRate: none,
      satisfactionRate: none,
      acceptedWithin24hRate: none,
      closedWithin7DaysRate: none,
    };
    expect(demandYardsticks([], NOW)).toEqual({ received: 0, ...empty });
    const gone = [LEDGER.C, LEDGER.D].filter((d) => d !== undefined);
    expect(demandYardsticks(gone, NOW)).toEqual({ received: 2, ...empty });
  });

  it('move demands into the denominators as their deadlines pass', () => {
    const g = [LEDGER.G].filter((d) => d !== undefined);
    // Before the accept deadline (Wednesday 16 December 09:00) G counts nowhere; after it, against.
    expect(demandYardsticks(g, cst('16T09:00')).responseRate.denominator).toBe(0);
    expect(demandYardsticks(g, cst('16T09:01')).responseRate).toEqual({
      rate: 0,
      numerator: 0,
      denominator: 1,
    });
    // Its 7 working days end Thursday 24 December 09:00.
    expect(demandYardsticks(g, cst('24T09:00')).closedWithin7DaysRate.denominator).toBe(0);
    expect(demandYardsticks(g, cst('24T09:01')).closedWithin7DaysRate.denominator).toBe(1);
  });

  it('read a demand’s folded state', () => {
    const s = DemandScenario.resolved().confirm('dissatisfied').resolve().confirm('satisfied');
    const summary = demandSummaryOf(s.demand);
    expect(summary).toEqual({
      receivedAt: s.demand.receivedAt,
      acceptDueAt: s.demand.acceptDueAt,
      acceptedAt: s.demand.acceptedAt,
      resolveDueAt: s.demand.resolveDueAt,
      status: 'closed',
      confirmations: s.demand.confirmations.map((c) => ({
        rating: c.rating,
        confirmedAt: c.confirmedAt,
      })),
      reopenings: 1,
    });
    const y = demandYardsticks([summary], s.now);
    expect(y).toMatchObject({ closed: 1, reopened: 1 });
    expect(y.satisfactionRate).toEqual({ rate: 0.5, numerator: 1, denominator: 2 });
  });
});
