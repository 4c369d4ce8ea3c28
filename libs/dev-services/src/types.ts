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
  /** Stops what this process started or adopted; a no-op for services it does not own. */
  stop(): Promise<void>;
}
