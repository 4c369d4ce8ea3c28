export type DevServiceLog = (msg: string, extra?: object) => void;

export interface ResolvedService {
  /** Connection URL. May contain a password: never log it. */
  url: string;
  source: 'configured' | 'loopback' | 'embedded' | 'spawned';
  /** Stops what this process started or adopted; a no-op for services it does not own. */
  stop(): Promise<void>;
}
