/**
 * A development service could not be provided. The message is shown to the person starting the
 * platform, so it always says what to do next (install something, set a variable, free a port).
 */
export class DevServiceError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DevServiceError';
  }
}

// Duck-typed on purpose: errors from Node's core come from another realm under Jest, where
// `instanceof Error` is false.
export function errorMessage(e: unknown): string {
  const message: unknown = (e as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(e);
}

export function errorField(e: unknown, field: 'code' | 'name'): unknown {
  return typeof e === 'object' && e !== null ? (e as Record<string, unknown>)[field] : undefined;
}
