/**
 * Event-store benchmark: appends (raw pg vs ours vs emmett) and the relay's throughput and lag, in
 * one run against one PostgreSQL server, every measurement in a database of its own.
 *
 *   npm run bench:event-store
 *
 * DATABASE_URL / REDIS_URL pick the servers (the bench databases are created on DATABASE_URL's
 * server); without them the embedded PostgreSQL and a local or spawned Redis under .data/bench are
 * used and stopped again. BENCH_SECONDS (4), BENCH_WARMUP_SECONDS (1), BENCH_ROUNDS (3),
 * BENCH_RELAY_EVENTS (50000) and BENCH_ONLY (comma list of scenario keys and/or "relay") tune it.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { resolvePostgres, resolveRedis, type ResolvedService } from '@yishi/dev-services';
import { reportCleanupError } from '../support/cleanup';
import { PostgresAdmin } from '../support/postgres-admin';
import { median, percentile, round } from '../support/stats';
import { writeBenchResult } from '../support/results';
import { CONTENDERS, type Contender, type ContenderName } from './contenders';
import { closedLoop } from './load';
import { relayBench, type RelayResult } from './relay-bench';
import {
  isNoisy,
  printRelay,
  printScenarios,
  printTargets,
  target,
  type ContenderSummary,
  type ScenarioSummary,
} from './report';

const ROOT = path.resolve(__dirname, '../../..');

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

const settings = {
  measureSeconds: envNumber('BENCH_SECONDS', 4),
  warmupSeconds: envNumber('BENCH_WARMUP_SECONDS', 1),
  rounds: Math.round(envNumber('BENCH_ROUNDS', 3)),
  relayPreAppendEvents: Math.round(envNumber('BENCH_RELAY_EVENTS', 50_000)),
  relayLagRate: 1_000,
  relayLagWriters: 10,
  relayBatchSize: 500,
  relayPollMs: 20,
  relayWorkerConcurrency: 50,
  poolSize: 'equal to the number of writers, for all three contenders',
  coalescing:
    'ours coalesces concurrent appends (group commit: one statement and one commit for the appends of all writers that arrived while earlier statements were in flight); raw, solo and emmett send one statement (emmett: one transaction) per append. Latencies are per append, from the call to its result, waiting for a batch included',
  expectedVersion:
    'all check it: ours, solo and emmett pass the version their last append returned, raw relies on unique (stream_id, stream_position)',
  order:
    'per scenario, rounds of raw/ours/emmett with the order rotated each round; median per contender',
  relayWakeUp:
    'the relay reads through its own EventStore and pool: no in-process onAppended wake-up, so the polling path is measured',
};

const SCENARIOS = [
  { key: 'single-seq', writers: 1, eventsPerAppend: 1 },
  { key: 'single-10', writers: 10, eventsPerAppend: 1 },
  { key: 'single-50', writers: 50, eventsPerAppend: 1 },
  { key: 'batch100-10', writers: 10, eventsPerAppend: 100 },
] as const;

const only = new Set(
  (process.env.BENCH_ONLY ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== ''),
);
const selected = (key: string): boolean => only.size === 0 || only.has(key);

const progress = (msg: string): void => {
  process.stderr.write(`[bench] ${msg}\n`);
};

async function redisVersion(url: string): Promise<string> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    const info = await redis.info('server');
    return /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
  } finally {
    redis.disconnect();
  }
}

async function measureScenarios(
  admin: PostgresAdmin,
  runId: string,
  templates: ReadonlyMap<ContenderName, string>,
): Promise<Record<string, ScenarioSummary>> {
  const scenarios: Record<string, ScenarioSummary> = {};
  let n = 0;
  for (const scenario of SCENARIOS) {
    if (!selected(scenario.key)) continue;
    const rounds = new Map<ContenderName, ContenderSummary['rounds'][number][]>(
      CONTENDERS.map((c) => [c.name, []]),
    );
    for (let r = 0; r < settings.rounds; r++) {
      // Rotating the order keeps any drift (autovacuum, WAL, page cache) from favouring one.
      const order = CONTENDERS.map((_, i) => CONTENDERS[(i + r) % CONTENDERS.length]!);
      for (const contender of order) {
        const database = `bench_${runId}_m${++n}`;
        const result = await measureOne(admin, contender, database, templates, scenario);
        rounds.get(contender.name)!.push(result);
        progress(
          `${scenario.key} round ${r + 1}/${settings.rounds} ${contender.name}: ${Math.round(result.eventsPerSecond ?? 0)} events/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms`,
        );
      }
    }
    const summarise = (name: ContenderName): ContenderSummary => {
      const rs = rounds.get(name)!;
      const med = (pick: (x: (typeof rs)[number]) => number | null): number | null =>
        round(median(rs.map((x) => pick(x) ?? Number.NaN)), 2);
      return {
        eventsPerSecond: med((x) => x.eventsPerSecond),
        p50Ms: med((x) => x.p50Ms),
        p99Ms: med((x) => x.p99Ms),
        rounds: rs,
      };
    };
    const raw = summarise('raw');
    const ours = summarise('ours');
    const solo = summarise('solo');
    const emmett = summarise('emmett');
    const ratio = (a: number | null, b: number | null): number | null =>
      a === null || b === null || b === 0 ? null : round(a / b, 3);
    // Within one round the contenders run back to back, so a per-round ratio cancels slower load
    // changes on a shared machine; a wide spread of rounds says the medians are not to be trusted.
    const perRound = (other: ContenderName, of: ContenderName = 'ours'): (number | null)[] =>
      rounds
        .get(of)!
        .map((o, i) => ratio(o.eventsPerSecond, rounds.get(other)![i]!.eventsPerSecond));
    const spread = (c: ContenderSummary): number | null => {
      const rates = c.rounds.map((x) => x.eventsPerSecond ?? Number.NaN);
      return round(Math.max(...rates) / Math.min(...rates), 2);
    };
    scenarios[scenario.key] = {
      writers: scenario.writers,
      eventsPerAppend: scenario.eventsPerAppend,
      raw,
      ours,
      solo,
      emmett,
      ratioVsRaw: ratio(ours.eventsPerSecond, raw.eventsPerSecond),
      ratioVsEmmett: ratio(ours.eventsPerSecond, emmett.eventsPerSecond),
      ratioVsRawPerRound: perRound('raw'),
      ratioVsEmmettPerRound: perRound('emmett'),
      soloRatioVsRaw: ratio(solo.eventsPerSecond, raw.eventsPerSecond),
      soloRatioVsRawPerRound: perRound('raw', 'solo'),
      roundSpread: {
        raw: spread(raw),
        ours: spread(ours),
        solo: spread(solo),
        emmett: spread(emmett),
      },
    };
  }
  return scenarios;
}

async function measureOne(
  admin: PostgresAdmin,
  contender: Contender,
  database: string,
  templates: ReadonlyMap<ContenderName, string>,
  scenario: (typeof SCENARIOS)[number],
): Promise<ContenderSummary['rounds'][number]> {
  const template = templates.get(contender.name);
  if (template === undefined) throw new Error(`no template for ${contender.name}`);
  const url = await admin.createDatabase(database, template);
  try {
    await admin.checkpoint();
    const session = await contender.open(url, scenario.writers);
    try {
      const writers = Array.from({ length: scenario.writers }, () =>
        session.writer(scenario.eventsPerAppend),
      );
      const result = await closedLoop(
        writers,
        scenario.eventsPerAppend,
        settings.warmupSeconds * 1000,
        settings.measureSeconds * 1000,
      );
      const perStatement = session.appendsPerStatement?.();
      return {
        eventsPerSecond: round(result.eventsPerSecond, 1),
        p50Ms: round(percentile(result.latenciesMs, 50), 3),
        p99Ms: round(percentile(result.latenciesMs, 99), 3),
        appends: result.appends,
        appendsPerStatement: perStatement === undefined ? null : round(perStatement, 2),
      };
    } finally {
      await session.close();
    }
  } finally {
    await admin.dropDatabase(database);
  }
}

async function main(): Promise<void> {
  const dataDir = path.join(ROOT, '.data/bench');
  const serviceLog = (msg: string): void => progress(msg);
  const services: ResolvedService[] = [];
  let admin: PostgresAdmin | undefined;
  try {
    const postgres = await resolvePostgres({
      databaseUrl: process.env.DATABASE_URL,
      dataDir,
      port: 54349,
      database: 'postgres',
      log: serviceLog,
    });
    services.push(postgres);
    const redis = await resolveRedis({
      redisUrl: process.env.REDIS_URL,
      dataDir,
      port: 6409,
      log: serviceLog,
    });
    services.push(redis);
    progress(
      `PostgreSQL: ${postgres.source}${postgres.startedHere ? ' (started here)' : ''}, Redis: ${redis.source}${redis.startedHere ? ' (started here)' : ''}`,
    );

    admin = new PostgresAdmin(postgres.url);
    const runId = `${Date.now().toString(36)}_${randomBytes(2).toString('hex')}`;
    const pgSettings = await admin.settings([
      'server_version',
      'synchronous_commit',
      'fsync',
      'shared_buffers',
      'max_connections',
    ]);
    const machine = {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGb: round(os.totalmem() / 2 ** 30, 1),
      node: process.version,
      postgres: pgSettings.server_version,
      postgresSource: postgres.source,
      postgresSettings: pgSettings,
      redis: await redisVersion(redis.url),
      redisSource: redis.source,
    };
    progress(
      `machine: ${machine.cpus} cpus, node ${machine.node}, PostgreSQL ${machine.postgres}, Redis ${machine.redis}`,
    );

    const templates = new Map<ContenderName, string>();
    for (const contender of CONTENDERS) {
      const name = `bench_${runId}_tpl_${contender.name}`;
      await contender.prepareTemplate(await admin.createDatabase(name));
      templates.set(contender.name, name);
    }

    const scenarios = await measureScenarios(admin, runId, templates);

    let relay: RelayResult | undefined;
    if (selected('relay')) {
      progress('relay: pre-appending, then throughput and lag');
      relay = await relayBench({
        admin,
        database: `bench_${runId}_relay`,
        template: templates.get('ours')!,
        redisUrl: redis.url,
        prefix: `{yishi-bench-${runId}}`,
        preAppendEvents: settings.relayPreAppendEvents,
        lagRate: settings.relayLagRate,
        lagSeconds: settings.measureSeconds * 2,
        lagWriters: settings.relayLagWriters,
        batchSize: settings.relayBatchSize,
        pollMs: settings.relayPollMs,
        workerConcurrency: settings.relayWorkerConcurrency,
      });
    }

    const ten = scenarios['single-10'];
    const relayLagP99 = relay === undefined ? null : round(relay.lagP99Ms, 1);
    const targets = {
      appendRatioVsRawPg10: target(ten?.ratioVsRaw ?? null, 0.6, '>=', isNoisy(ten)),
      appendRatioVsEmmett10: target(ten?.ratioVsEmmett ?? null, 2.5, '>=', isNoisy(ten)),
      relayLagP99Ms: target(relayLagP99, 50, '<='),
    };
    const relayJson =
      relay === undefined
        ? null
        : Object.fromEntries(
            Object.entries(relay).map(([k, v]) => [k, typeof v === 'number' ? round(v, 2) : v]),
          );
    const output = {
      generatedAt: new Date().toISOString(),
      machine,
      settings: { ...settings, contenders: CONTENDERS.map((c) => c.description) },
      scenarios,
      relay: relayJson,
      targets,
      eventStore: {
        appendRatioVsRawPg: ten?.ratioVsRaw ?? null,
        appendRatioVsEmmett: ten?.ratioVsEmmett ?? null,
        relayLagP99Ms: relayLagP99,
      },
    };

    console.log('');
    console.log(
      `Event store benchmark: ${machine.cpus} cpus, node ${machine.node}, PostgreSQL ${machine.postgres} (${machine.postgresSource}), Redis ${machine.redis} (${machine.redisSource})`,
    );
    console.log(
      `${settings.rounds} rounds x ${settings.measureSeconds} s (+${settings.warmupSeconds} s warm-up) per contender and scenario; medians; pool size = writers.`,
    );
    console.log(`Expected version: ${settings.expectedVersion}.`);
    console.log(`Coalescing: ${settings.coalescing}.`);
    console.log('');
    printScenarios(scenarios);
    if (relay !== undefined) {
      console.log('');
      console.log(
        `Relay (EventRelay -> BullMQ, pollMs ${settings.relayPollMs}, batch ${settings.relayBatchSize}, no-op worker concurrency ${settings.relayWorkerConcurrency}; ${settings.relayWakeUp}):`,
      );
      printRelay(relay);
    }
    console.log('');
    printTargets(targets);

    const file = await writeBenchResult('event-store', output);
    console.log(`\nwrote ${path.relative(ROOT, file)}`);
  } finally {
    await admin?.dropAll().catch(reportCleanupError('bench databases'));
    // Only what this run started: an adopted embedded cluster or a loopback Redis may belong to a
    // running app.
    for (const service of services.reverse())
      if (service.startedHere)
        await service.stop().catch(reportCleanupError(`${service.source} service`));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
