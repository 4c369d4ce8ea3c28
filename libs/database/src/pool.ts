import { createHash } from 'node:crypto';
import { Pool, type PoolClient, type PoolConfig, type QueryConfig } from 'pg';
import { defaultLogger, throttledWarning, type WarningSink } from '@yishi/observability';

export interface PoolOptions {
  readonly databaseUrl: string;
  readonly max: number;
  readonly statementTimeoutMs: number;
  readonly applicationName: string;
  /** Prepare parameterised statements once per connection (see `preparingStatements`). Default on. */
  readonly preparedStatements?: boolean;
  /** Where an idle client's connection error is reported (default: the shared stdout logger). */
  readonly log?: WarningSink;
  /** How long a checkout waits for a new connection (default 3 s). */
  readonly connectTimeoutMs?: number;
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
    connectionTimeoutMillis: options.connectTimeoutMs ?? 3_000,
    idleTimeoutMillis: 30_000,
  };
  const pool = new Pool(config);
  if (options.preparedStatements !== false) pool.on('connect', preparingStatements);
  // An idle client losing its connection (Postgres restarted) must not crash the process; the pool
  // discards it and the next checkout reconnects. Said in the log, a line per 30 s at most.
  pool.on(
    'error',
    throttledWarning(options.log ?? defaultLogger(), 'PostgreSQL: an idle connection failed', {
      pool: options.applicationName,
    }),
  );
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

/** Statements longer than this are left unnamed: generated bulk SQL, rarely the same twice. */
const MAX_PREPARED_TEXT = 8_000;

/**
 * Makes a connection prepare its parameterised statements: a query with values and no name gets
 * one derived from its text, so PostgreSQL parses and plans it once per connection instead of on
 * every call (planning was a good part of the server's time per request). The names are a hash of
 * the text, so two texts never share one; the set is bounded by the queries the code holds (the
 * few built at run time vary only in a handful of clauses). Statements without values (BEGIN,
 * DDL) stay simple queries.
 *
 * A table altered under a running process (a migration of the next version, say, adding a column a
 * `SELECT *` returns) makes PostgreSQL refuse the prepared statement ("cached plan must not change
 * result type"). The statement is then prepared afresh under a new name, and the call is sent again
 * when it ran on its own (no transaction open); inside a transaction the error stands, as any.
 */
function preparingStatements(client: PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const names = new Map<string, string>();
  let renamed = 0;
  const nameOf = (text: string): string => {
    let name = names.get(text);
    if (name === undefined) {
      name = `s_${createHash('sha1').update(text).digest('base64url')}`;
      names.set(text, name);
    }
    return name;
  };
  const retryable = (error: unknown): boolean =>
    error instanceof Error &&
    (error as { code?: unknown }).code === '0A000' &&
    error.message.includes('cached plan must not change result type') &&
    client.getTransactionStatus() === 'I';
  const prepared = (config: QueryConfig, rest: unknown[]): unknown => {
    const again = (): QueryConfig => {
      names.set(config.text, `${nameOf(config.text)}_${++renamed}`);
      return { ...config, name: nameOf(config.text) };
    };
    const last = rest.at(-1);
    if (typeof last === 'function') {
      const callback = last as (error: unknown, result?: unknown) => void;
      const args = rest.slice(0, -1);
      return query(config, ...args, (error: unknown, result?: unknown) => {
        if (error !== null && error !== undefined && retryable(error))
          query(again(), ...args, callback);
        else callback(error, result);
      });
    }
    return (query(config, ...rest) as Promise<unknown>).catch((error: unknown) => {
      if (!retryable(error)) throw error;
      return query(again(), ...rest);
    });
  };
  (client as { query: unknown }).query = (first: unknown, ...rest: unknown[]): unknown => {
    // No values (or none at all): pg sends a simple query, which may hold several statements.
    if (
      typeof first === 'string' &&
      Array.isArray(rest[0]) &&
      rest[0].length > 0 &&
      first.length <= MAX_PREPARED_TEXT
    ) {
      return prepared({ name: nameOf(first), text: first, values: rest[0] }, rest.slice(1));
    }
    if (
      typeof first === 'object' &&
      first !== null &&
      'text' in first &&
      (first as QueryConfig).name === undefined &&
      ((first as QueryConfig).values?.length ?? 0) > 0 &&
      (first as QueryConfig).text.length <= MAX_PREPARED_TEXT &&
      !('submit' in first)
    ) {
      const config = first as QueryConfig;
      return prepared({ ...config, name: nameOf(config.text) }, rest);
    }
    return query(first, ...rest);
  };
}
