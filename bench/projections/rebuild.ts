/**
 * Rebuild throughput: seeds a scratch database with EVENTS events (default 200,000) over STREAMS
 * streams, then rebuilds the stream catalogue from scratch and prints the rate.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/projections/rebuild.ts
 *
 * DATABASE_URL names the server (any database on it); a database of its own is created and dropped.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createPool, runMigrations } from '@yishi/database';
import { EventStore } from '@yishi/event-store';
import { rebuildProjection, streamCatalogueProjection } from '@yishi/projections';
import { PostgresAdmin } from '../support/postgres-admin';

const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const EVENTS = Number(process.env.EVENTS ?? 200_000);
const STREAMS = Number(process.env.STREAMS ?? 20_000);
const BATCH = Number(process.env.BATCH_SIZE ?? 10_000);
const RUNS = Number(process.env.RUNS ?? 3);
const TYPES = ['CaseOpened', 'DemandSubmitted', 'StageChanged', 'Voted', 'NoteAdded'];
const CATEGORIES = ['case', 'resolution', 'meeting'];

async function main(): Promise<void> {
  const name = `yishi_bench_projections_${randomBytes(3).toString('hex')}`;
  const admin = new PostgresAdmin(serverUrl);
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
    // 1 to 9 events per append (5 on average) to a random stream: batches touch many streams.
    const writer = async (): Promise<void> => {
      while (seeded < EVENTS) {
        const n = Math.min(1 + Math.floor(Math.random() * 9), EVENTS - seeded);
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
    for (let run = 1; run <= RUNS; run++) {
      const r = await rebuildProjection(url, store, streamCatalogueProjection, log, {
        batchSize: BATCH,
      });
      process.stdout.write(
        `run ${run}: ${r.events} events in ${r.seconds.toFixed(2)} s = ${r.eventsPerSecond} events/s (batch ${BATCH})\n`,
      );
    }
  } finally {
    await pool.end();
    await admin.dropAll();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
