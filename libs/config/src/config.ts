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
  /** With the demo: its two grids, leads, a tenant and a few dozen demands in every status. */
  readonly seedDemoLedger: boolean;
  readonly logLevel: string;
  readonly queuePrefix: string;
  readonly dbPoolSize: number;
  readonly dbStatementTimeoutMs: number;
  /**
   * Parameterised statements are prepared once per connection (named by their text's hash) rather
   * than parsed and planned on every call. Off behind a pooler in transaction mode that cannot
   * keep a connection's prepared statements (PgBouncer before 1.21).
   */
  readonly dbPreparedStatements: boolean;
  /**
   * Append statements in flight at once, per process (the event store's group commit): appends
   * that arrive meanwhile leave together in the next statement, one transaction for all of them.
   */
  readonly appendBatchesInFlight: number;
  readonly relayPollMs: number;
  /**
   * After a batch that found the log caught up, a projection waits this long before reading
   * again: under a steady stream of appends, a read and a transaction per this many ms rather than
   * per few events. The relay keeps its 10 ms: the queues behind it carry the workflow's latency.
   */
  readonly projectionPauseMs: number;
  readonly relayBatchSize: number;
  readonly shutdownTimeoutMs: number;
  /** How often the reconciler re-creates, from Postgres, the timers and advances Redis lost. */
  readonly reconcileEveryMs: number;
  /**
   * A job's lock, renewed at half this while it runs; also how often workers look for jobs whose
   * lock lapsed (their worker died). A killed worker's jobs run again within about twice this.
   */
  readonly jobLockMs: number;
  /** The largest evidence upload (a photo or document of a task), in bytes; larger is a 413. */
  readonly evidenceMaxBytes: number;
  /** `local`: under `dataDir/evidence`; `s3`: a bucket of an S3-compatible object store. */
  readonly evidenceStorage: 'local' | 's3';
  readonly s3:
    | {
        readonly endpoint: string;
        readonly region: string;
        readonly bucket: string;
        readonly accessKeyId: string;
        readonly secretAccessKey: string;
        readonly pathStyle: boolean;
        readonly prefix: string;
      }
    | undefined;
  /** Unset: a secret generated once and kept in `dataDir/auth-token-secret`. */
  readonly authTokenSecret: string | undefined;
  /**
   * Key of the HMAC that hashes owners' certificate and ID numbers (实名绑定). Unset: generated
   * once into `dataDir/binding-pepper`. Losing it makes every recorded number unmatchable.
   */
  readonly bindingPepper: string | undefined;
  readonly accessTokenTtlSeconds: number;
  readonly authLockAfterFailures: number;
  readonly authLockSeconds: number;
  readonly authSlowdownMs: number;
  /** `none`: SMS deliveries are recorded as skipped. */
  readonly smsProvider: 'none' | 'aliyun';
  /** Unset: the provider's public endpoint. */
  readonly smsEndpoint: string | undefined;
  readonly smsAccessKeyId: string | undefined;
  readonly smsAccessKeySecret: string | undefined;
  readonly smsSignName: string | undefined;
  /** `kind=TemplateCode,...`: the provider-approved template of each notification kind. */
  readonly smsTemplateCodes: string | undefined;
  /** How long an Idempotency-Key's stored answer is replayed. */
  readonly idempotencyTtlHours: number;
  /** Write rate limits: at most this many writes per window; 0 turns a limit off. */
  readonly rateLimitWindowSeconds: number;
  readonly rateLimitUserWrites: number;
  readonly rateLimitAddressWrites: number;
  /** Request body caps (bytes): JSON, and text/csv or text/plain (unit imports). */
  readonly bodyLimitJsonBytes: number;
  readonly bodyLimitTextBytes: number;
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
  if (v.SMS_PROVIDER === 'aliyun')
    for (const name of ['SMS_ACCESS_KEY_ID', 'SMS_ACCESS_KEY_SECRET', 'SMS_SIGN_NAME'] as const)
      if (v[name] === undefined)
        errors.push({ variable: name, problems: [`${name} is required when SMS_PROVIDER=aliyun`] });
  const s3Names = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;
  if (v.EVIDENCE_STORAGE === 's3')
    for (const name of s3Names)
      if (v[name] === undefined)
        errors.push({ variable: name, problems: [`${name} is required when EVIDENCE_STORAGE=s3`] });
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
    seedDemo: flag(v.SEED_DEMO, true),
    seedDemoLedger: flag(v.SEED_DEMO_LEDGER, true),
    logLevel: v.LOG_LEVEL ?? 'info',
    queuePrefix: v.QUEUE_PREFIX ?? '{yishi}',
    dbPoolSize: v.DB_POOL_SIZE ?? 10,
    dbStatementTimeoutMs: v.DB_STATEMENT_TIMEOUT_MS ?? 15000,
    dbPreparedStatements: flag(v.DB_PREPARED_STATEMENTS, true),
    appendBatchesInFlight: v.APPEND_BATCHES_IN_FLIGHT ?? 2,
    relayPollMs: v.RELAY_POLL_MS ?? 20,
    projectionPauseMs: v.PROJECTION_PAUSE_MS ?? 100,
    relayBatchSize: v.RELAY_BATCH_SIZE ?? 500,
    shutdownTimeoutMs: v.SHUTDOWN_TIMEOUT_MS ?? 10000,
    reconcileEveryMs: v.RECONCILE_EVERY_MS ?? 30000,
    jobLockMs: v.JOB_LOCK_MS ?? 30000,
    evidenceMaxBytes: v.EVIDENCE_MAX_BYTES ?? 10 * 1024 * 1024,
    evidenceStorage: v.EVIDENCE_STORAGE === 's3' ? 's3' : 'local',
    s3:
      v.EVIDENCE_STORAGE === 's3'
        ? {
            endpoint: v.S3_ENDPOINT!,
            region: v.S3_REGION ?? 'us-east-1',
            bucket: v.S3_BUCKET!,
            accessKeyId: v.S3_ACCESS_KEY_ID!,
            secretAccessKey: v.S3_SECRET_ACCESS_KEY!,
            pathStyle: flag(v.S3_PATH_STYLE, true),
            prefix: v.S3_PREFIX ?? '',
          }
        : undefined,
    authTokenSecret: v.AUTH_TOKEN_SECRET,
    bindingPepper: v.BINDING_PEPPER,
    accessTokenTtlSeconds: v.ACCESS_TOKEN_TTL_SECONDS ?? 8 * 3600,
    authLockAfterFailures: v.AUTH_LOCK_AFTER_FAILURES ?? 10,
    authLockSeconds: v.AUTH_LOCK_SECONDS ?? 900,
    authSlowdownMs: v.AUTH_SLOWDOWN_MS ?? 250,
    smsProvider: v.SMS_PROVIDER === 'aliyun' ? 'aliyun' : 'none',
    smsEndpoint: v.SMS_ENDPOINT,
    smsAccessKeyId: v.SMS_ACCESS_KEY_ID,
    smsAccessKeySecret: v.SMS_ACCESS_KEY_SECRET,
    smsSignName: v.SMS_SIGN_NAME,
    smsTemplateCodes: v.SMS_TEMPLATE_CODES,
    idempotencyTtlHours: v.IDEMPOTENCY_TTL_HOURS ?? 24,
    rateLimitWindowSeconds: v.RATE_LIMIT_WINDOW_SECONDS ?? 60,
    rateLimitUserWrites: v.RATE_LIMIT_USER_WRITES ?? 120,
    rateLimitAddressWrites: v.RATE_LIMIT_ADDRESS_WRITES ?? 600,
    bodyLimitJsonBytes: v.BODY_LIMIT_JSON_BYTES ?? 1024 * 1024,
    bodyLimitTextBytes: v.BODY_LIMIT_TEXT_BYTES ?? 10 * 1024 * 1024,
  });
}

/** A boolean variable: validated as `true`, `false`, `1` or `0` (IsBooleanString); unset: the default. */
function flag(value: string | undefined, fallback: boolean): boolean {
  return value === undefined ? fallback : value === 'true' || value === '1';
}
