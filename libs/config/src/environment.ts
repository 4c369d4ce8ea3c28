import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBooleanString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

/** Marks a variable whose value must never be printed (logs, error messages, /docs). */
export const SECRET_VARIABLES = new Set([
  'DATABASE_URL',
  'REDIS_URL',
  'ADMIN_PASSWORD',
  'AUTH_TOKEN_SECRET',
  'BINDING_PEPPER',
  'SMS_ACCESS_KEY_ID',
  'SMS_ACCESS_KEY_SECRET',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
]);

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;

/**
 * Every environment variable the platform reads, with its rule. README's configuration table lists the
 * same names; `config.spec.ts` checks that the two agree.
 */
export class EnvironmentVariables {
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  WORKER_PORT?: number;

  @IsOptional()
  @IsString()
  @MinLength(1)
  DATA_DIR?: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  EMBEDDED_POSTGRES_PORT?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  EMBEDDED_REDIS_PORT?: number;

  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_.-]{3,64}$/, {
    message: 'ADMIN_USERNAME must be 3 to 64 letters, digits, _ . -',
  })
  ADMIN_USERNAME?: string;

  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(256)
  ADMIN_PASSWORD?: string;

  @IsOptional()
  @IsBooleanString()
  SEED_DEMO?: string;

  @IsOptional()
  @IsBooleanString()
  SEED_DEMO_LEDGER?: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9{}_-]{1,64}$/, {
    message: 'QUEUE_PREFIX must be 1 to 64 of A-Z a-z 0-9 { } _ -',
  })
  QUEUE_PREFIX?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600000)
  DB_STATEMENT_TIMEOUT_MS?: number;

  @IsOptional()
  @IsBooleanString()
  DB_PREPARED_STATEMENTS?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  APPEND_BATCHES_IN_FLIGHT?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(10000)
  RELAY_POLL_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10000)
  PROJECTION_PAUSE_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  RELAY_BATCH_SIZE?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600000)
  SHUTDOWN_TIMEOUT_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(86400000)
  RECONCILE_EVERY_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600000)
  JOB_LOCK_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(104857600)
  EVIDENCE_MAX_BYTES?: number;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'AUTH_TOKEN_SECRET must be at least 32 characters' })
  @MaxLength(512)
  AUTH_TOKEN_SECRET?: string;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'BINDING_PEPPER must be at least 32 characters' })
  @MaxLength(512)
  BINDING_PEPPER?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(2592000)
  ACCESS_TOKEN_TTL_SECONDS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  AUTH_LOCK_AFTER_FAILURES?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  AUTH_LOCK_SECONDS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10000)
  AUTH_SLOWDOWN_MS?: number;

  @IsOptional()
  @IsIn(['local', 's3'])
  EVIDENCE_STORAGE?: string;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+\/?$/, {
    message: 'S3_ENDPOINT must be an http(s):// URL of the store, without a path',
  })
  S3_ENDPOINT?: string;

  @IsOptional()
  @Matches(/^[a-z0-9-]{2,32}$/, { message: 'S3_REGION must be a region name like cn-beijing' })
  S3_REGION?: string;

  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
    message: 'S3_BUCKET must be a bucket name (3 to 63 lowercase letters, digits, dots, hyphens)',
  })
  S3_BUCKET?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  S3_ACCESS_KEY_ID?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  S3_SECRET_ACCESS_KEY?: string;

  @IsOptional()
  @IsBooleanString()
  S3_PATH_STYLE?: string;

  @IsOptional()
  @Matches(/^([A-Za-z0-9._-]+\/)*$/, {
    message: 'S3_PREFIX must be folder names each ending in / (e.g. yishi/evidence/)',
  })
  @MaxLength(200)
  S3_PREFIX?: string;

  @IsOptional()
  @IsIn(['none', 'aliyun'])
  SMS_PROVIDER?: string;

  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'SMS_ENDPOINT must be an http(s):// URL' })
  SMS_ENDPOINT?: string;

  @IsOptional()
  @IsString()
  @MaxLength(128)
  SMS_ACCESS_KEY_ID?: string;

  @IsOptional()
  @IsString()
  @MaxLength(256)
  SMS_ACCESS_KEY_SECRET?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  SMS_SIGN_NAME?: string;

  @IsOptional()
  @Matches(/^\s*[a-z-]+\s*=\s*[A-Za-z0-9_]+\s*(,\s*[a-z-]+\s*=\s*[A-Za-z0-9_]+\s*)*$/, {
    message: 'SMS_TEMPLATE_CODES must be kind=TemplateCode pairs separated by commas',
  })
  SMS_TEMPLATE_CODES?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(720)
  IDEMPOTENCY_TTL_HOURS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  RATE_LIMIT_WINDOW_SECONDS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1000000)
  RATE_LIMIT_USER_WRITES?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1000000)
  RATE_LIMIT_ADDRESS_WRITES?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(104857600)
  BODY_LIMIT_JSON_BYTES?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(104857600)
  BODY_LIMIT_TEXT_BYTES?: number;
}

export interface ConfigError {
  variable: string;
  problems: string[];
}

export function validateEnvironment(env: NodeJS.ProcessEnv): {
  values: EnvironmentVariables;
  errors: ConfigError[];
} {
  // An empty string means unset: `DATABASE_URL= npm start` falls back to the default.
  const present: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value !== '') present[key] = value;
  }
  const values = plainToInstance(EnvironmentVariables, present, { excludeExtraneousValues: false });
  const errors = validateSync(values, {
    skipMissingProperties: false,
    forbidUnknownValues: false,
  }).map((e) => ({ variable: e.property, problems: Object.values(e.constraints ?? {}) }));
  return { values, errors };
}
