import { type ContenderName } from './contenders';
import { type RelayResult } from './relay-bench';
import { round } from '../support/stats';

export interface ContenderSummary {
  /** Medians over the rounds. */
  readonly eventsPerSecond: number | null;
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
  readonly rounds: ReadonlyArray<{
    eventsPerSecond: number | null;
    p50Ms: number | null;
    p99Ms: number | null;
    appends: number;
    /** Appends per statement over the session (warm-up included); null: not coalescing. */
    appendsPerStatement: number | null;
  }>;
}

export type ScenarioSummary = Record<ContenderName, ContenderSummary> & {
  readonly writers: number;
  readonly eventsPerAppend: number;
  readonly ratioVsRaw: number | null;
  readonly ratioVsEmmett: number | null;
  readonly ratioVsRawPerRound: readonly (number | null)[];
  readonly ratioVsEmmettPerRound: readonly (number | null)[];
  /** Ours with group commit off, over raw. */
  readonly soloRatioVsRaw: number | null;
  readonly soloRatioVsRawPerRound: readonly (number | null)[];
  /** Fastest over slowest round, per contender. */
  readonly roundSpread: Record<ContenderName, number | null>;
};

/** Above this spread between rounds the machine was too noisy for the medians to mean much. */
export const NOISY_SPREAD = 1.3;

export interface Target {
  readonly value: number | null;
  readonly target: number;
  readonly comparison: '>=' | '<=';
  readonly met: boolean;
  /** The rounds behind the value disagreed by more than NOISY_SPREAD. */
  readonly noisy: boolean;
}

export function target(
  value: number | null,
  goal: number,
  comparison: '>=' | '<=',
  noisy = false,
): Target {
  const met = value !== null && (comparison === '>=' ? value >= goal : value <= goal);
  return { value, target: goal, comparison, met, noisy };
}

/** Noisy when a contender behind the targets (raw, ours, emmett) spread too much. */
export function isNoisy(s: ScenarioSummary | undefined): boolean {
  return (
    s === undefined ||
    [s.roundSpread.raw, s.roundSpread.ours, s.roundSpread.emmett].some(
      (v) => v === null || v > NOISY_SPREAD,
    )
  );
}

const pad = (s: string, n: number): string => s.padEnd(n);
const lpad = (s: string, n: number): string => s.padStart(n);
const num = (v: number | null, digits = 2): string =>
  v === null ? 'n/a' : v.toLocaleString('en-US', { maximumFractionDigits: digits });

export function printScenarios(scenarios: Record<string, ScenarioSummary>): void {
  const header = `${pad('scenario', 13)}${pad('contender', 10)}${lpad('events/s', 11)}${lpad('p50 ms', 9)}${lpad('p99 ms', 9)}   events/s per round`;
  console.log(header);
  console.log('-'.repeat(header.length + 12));
  for (const [key, s] of Object.entries(scenarios)) {
    (['raw', 'ours', 'solo', 'emmett'] as const).forEach((name, i) => {
      const c = s[name];
      const perStatement = c.rounds.map((r) => r.appendsPerStatement);
      const coalesced = perStatement.every((x) => x !== null)
        ? `   (${perStatement.map((x) => num(x, 1)).join(' / ')} appends per statement)`
        : '';
      console.log(
        `${pad(i === 0 ? key : '', 13)}${pad(name, 10)}${lpad(num(round(c.eventsPerSecond ?? NaN, 0), 0), 11)}${lpad(num(c.p50Ms), 9)}${lpad(num(c.p99Ms), 9)}   ${c.rounds.map((r) => num(r.eventsPerSecond, 0)).join(' / ')}${coalesced}`,
      );
    });
    const list = (xs: readonly (number | null)[]): string => xs.map((x) => num(x)).join(' / ');
    console.log(
      `${pad('', 13)}ours/raw = ${num(s.ratioVsRaw)} (per round ${list(s.ratioVsRawPerRound)})   ours/emmett = ${num(s.ratioVsEmmett)} (per round ${list(s.ratioVsEmmettPerRound)})`,
    );
    console.log(
      `${pad('', 13)}solo/raw = ${num(s.soloRatioVsRaw)} (per round ${list(s.soloRatioVsRawPerRound)}): the same store with group commit off`,
    );
    const noisy = Object.entries(s.roundSpread).filter(([, v]) => v === null || v > NOISY_SPREAD);
    if (noisy.length > 0)
      console.log(
        `${pad('', 13)}NOISY: rounds differ by ${noisy.map(([k, v]) => `${k} ${num(v)}x`).join(', ')}; rerun on a quieter machine`,
      );
  }
}

export function printRelay(r: RelayResult): void {
  const ms = (v: number): string => num(round(v, 1), 1);
  console.log(
    `throughput: ${num(round(r.throughputEventsPerSecond, 0), 0)} events/s into BullMQ ` +
      `(${r.throughputEvents} backlog events in ${num(round(r.throughputSeconds, 2))} s; ` +
      `no-op worker drained them at ${num(round(r.consumerDrainEventsPerSecond, 0), 0)} events/s)`,
  );
  console.log(
    `lag at ${num(round(r.appendRate, 0), 0)} appends/s (${r.lagEvents} events, append p99 ${ms(r.appendP99Ms)} ms):`,
  );
  console.log(
    `  append returned -> job.timestamp      p50 ${ms(r.lagP50Ms)}  p99 ${ms(r.lagP99Ms)}  max ${ms(r.lagMaxMs)} ms`,
  );
  console.log(
    `  append returned -> addBulk resolved   p50 ${ms(r.publishedP50Ms)}  p99 ${ms(r.publishedP99Ms)}  max ${ms(r.publishedMaxMs)} ms`,
  );
  console.log(
    `  append returned -> worker ran the job p50 ${ms(r.e2eP50Ms)}  p99 ${ms(r.e2eP99Ms)}  max ${ms(r.e2eMaxMs)} ms`,
  );
}

export function printTargets(targets: Record<string, Target>): void {
  for (const [name, t] of Object.entries(targets)) {
    console.log(
      `${t.met ? 'MET   ' : 'MISSED'}  ${pad(name, 24)} ${num(t.value)} (target ${t.comparison} ${t.target})${t.noisy ? '  [noisy run: see the spread above]' : ''}`,
    );
  }
}
