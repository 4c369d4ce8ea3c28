/**
 * The street's figures of its departments' whistles (docs/whistles.md, "Reads"), as plain
 * arithmetic over counts. The SQL (street-stats.queries.ts) sums `whistle_track_facts` per
 * department and CST month into a Tally; a Tally adds up exactly (averages from sums and counts),
 * so a department's figures are its months added, a street's its departments added.
 */

/** A rate and what it rests on: numerator / denominator, null when the denominator is 0. */
export interface CountedRate {
  readonly rate: number | null;
  readonly numerator: number;
  readonly denominator: number;
}

/** An average and the number of values it is of (null when none). */
export interface CountedAverage {
  readonly hours: number | null;
  readonly n: number;
}

/** What the SQL sums per group of tracks. */
export interface Tally {
  readonly received: number;
  readonly accepted: number;
  readonly acceptedOnTime: number;
  /** Accepted, or not accepted while its accept deadline has passed (the on-time rate's base). */
  readonly acceptanceDue: number;
  readonly checkInHours: number;
  readonly checkIns: number;
  readonly answerHours: number;
  readonly answers: number;
  readonly satisfied: number;
  readonly basicallySatisfied: number;
  readonly dissatisfied: number;
  readonly passedOn: number;
}

export const EMPTY_TALLY: Tally = {
  received: 0,
  accepted: 0,
  acceptedOnTime: 0,
  acceptanceDue: 0,
  checkInHours: 0,
  checkIns: 0,
  answerHours: 0,
  answers: 0,
  satisfied: 0,
  basicallySatisfied: 0,
  dissatisfied: 0,
  passedOn: 0,
};

export function addTallies(tallies: readonly Tally[]): Tally {
  const keys = Object.keys(EMPTY_TALLY) as (keyof Tally)[];
  return Object.fromEntries(
    keys.map((k) => [k, tallies.reduce((n, t) => n + t[k], 0)]),
  ) as unknown as Tally;
}

/** The figures a department (or a street, or a month of either) shows. */
export interface WhistleFigures {
  /** Tracks received (吹哨, or passed on to it) in the range. */
  readonly received: number;
  readonly accepted: number;
  readonly acceptedOnTime: number;
  /** 按时签收率: accepted on time / accepted or past the accept deadline unaccepted. */
  readonly onTimeAcceptanceRate: CountedRate;
  /** Elapsed hours from receipt to the first 报到, over the tracks with one. */
  readonly averageHoursToCheckIn: CountedAverage;
  /** Elapsed hours from receipt to the first 反馈, over the tracks with one. */
  readonly averageHoursToAnswer: CountedAverage;
  readonly ratings: {
    readonly satisfied: number;
    readonly basicallySatisfied: number;
    readonly dissatisfied: number;
  };
  /** 满意率: (satisfied + basically satisfied) / ratings given (一哨一评: one per answer). */
  readonly satisfactionRate: CountedRate;
  /** 流转: tracks this department passed on to another. */
  readonly passedOn: number;
}

export const counted = (numerator: number, denominator: number): CountedRate => ({
  rate: denominator === 0 ? null : numerator / denominator,
  numerator,
  denominator,
});

const average = (sum: number, n: number): CountedAverage => ({
  hours: n === 0 ? null : sum / n,
  n,
});

export function figuresOf(t: Tally): WhistleFigures {
  return {
    received: t.received,
    accepted: t.accepted,
    acceptedOnTime: t.acceptedOnTime,
    onTimeAcceptanceRate: counted(t.acceptedOnTime, t.acceptanceDue),
    averageHoursToCheckIn: average(t.checkInHours, t.checkIns),
    averageHoursToAnswer: average(t.answerHours, t.answers),
    ratings: {
      satisfied: t.satisfied,
      basicallySatisfied: t.basicallySatisfied,
      dissatisfied: t.dissatisfied,
    },
    satisfactionRate: counted(
      t.satisfied + t.basicallySatisfied,
      t.satisfied + t.basicallySatisfied + t.dissatisfied,
    ),
    passedOn: t.passedOn,
  };
}

/** Higher first; a rate with nothing under it (null) after every number. */
const byRate = (a: CountedRate, b: CountedRate): number =>
  a.rate === b.rate ? 0 : a.rate === null ? 1 : b.rate === null ? -1 : b.rate - a.rate;

const compareFigures = (a: WhistleFigures, b: WhistleFigures): number =>
  byRate(a.satisfactionRate, b.satisfactionRate) ||
  byRate(a.onTimeAcceptanceRate, b.onTimeAcceptanceRate);

/**
 * The rank rule: by satisfied rate (满意率), higher first, then by on-time acceptance rate
 * (按时签收率); a rate with nothing rated (or due) under it ranks after every number. Equal on
 * both, they share a rank (1, 1, 3) and keep the order they came in. Sorted by rank.
 */
export function ranked<T extends WhistleFigures>(rows: readonly T[]): (T & { rank: number })[] {
  const sorted = rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => compareFigures(a.row, b.row) || a.i - b.i)
    .map((x) => x.row);
  let rank = 0;
  return sorted.map((row, i) => {
    if (i === 0 || compareFigures(sorted[i - 1]!, row) !== 0) rank = i + 1;
    return { ...row, rank };
  });
}
