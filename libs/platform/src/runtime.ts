import { type Pool } from 'pg';
import { type AppConfig } from '@yishi/config';
import { createPool, runMigrations } from '@yishi/database';
import { resolvePostgres, resolveRedis, type ResolvedService } from '@yishi/dev-services';
import { EventStore, UpcasterRegistry } from '@yishi/event-store';
import { type Logger, type Metrics } from '@yishi/observability';

/**
 * What a process needs before Nest starts: the services (configured, or the no-configuration
 * defaults), a migrated schema, the pool and the event store. Closed in reverse order by `close()`,
 * after the Nest application has closed its workers and queues.
 */
export interface Runtime {
  readonly config: AppConfig;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly pool: Pool;
  readonly store: EventStore;
  close(): Promise<void>;
}

export async function prepareRuntime(options: {
  config: AppConfig;
  logger: Logger;
  metrics: Metrics;
  role: string;
  upcasters?: UpcasterRegistry;
}): Promise<Runtime> {
  const { config, logger, metrics } = options;
  const log = (msg: string, extra?: object): void => logger.info(extra ?? {}, msg);
  const started: ResolvedService[] = [];
  try {
    const postgres = await resolvePostgres({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      port: config.embeddedPostgresPort,
      log,
    });
    started.push(postgres);
    const redis = await resolveRedis({
      redisUrl: config.redisUrl,
      dataDir: config.dataDir,
      port: config.embeddedRedisPort,
      log,
    });
    started.push(redis);
    logger.info({ postgres: postgres.source, redis: redis.source }, 'services resolved');

    const applied = await runMigrations(postgres.url);
    if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');

    const pool = createPool({
      databaseUrl: postgres.url,
      max: config.dbPoolSize,
      statementTimeoutMs: config.dbStatementTimeoutMs,
      preparedStatements: config.dbPreparedStatements,
      applicationName: `yishi-${options.role}`,
      log: logger,
    });
    const store = new EventStore(pool, options.upcasters ?? new UpcasterRegistry(), {
      maxBatchesInFlight: config.appendBatchesInFlight,
    });
    store.onAppended((_stream, _result, durationMs) =>
      metrics.appendDuration.observe(durationMs / 1000),
    );
    return {
      config,
      logger,
      metrics,
      databaseUrl: postgres.url,
      redisUrl: redis.url,
      pool,
      store,
      async close() {
        await pool.end().catch(() => undefined);
        await stopAll(started);
      },
    };
  } catch (error) {
    await stopAll(started);
    throw error;
  }
}

async function stopAll(services: ResolvedService[]): Promise<void> {
  for (const s of [...services].reverse()) await s.stop().catch(() => undefined);
}
