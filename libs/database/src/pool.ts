import { Pool, type PoolConfig } from 'pg';

export interface PoolOptions {
  readonly databaseUrl: string;
  readonly max: number;
  readonly statementTimeoutMs: number;
  readonly applicationName: string;
}

/**
 * The shared pg pool. Timeouts keep one stuck session from holding back the relay's snapshot xmin
 * (engineering notes: "the same filter waits behind any long transaction").
 */
export function createPool(options: PoolOptions): Pool {
  const config: PoolConfig = {
    connectionString: options.databaseUrl,
    max: options.max,
    application_name: options.applicationName,
    statement_timeout: options.statementTimeoutMs,
    idle_in_transaction_session_timeout: Math.max(options.statementTimeoutMs, 10_000),
    connectionTimeoutMillis: 3_000,
    idleTimeoutMillis: 30_000,
  };
  const pool = new Pool(config);
  // An idle client losing its connection (Postgres restarted) must not crash the process; the pool
  // discards it and the next checkout reconnects.
  pool.on('error', () => undefined);
  return pool;
}

/** True for errors that mean "Postgres is unreachable or going away", as opposed to bad SQL or data. */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (
      ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH'].includes(
        code,
      )
    )
      return true;
    // 08: connection exception; 57P01-57P03: admin shutdown, crash shutdown, cannot connect now.
    if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03')
      return true;
  }
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    error.message,
  );
}

/** The same server URL pointed at another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
