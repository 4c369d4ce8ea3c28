/**
 * The case workflow under load, in one run against one PostgreSQL and one Redis. The API and the
 * worker are processes of their own, as deployed (`dist/apps/api/src/main.js` and
 * `dist/apps/worker/src/main.js`, as `npm run start:api` / `npm run start:worker` run them), on a
 * scratch database; the load generator (and the case preparation) runs in this process:
 * - bare BullMQ: no-op jobs/s (concurrency 50) in this process, before the platform load; the
 *   baseline;
 * - throughput: N cases, ready to move (a demand, every party acknowledged), all asked to advance
 *   at once over HTTP; cases/s until the fifth party's inbox row of the new stage exists for every
 *   case, against bare jobs/s ÷ the jobs one advance really costs (job runs counted by the worker,
 *   `yishi_job_runs_total` on its /metrics: a job removed on completion counts too); and what one
 *   advance costs: CPU of the API process and of the worker process (from /proc), of all PostgreSQL
 *   backends and of Redis, PostgreSQL transactions of the scratch database and Redis commands
 *   (Redis figures are server-wide, PostgreSQL CPU is machine-wide);
 * - latency: advances requested at RATE per second; advance request → the fifth party's inbox row,
 *   p50/p99.
 *
 *   npm run bench:workflow     (CASES=200 RATE=100 SECONDS=5 BARE_JOBS=20000; DATABASE_URL /
 *                               REDIS_URL pick the servers; CPU_PROF_DIR=<dir> writes a V8 CPU
 *                               profile of the API and of the worker there, node --cpu-prof)
 *
 * Writes bench/results/workflow.json. Targets: p99 ≤ 100 ms at 100 advances/s; throughput ≥ 40% of
 * (bare jobs/s ÷ jobs per advance).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import { Queue, Worker } from 'bullmq';
import { type Redis } from 'ioredis';
import { Pool } from 'pg';
import { PARTIES, type Party } from '@yishi/domain';
import { EventStore, UpcasterRegistry } from '@yishi/event-store';
import { createRedisConnection, QUEUES } from '@yishi/messaging';
import { readSettings } from '@yishi/registry';
import { CaseRepository } from '@yishi/workflow';
import { resolveBenchServices } from '../support/platform';
import { PostgresAdmin } from '../support/postgres-admin';
import {
  cpuMs,
  cpuMsOfCommand,
  startPlatformProcesses,
  type PlatformProcesses,
  type RunningProcess,
} from '../support/processes';
import { median, percentile, round, sleep } from '../support/stats';
import { tearDownPlatformBench, writeBenchResult } from '../support/results';

const CASES = Number(process.env.CASES ?? 200);
const RATE = Number(process.env.RATE ?? 100);
const SECONDS = Number(process.env.SECONDS ?? 5);
const BARE_JOBS = Number(process.env.BARE_JOBS ?? 20_000);
const log = (msg: string) => process.stderr.write(`${msg}\n`);

async function bareBullmq(redisUrl: string): Promise<number> {
  const prefix = `{bench-bare-${randomBytes(3).toString('hex')}}`;
  const producer = createRedisConnection(redisUrl, 'producer', 'bench-bare');
  const consumer = createRedisConnection(redisUrl, 'worker', 'bench-bare-worker');
  const queue = new Queue('bare', { connection: producer, prefix });
  let done = 0;
  const worker = new Worker('bare', () => Promise.resolve(), {
    connection: consumer,
    prefix,
    concurrency: 50,
    autorun: false,
  });
  worker.on('completed', () => done++);
  for (let i = 0; i < BARE_JOBS; i += 1000)
    await queue.addBulk(
      Array.from({ length: Math.min(1000, BARE_JOBS - i) }, (_, k) => ({
        name: 'noop',
        data: { i: i + k },
        opts: { removeOnComplete: true },
      })),
    );
  const started = performance.now();
  void worker.run();
  while (done < BARE_JOBS) await sleep(5);
  const rate = BARE_JOBS / ((performance.now() - started) / 1000);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  producer.disconnect();
  consumer.disconnect();
  return rate;
}

interface Fixture {
  communityId: string;
  secretaryId: string;
  partyMembers: Record<Party, string>;
}

/** Cases ready to advance (a demand, all five parties acknowledged), written straight to the log. */
async function prepareCases(
  pool: Pool,
  repo: CaseRepository,
  f: Fixture,
  n: number,
): Promise<string[]> {
  const settings = await readSettings(pool, f.communityId);
  const ids: string[] = [];
  const one = async () => {
    const caseId = randomUUID();
    await repo.execute(
      caseId,
      {
        type: 'OpenCase',
        data: {
          caseId,
          communityId: f.communityId,
          mechanism: 'five-party-hall',
          title: '压测：楼道照明维修',
          description: '',
          category: '公共设施',
          scope: { estate: '金泰和庄', building: '10号楼', entrance: null },
          involvedParties: [],
          settings,
        },
      },
      { actorId: f.secretaryId, party: 'party-organisation' },
    );
    await repo.execute(
      caseId,
      {
        type: 'SubmitDemand',
        data: { demandId: randomUUID(), content: '灯坏了', source: 'online' },
      },
      { actorId: f.secretaryId },
    );
    for (const party of PARTIES)
      await repo.execute(
        caseId,
        { type: 'Acknowledge', data: { party, stage: 'gathering' } },
        { actorId: f.partyMembers[party], party },
      );
    ids.push(caseId);
  };
  for (let i = 0; i < n; i += 20)
    await Promise.all(Array.from({ length: Math.min(20, n - i) }, one));
  return ids;
}

