import { performance } from 'node:perf_hooks';
import { type Append } from './contenders';

export interface LoadResult {
  readonly appends: number;
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  /** Latency of every append that completed inside the measured window. */
  readonly latenciesMs: number[];
}

/**
 * Closed loop: every writer appends back to back for `warmupMs + measureMs`. Only appends that
 * complete inside the measured window count, so connection set-up and plan caching stay out.
 */
export async function closedLoop(
  writers: readonly Append[],
  eventsPerAppend: number,
  warmupMs: number,
  measureMs: number,
): Promise<LoadResult> {
  const start = performance.now();
  const measureFrom = start + warmupMs;
  const end = measureFrom + measureMs;
  const latenciesMs: number[] = [];
  let appends = 0;

  await Promise.all(
    writers.map(async (append) => {
      for (;;) {
        const t0 = performance.now();
        if (t0 >= end) return;
        await append();
        const t1 = performance.now();
        if (t1 >= measureFrom && t1 < end) {
          latenciesMs.push(t1 - t0);
          appends += 1;
        }
      }
    }),
  );

  const seconds = measureMs / 1000;
  return {
    appends,
    events: appends * eventsPerAppend,
    seconds,
    eventsPerSecond: (appends * eventsPerAppend) / seconds,
    latenciesMs,
  };
}
