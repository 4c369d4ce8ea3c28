export type DevServiceLog = (msg: string, extra?: object) => void;

export interface ResolvedService {
  /** Connection URL. May contain a password: never log it. */
  url: string;
  source: 'configured' | 'loopback' | 'embedded' | 'spawned';
  /**
   * True only when this process started the server. False when configured, found on loopback, or
   * adopted already running (perhaps owned by a running app): a short-lived tool such as a CLI
   * calls `stop()` only when this is true.
   */
  startedHere: boolean;
  /**
   * Done with the service. One we run (embedded PostgreSQL, our redis-server), started or adopted,
   * is stopped unless another live process still uses it; a no-op for services we do not run.
   */
  stop(): Promise<void>;
}