/** Per case: when the last of the five parties got its first stage-entered row for `stage`. */
async function fifthPartyRows(pool: Pool, ids: string[], stage: string) {
  const { rows } = await pool.query<{ case_id: string; parties: string; last_at: Date }>(
    `SELECT case_id, count(*) AS parties, max(first_at) AS last_at FROM (
       SELECT case_id, party, min(created_at) AS first_at FROM notifications
        WHERE kind = 'stage-entered' AND stage = $2 AND case_id = ANY($1::uuid[])
        GROUP BY case_id, party) p
      GROUP BY case_id`,
    [ids, stage],
  );
  return new Map(
    rows.filter((r) => Number(r.parties) === 5).map((r) => [r.case_id, r.last_at.getTime()]),
  );
}

/**
 * Job runs that ended in the worker process so far (a job removed on completion counts too): every
 * label value of `yishi_job_runs_total` on its /metrics, summed.
 */
async function jobRuns(workerBase: string): Promise<number> {
  const res = await fetch(`${workerBase}/metrics`);
  if (!res.ok) throw new Error(`worker /metrics: ${res.status}`);
  let sum = 0;
  for (const line of (await res.text()).split('\n')) {
    const m = /^yishi_job_runs_total(?:\{[^}]*\})?\s+(\S+)/.exec(line);
    if (m !== null) sum += Number(m[1]);
  }
  return sum;
}

/**
 * CPU (ms) and round trips spent so far: the API and the worker processes (nodeMs is their sum),
 * every PostgreSQL backend on the machine, the Redis server; transactions of the scratch database.
 */
interface Costs {
  nodeMs: number;
  postgresMs: number;
  redisMs: number;
  postgresTransactions: number;
  redisCommands: number;
  apiMs: number;
  workerMs: number;
}

interface Meters {
  readonly pool: Pool;
  readonly redis: Redis;
  readonly api: RunningProcess;
  readonly worker: RunningProcess;
}

async function costs({ pool, redis, api, worker }: Meters): Promise<Costs> {
  const apiMs = await cpuMs(api.child.pid!);
  const workerMs = await cpuMs(worker.child.pid!);
  const postgresMs = await cpuMsOfCommand('postgres');
  const { rows } = await pool.query<{ xacts: string }>(
    `SELECT xact_commit + xact_rollback AS xacts FROM pg_stat_database
      WHERE datname = current_database()`,
  );
  const info = await redis.info();
  const field = (name: string) => Number(new RegExp(`${name}:([0-9.]+)`).exec(info)?.[1] ?? NaN);
  return {
    nodeMs: apiMs + workerMs,
    postgresMs,
    redisMs: (field('used_cpu_sys') + field('used_cpu_user')) * 1000,
    postgresTransactions: Number(rows[0]?.xacts ?? NaN),
    redisCommands: field('total_commands_processed'),
    apiMs,
    workerMs,
  };
}

