/**
 * Rebuild throughput (`npm run bench:rebuild`): seeds a scratch database with EVENTS events
 * (default 1,000,000) over STREAMS streams through the event store, then rebuilds the stream
 * catalogue from scratch RUNS times and prints the rate; the median goes to
 * bench/results/rebuild.json (target: at least 50,000 events/s).
 *
 * The server is DATABASE_URL if set, else the embedded default; a database of its own is created
 * and dropped.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import { createPool, runMigrations } from '@yishi/database';
import { EventStore } from '@yishi/event-store';
import { rebuildProjection, streamCatalogueProjection } from '@yishi/projections';
import { resolveBenchServices } from '../support/platform';
import { PostgresAdmin } from '../support/postgres-admin';
import { median } from '../support/stats';
import { writeBenchResult } from '../support/results';

const EVENTS = Number(process.env.EVENTS ?? 1_000_000);
const STREAMS = Number(process.env.STREAMS ?? 20_000);
const BATCH = Number(process.env.BATCH_SIZE ?? 10_000);
const RUNS = Number(process.env.RUNS ?? 3);
const TYPES = ['CaseOpened', 'DemandSubmitted', 'StageChanged', 'Voted', 'NoteAdded'];
const CATEGORIES = ['case', 'resolution', 'meeting'];

async function main(): Promise<void> {
  const services = await resolveBenchServices();
  const name = `yishi_bench_projections_${randomBytes(3).toString('hex')}`;
  const admin = new PostgresAdmin(services.postgres.url);
  const url = await admin.createDatabase(name);
  const pool = createPool({
    databaseUrl: url,
    max: 8,
    statementTimeoutMs: 60_000,
    applicationName: 'bench-rebuild',
  });
  try {
    await runMigrations(url);
    const store = new EventStore(pool);
    const streams = Array.from(
      { length: STREAMS },
      (_, i) => `${CATEGORIES[i % CATEGORIES.length]}-${randomUUID()}`,
    );

    let seeded = 0;
    const seedStarted = Date.now();
    // 1 to 99 events per append (50 on average) to a random stream: about 50 events per stream,
    // spread over the log as a real log's cases are.
    const writer = async (): Promise<void> => {
      while (seeded < EVENTS) {
        const n = Math.min(1 + Math.floor(Math.random() * 99), EVENTS - seeded);
        seeded += n;
        await store.append(
          streams[Math.floor(Math.random() * streams.length)]!,
          'any',
          Array.from({ length: n }, (_, k) => ({
            type: TYPES[k % TYPES.length]!,
            data: { title: '12号楼2单元下水道堵塞', note: randomUUID(), k },
          })),
          { actorId: randomUUID() },
        );
      }
    };
    await Promise.all(Array.from({ length: 8 }, writer));
    process.stdout.write(
      `seeded ${seeded} events over ${STREAMS} streams in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s\n`,
    );

    const log = { info: () => undefined };
    const rates: number[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const r = await rebuildProjection(url, store, streamCatalogueProjection, log, {
        batchSize: BATCH,
      });
      rates.push(r.eventsPerSecond);
      process.stdout.write(
        `run ${run}: ${r.events} events in ${r.seconds.toFixed(2)} s = ${r.eventsPerSecond} events/s (batch ${BATCH})\n`,
      );
    }
    const result = {
      generatedAt: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        node: process.version,
        postgres: services.postgres.source,
      },
      projection: 'stream-catalogue',
      events: seeded,
      streams: STREAMS,
      runs: RUNS,
      rebuild: { eventsPerSecond: Math.round(median(rates)), runs: rates, target: 50_000 },
    };
    process.stdout.write(
      `rebuild of ${seeded} events: median ${result.rebuild.eventsPerSecond} events/s (target ≥ 50,000)\n`,
    );
    await writeBenchResult('rebuild', result);
  } finally {
    await pool.end();
    await admin.dropAll();
    await services.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
