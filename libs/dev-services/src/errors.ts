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