const perCase = (before: Costs, after: Costs, n: number) =>
  Object.fromEntries(
    (Object.keys(before) as (keyof Costs)[]).map((k) => [k, round((after[k] - before[k]) / n, 1)]),
  );

/** Waits until every job of every queue is done (nothing waiting, active or delayed soon). */
async function idle(redisUrl: string, prefix: string): Promise<void> {
  const connection = createRedisConnection(redisUrl, 'producer', 'bench-idle');
  const queues = Object.values(QUEUES).map((name) => new Queue(name, { connection, prefix }));
  for (let quiet = 0; quiet < 5;) {
    let busy = 0;
    for (const q of queues) {
      const c = await q.getJobCounts('waiting', 'active', 'waiting-children', 'prioritized');
      busy += Object.values(c).reduce((a, b) => a + b, 0);
    }
    quiet = busy === 0 ? quiet + 1 : 0;
    await sleep(100);
  }
  for (const q of queues) await q.close();
  connection.disconnect();
}

async function main(): Promise<void> {
  const services = await resolveBenchServices();
  const admin = new PostgresAdmin(services.postgres.url);
  const children: RunningProcess[] = [];
  let platform: PlatformProcesses | undefined;
  let pool: Pool | undefined;
  const redisUrl = services.redis.url;
  try {
    log('bare BullMQ baseline…');
    const bare = await bareBullmq(redisUrl);

    const url = await admin.createDatabase(
      `yishi_bench_workflow_${randomBytes(3).toString('hex')}`,
    );
    platform = await startPlatformProcesses(
      { label: 'workflow', databaseUrl: url, redisUrl, env: { DB_POOL_SIZE: '20' } },
      children,
    );
    const { api, worker, base, workerRoot: workerBase, queuePrefix } = platform;

    const db = new Pool({ connectionString: url, max: 4 });
    pool = db;
    const repo = new CaseRepository(new EventStore(db, new UpcasterRegistry()));

    const { rows: people } = await db.query<{
      id: string;
      username: string;
      community_id: string;
    }>(
      `SELECT u.id, u.username, m.community_id FROM users u JOIN memberships m ON m.user_id = u.id
        WHERE u.username = ANY($1)`,
      [['shuji', 'dangwei', 'yeweihui', 'wuye', 'jumindaibiao', 'gongjian']],
    );
    const idOf = (u: string) => people.find((p) => p.username === u)!.id;
    const fixture: Fixture = {
      communityId: people[0]!.community_id,
      secretaryId: idOf('shuji'),
      partyMembers: {
        'party-organisation': idOf('dangwei'),
        'owners-committee': idOf('yeweihui'),
        'property-company': idOf('wuye'),
        'resident-representatives': idOf('jumindaibiao'),
        'partner-units': idOf('gongjian'),
      },
    };
    const token = (
      (await (
        await fetch(`${base}/auth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'shuji', password: 'yishi-demo' }),
        })
      ).json()) as { accessToken: string }
    ).accessToken;
    const advance = (caseId: string) =>
      fetch(`${base}/cases/${caseId}/advance`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ to: 'analysis' }),
      }).then(async (r) => {
        await r.arrayBuffer();
        if (r.status !== 202) throw new Error(`advance: ${r.status}`);
      });

    // Throughput: a burst of CASES advances.
    log(`preparing ${CASES} cases…`);
    const burst = await prepareCases(db, repo, fixture, CASES);
    await idle(redisUrl, queuePrefix);
    const meters: Meters = {
      pool: db,
      redis: createRedisConnection(redisUrl, 'producer', 'bench-meter'),
      api,
      worker,
    };
    const jobsBefore = await jobRuns(workerBase);
    const costsBefore = await costs(meters);
    log('burst…');
    const burstStart = Date.now();
    await Promise.all(burst.map(advance));
    for (;;) {
      const done = await fifthPartyRows(db, burst, 'analysis');
      if (done.size === burst.length) break;
      await sleep(20);
    }
    const burstSeconds = (Date.now() - burstStart) / 1000;
    await idle(redisUrl, queuePrefix);
    const jobsPerAdvance = ((await jobRuns(workerBase)) - jobsBefore) / burst.length;
    const costPerAdvance = perCase(costsBefore, await costs(meters), burst.length);
    meters.redis.disconnect();
    const casesPerSecond = burst.length / burstSeconds;
    const ceiling = bare / jobsPerAdvance;

    // Latency at RATE advances per second.
    const paced = await prepareCases(db, repo, fixture, RATE * SECONDS);
    await idle(redisUrl, queuePrefix);
    log(`paced: ${RATE}/s for ${SECONDS} s…`);
    const sentAt = new Map<string, number>();
    const t0 = Date.now();
    const inflight: Promise<void>[] = [];
    for (const [i, caseId] of paced.entries()) {
      const due = t0 + (i * 1000) / RATE;
      if (due > Date.now()) await sleep(due - Date.now());
      sentAt.set(caseId, Date.now());
      inflight.push(advance(caseId));
    }
    await Promise.all(inflight);
    let rows = new Map<string, number>();
    for (let waited = 0; waited < 120_000; waited += 50) {
      rows = await fifthPartyRows(db, paced, 'analysis');
      if (rows.size === paced.length) break;
      await sleep(50);
    }
    if (rows.size < paced.length)
      throw new Error(`${paced.length - rows.size} paced cases never reached all five parties`);
    const latencies = paced.map((id) => rows.get(id)! - sentAt.get(id)!);

    const result = {
      machine: {
        cpus: os.cpus().length,
        node: process.version,
        postgres: services.postgres.source,
      },
      processes:
        'the API and the worker as processes of their own (npm run start:api / start:worker); the load and the bare BullMQ baseline in the bench process',
      bareBullmqJobsPerSecond: round(bare, 0),
      jobsPerAdvance: round(jobsPerAdvance, 1),
      // Burst, per advance: CPU of the API and of the worker process (nodeMs: the two together), of
      // every PostgreSQL backend on the machine and of the Redis server (server-wide, like its
      // command count: other users of that Redis count too), and round trips.
      costPerAdvance,
      throughput: {
        cases: burst.length,
        seconds: round(burstSeconds, 2),
        casesPerSecond: round(casesPerSecond, 1),
        ceilingCasesPerSecond: round(ceiling, 1),
        ratioVsBareBullmq: round(casesPerSecond / ceiling, 2),
        target: 0.4,
      },
      latency: {
        rate: RATE,
        cases: paced.length,
        p50Ms: round(median(latencies), 1),
        p99Ms: round(percentile(latencies, 99), 1),
        maxMs: round(Math.max(...latencies), 1),
        targetP99Ms: 100,
      },
      loadAverage: os.loadavg().map((l) => round(l, 1)),
    };
    process.stdout.write(
      `API and worker each a process of their own\n` +
        `bare BullMQ ${result.bareBullmqJobsPerSecond} jobs/s; ${result.jobsPerAdvance} jobs per advance\n` +
        `per advance: ${JSON.stringify(costPerAdvance)}\n` +
        `throughput: ${result.throughput.casesPerSecond} cases/s (ceiling ${result.throughput.ceilingCasesPerSecond}; ratio ${result.throughput.ratioVsBareBullmq}, target ≥ 0.4)\n` +
        `latency at ${RATE}/s: p50 ${result.latency.p50Ms} ms, p99 ${result.latency.p99Ms} ms (target ≤ 100), max ${result.latency.maxMs} ms; load average ${result.loadAverage.join(' ')}\n`,
    );
    await writeBenchResult('workflow', result);
  } finally {
    await tearDownPlatformBench({ processes: children, platform, services, admin, pool });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String(error instanceof Error ? (error.stack ?? error) : error)}\n`);
    process.exit(1);
  },
);
