/**
 * The ledger's yardsticks (docs/demands.md, "The yardsticks"): the hotline's rates counted honestly
 * over the demands received in a period. Pure arithmetic over summaries; the caller picks the
 * period and the grouping (per grid, category, estate, property company).
 *
 * Words as the table uses them:
 * - counted: received, less withdrawn and merged away (they leave every denominator, and so every
 *   numerator);
 * - finished: status `closed`, however (confirmed, closed unevaluated, or with its case);
 * - struck off (销号): finished with the last answer satisfied or basically satisfied, at the time
 *   of that answer. An unevaluated closing is never satisfied, and a case's closing counts only once
 *   so confirmed. The `closed` count is the struck-off demands.
 * A deadline "has passed" when `now` is after it; acting at the deadline itself is in time.
 */
import { addWorkingDays } from '../calendar';
import { type Rating } from '../case/types';
import { type DemandStatus, type LedgerDemand } from './types';

/** What the yardsticks need of one demand. */
export interface DemandSummary {
  readonly receivedAt: string;
  readonly acceptDueAt: string;
  readonly acceptedAt: string | null;
  readonly resolveDueAt: string;
  readonly status: DemandStatus;
  /** Every answer given, each round's, oldest first (unanswered rounds give none). */
  readonly confirmations: readonly { readonly rating: Rating; readonly confirmedAt: string }[];
  readonly reopenings: number;
}

export interface Rate {
  /** numerator / denominator; null when the denominator is 0. */
  readonly rate: number | null;
  readonly numerator: number;
  readonly denominator: number;
}

export interface DemandYardsticks {
  readonly received: number;
  /** Struck off (销号): finished with a satisfied or basically satisfied answer. */
  readonly closed: number;
  /** Reopenings (dissatisfied answers) of the counted demands: a count, not a rate. */
  readonly reopened: number;
  /** 响应率: accepted by the accept deadline, of those accepted or past it. */
  readonly responseRate: Rate;
  /** 解决率: struck off, of those finished or past the resolve deadline. */
  readonly resolutionRate: Rate;
  /** 满意率: satisfied or basically satisfied answers, of the answers given. */
  readonly satisfactionRate: Rate;
  /** 24 小时签收率: accepted within 24 elapsed hours of receipt, of those accepted or older. */
  readonly acceptedWithin24hRate: Rate;
  /** 7 日办结率: struck off within 7 working days of receipt, of those finished or older. */
  readonly closedWithin7DaysRate: Rate;
}

const HOURS_24_MS = 24 * 3_600_000;
const CLOSE_WITHIN_WORKING_DAYS = 7;

const satisfied = (rating: Rating): boolean =>
  rating === 'satisfied' || rating === 'basically-satisfied';

/** One rate's count: each demand (or answer) in the denominator, and in the numerator or not. */
class Tally {
  private numerator = 0;
  private denominator = 0;

  add(inNumerator: boolean): void {
    this.addMany(inNumerator ? 1 : 0, 1);
  }

  addMany(numerator: number, denominator: number): void {
    this.numerator += numerator;
    this.denominator += denominator;
  }

  rate(): Rate {
    const { numerator, denominator } = this;
    return { rate: denominator === 0 ? null : numerator / denominator, numerator, denominator };
  }
}

/**
 * What each rate asks of one demand, as plain values: the read model stores these beside the
 * demand, and its SQL counts them by the same rules as `demandYardsticks` (the two are checked
 * against each other).
 */
export interface YardstickFacts {
  /** Not withdrawn or merged away: in every denominator. */
  readonly counted: boolean;
  readonly receivedAt: string;
  readonly acceptDueAt: string;
  readonly acceptedAt: string | null;
  readonly resolveDueAt: string;
  /** Seven working days after receipt (the 7 日办结 line). */
  readonly sevenDaysAt: string;
  /** Status `closed`. */
  readonly finished: boolean;
  /** When it was struck off (销号), or null. */
  readonly struckOffAt: string | null;
  readonly answers: number;
  readonly satisfiedAnswers: number;
  readonly reopenings: number;
}

export function yardstickFactsOf(d: DemandSummary): YardstickFacts {
  const last = d.confirmations.at(-1);
  const struckOff = d.status === 'closed' && last !== undefined && satisfied(last.rating);
  return {
    counted: d.status !== 'withdrawn' && d.status !== 'merged',
    receivedAt: d.receivedAt,
    acceptDueAt: d.acceptDueAt,
    acceptedAt: d.acceptedAt,
    resolveDueAt: d.resolveDueAt,
    sevenDaysAt: addWorkingDays(d.receivedAt, CLOSE_WITHIN_WORKING_DAYS),
    finished: d.status === 'closed',
    struckOffAt: struckOff ? last.confirmedAt : null,
    answers: d.confirmations.length,
    satisfiedAnswers: d.confirmations.filter((c) => satisfied(c.rating)).length,
    reopenings: d.reopenings,
  };
}

export function demandYardsticks(demands: readonly DemandSummary[], now: string): DemandYardsticks {
  const nowMs = Date.parse(now);
  let closed = 0;
  let reopened = 0;
  const response = new Tally();
  const resolution = new Tally();
  const satisfaction = new Tally();
  const within24h = new Tally();
  const within7Days = new Tally();
  for (const f of demands.map(yardstickFactsOf)) {
    if (!f.counted) continue;
    const received = Date.parse(f.receivedAt);
    const accepted = f.acceptedAt === null ? null : Date.parse(f.acceptedAt);
    const struckOff = f.struckOffAt === null ? null : Date.parse(f.struckOffAt);
    if (struckOff !== null) closed++;
    reopened += f.reopenings;

    const acceptDue = Date.parse(f.acceptDueAt);
    if (accepted !== null || nowMs > acceptDue) {
      response.add(accepted !== null && accepted <= acceptDue);
    }
    if (f.finished || nowMs > Date.parse(f.resolveDueAt)) resolution.add(struckOff !== null);
    satisfaction.addMany(f.satisfiedAnswers, f.answers);
    if (accepted !== null || nowMs > received + HOURS_24_MS) {
      within24h.add(accepted !== null && accepted - received <= HOURS_24_MS);
    }
    const sevenDays = Date.parse(f.sevenDaysAt);
    if (f.finished || nowMs > sevenDays) {
      within7Days.add(struckOff !== null && struckOff <= sevenDays);
    }
  }
  return {
    received: demands.length,
    closed,
    reopened,
    responseRate: response.rate(),
    resolutionRate: resolution.rate(),
    satisfactionRate: satisfaction.rate(),
    acceptedWithin24hRate: within24h.rate(),
    closedWithin7DaysRate: within7Days.rate(),
  };
}

/** A demand's summary for the yardsticks, from its folded state. */
export function demandSummaryOf(demand: LedgerDemand): DemandSummary {
  return {
    receivedAt: demand.receivedAt,
    acceptDueAt: demand.acceptDueAt,
    acceptedAt: demand.acceptedAt,
    resolveDueAt: demand.resolveDueAt,
    status: demand.status,
    confirmations: demand.confirmations.map(({ rating, confirmedAt }) => ({
      rating,
      confirmedAt,
    })),
    reopenings: demand.reopenings,
  };
}
