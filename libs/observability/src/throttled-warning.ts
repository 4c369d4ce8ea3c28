/** The one method a throttled warning needs of a logger (pino's `warn`). */
export interface WarningSink {
  warn(fields: Record<string, unknown>, message: string): void;
}

/**
 * A connection's 'error' listener that logs instead of swallowing, at most once per `everyMs`: a
 * Redis or PostgreSQL that is down makes its client emit an error on every reconnect attempt (every
 * 200 ms to 2 s), which would flood the log; the line after a quiet spell says how many were held
 * back. Written here rather than taken from a library: it is a dozen lines over our own logger.
 */
export function throttledWarning(
  sink: WarningSink,
  message: string,
  fields: Record<string, unknown> = {},
  everyMs = 30_000,
  now: () => number = Date.now,
): (error: unknown) => void {
  let lastAt = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  return (error: unknown) => {
    const at = now();
    if (at - lastAt < everyMs) {
      suppressed += 1;
      return;
    }
    sink.warn({ ...fields, err: error, ...(suppressed > 0 ? { suppressed } : {}) }, message);
    lastAt = at;
    suppressed = 0;
  };
}
