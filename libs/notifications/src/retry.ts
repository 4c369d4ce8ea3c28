/**
 * The retry policy of the outbound channels (webhooks, SMS): exponential backoff with full jitter
 * (AWS Architecture Blog, "Exponential Backoff and Jitter"): the n-th retry waits a uniformly random
 * time in [0, min(cap, base·2^(n-1))]. The jitter spreads the retries of many deliveries that failed
 * together (a receiver's outage) instead of hammering it in waves.
 */
export interface BackoffPolicy {
  readonly baseMs: number;
  readonly capMs: number;
}

/** `attemptsMade`: attempts so far (1 after the first failure), as BullMQ passes it. */
export function fullJitterDelay(
  attemptsMade: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attemptsMade, 1) - 1, 40);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  return Math.floor(random() * (ceiling + 1));
}

/** The name of the custom backoff strategy (`backoff: { type }` on a job, see the Worker). */
export const FULL_JITTER = 'full-jitter';

export type DeliveryOutcome = 'delivered' | 'retry' | 'dead';

/**
 * What an HTTP answer means for a delivery: 2xx delivered; 408 (timeout) and 429 (rate limited)
 * and 5xx are worth retrying; any other answer (4xx, and 3xx since a webhook must not redirect) is
 * final: retrying would only repeat it.
 */
export function classifyHttpStatus(status: number): DeliveryOutcome {
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  return 'dead';
}
