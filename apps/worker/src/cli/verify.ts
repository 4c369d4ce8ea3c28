import 'reflect-metadata';
import { ConfigurationError, loadConfig } from '@yishi/config';
import { createPool, runMigrations } from '@yishi/database';
import { resolvePostgres } from '@yishi/dev-services';
import { verifyHashChains } from '@yishi/event-store';

/**
 * `npm run verify`: recomputes every stream's SHA-256 hash chain and names the first broken link of
 * each broken stream. Exit 0 when intact, 1 when a chain is broken, 2 when it could not run.
 */
async function main(): Promise<number> {
  const config = loadConfig();
  const postgres = await resolvePostgres({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    port: config.embeddedPostgresPort,
    log: () => undefined,
  });
  const pool = createPool({
    databaseUrl: postgres.url,
    max: 2,
    statementTimeoutMs: 600_000,
    applicationName: 'yishi-verify',
  });
  try {
    await runMigrations(postgres.url);
    const started = performance.now();
    const report = await verifyHashChains(pool);
    const seconds = (performance.now() - started) / 1000;
    if (report.breaks.length === 0) {
      console.log(
        `hash chains intact: ${report.streams} streams, ${report.events} events checked in ${seconds.toFixed(1)} s`,
      );
      return 0;
    }
    console.error(
      `hash chain BROKEN in ${report.breaks.length} of ${report.streams} streams (${report.events} events checked):`,
    );
    for (const b of report.breaks) {
      console.error(
        `  stream ${b.streamId}, position ${b.streamPosition}` +
          (b.eventId === null ? '' : `, event ${b.eventId} (global position ${b.globalPosition})`) +
          `: ${b.reason}`,
      );
    }
    return 1;
  } finally {
    await pool.end();
    // A CLI leaves the services as it found them: it stops only a cluster it started itself, and
    // even that not while the platform (started meanwhile) uses it (resolvePostgres's stop).
    if (postgres.startedHere) await postgres.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      error instanceof ConfigurationError ? error.message : `verify failed: ${String(error)}`,
    );
    process.exit(2);
  },
);
