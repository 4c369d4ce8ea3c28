import path from 'node:path';
import { SECRET_VARIABLES, validateEnvironment, type ConfigError } from './environment';

export interface AppConfig {
  readonly port: number;
  readonly workerPort: number;
  readonly dataDir: string;
  /** Unset: the embedded PostgreSQL under `dataDir` is used. */
  readonly databaseUrl: string | undefined;
  /** Unset: loopback 6379 if it answers, else a spawned redis-server. */
  readonly redisUrl: string | undefined;
  readonly embeddedPostgresPort: number;
  readonly embeddedRedisPort: number;
  readonly adminUsername: string | undefined;
  readonly adminPassword: string | undefined;
  readonly seedDemo: boolean;
  readonly logLevel: string;
  readonly queuePrefix: string;
  readonly dbPoolSize: number;
  readonly dbStatementTimeoutMs: number;
  readonly relayPollMs: number;
  readonly relayBatchSize: number;
  readonly shutdownTimeoutMs: number;
}

export class ConfigurationError extends Error {
  constructor(readonly errors: ConfigError[]) {
    super(
      'Invalid configuration:\n' +
        errors
          .map(
            (e) =>
              `  ${e.variable}: ${e.problems.join('; ')}${SECRET_VARIABLES.has(e.variable) ? ' (value hidden)' : ''}`,
          )
          .join('\n'),
    );
    this.name = 'ConfigurationError';
  }
}

/** Reads and validates the environment. Throws ConfigurationError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  const { values: v, errors } = validateEnvironment(env);
  if (v.ADMIN_USERNAME !== undefined && v.ADMIN_PASSWORD === undefined) {
    errors.push({
      variable: 'ADMIN_PASSWORD',
      problems: ['ADMIN_PASSWORD is required when ADMIN_USERNAME is set'],
    });
  }
  if (errors.length > 0) throw new ConfigurationError(errors);
  return Object.freeze({
    port: v.PORT ?? 3000,
    workerPort: v.WORKER_PORT ?? 3001,
    dataDir: path.resolve(cwd, v.DATA_DIR ?? '.data'),
    databaseUrl: v.DATABASE_URL,
    redisUrl: v.REDIS_URL,
    embeddedPostgresPort: v.EMBEDDED_POSTGRES_PORT ?? 54329,
    embeddedRedisPort: v.EMBEDDED_REDIS_PORT ?? 6389,
    adminUsername: v.ADMIN_USERNAME,
    adminPassword: v.ADMIN_PASSWORD,
    seedDemo: v.SEED_DEMO === undefined ? true : v.SEED_DEMO === 'true',
    logLevel: v.LOG_LEVEL ?? 'info',
    queuePrefix: v.QUEUE_PREFIX ?? '{yishi}',
    dbPoolSize: v.DB_POOL_SIZE ?? 10,
    dbStatementTimeoutMs: v.DB_STATEMENT_TIMEOUT_MS ?? 15000,
    relayPollMs: v.RELAY_POLL_MS ?? 20,
    relayBatchSize: v.RELAY_BATCH_SIZE ?? 500,
    shutdownTimeoutMs: v.SHUTDOWN_TIMEOUT_MS ?? 10000,
  });
}
