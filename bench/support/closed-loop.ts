import { median, percentile, round } from './stats';

/** One closed-loop run: how long it took, each request's latency, the statuses answered. */
export interface Sample {
  readonly seconds: number;
  readonly latencies: number[];
  readonly statuses: Record<string, number>;
}

/**
 * `clients` closed-loop clients taking the next of `n` requests until none is left (or `seconds`
 * have passed); `send(i)` answers the HTTP status of request `i`.
 */
export async function closedLoop(
  n: number,
  clients: number,
  send: (i: number) => Promise<number>,
  seconds = Number.POSITIVE_INFINITY,
): Promise<Sample> {
  let next = 0;
  const until = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < n && performance.now() < until; i = next++) {
        const t = performance.now();
        const status = await send(i);
        latencies.push(performance.now() - t);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latencies, statuses };
}

/** Several runs as one: requests, requests per second, p50/p99/max latency, statuses. */
export function summarise(samples: readonly Sample[]) {
  const latencies = samples.flatMap((s) => s.latencies);
  const seconds = samples.reduce((a, s) => a + s.seconds, 0);
  const statuses: Record<string, number> = {};
  for (const s of samples)
    for (const [k, n] of Object.entries(s.statuses)) statuses[k] = (statuses[k] ?? 0) + n;
  return {
    requests: latencies.length,
    seconds: round(seconds, 2)!,
    perSecond: round(latencies.length / seconds, 0)!,
    p50Ms: round(median(latencies), 1)!,
    p99Ms: round(percentile(latencies, 99), 1)!,
    maxMs: round(Math.max(...latencies), 1)!,
    statuses,
  };
}
