/**
 * The case workflow under load, in one run against one PostgreSQL and one Redis:
 * - bare BullMQ: no-op jobs/s (concurrency 50), the baseline;
 * - throughput: N cases, ready to move (a demand, every party acknowledged), all asked to advance
 *   at once over HTTP; cases/s until the fifth party's inbox row of the new stage exists for every
 *   case, against bare jobs/s ÷ the jobs one advance really costs (job runs counted by the workers,
 *   `yishi_job_runs_total`: a job removed on completion counts too); and what one advance costs:
 *   CPU of this process, of its PostgreSQL backends and of Redis, PostgreSQL transactions and Redis
 *   commands (Redis figures are server-wide);
 * - latency: advances requested at RATE per second; advance request → the fifth party's inbox row,
 *   p50/p99.
 *
 *   npm run bench:workflow     (CASES=200 RATE=100 SECONDS=5; DATABASE_URL / REDIS_URL pick the servers;
 *                               CPU_PROFILE=<file> writes a .cpuprofile of the burst)
 *
 * Writes bench/results/workflow.json. Targets: p99 ≤ 100 ms at 100 advances/s; throughput ≥ 40% of
 * (bare jobs/s ÷ jobs per advance).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import inspector from 'node:inspector';
import os from 'node:os';
import path from 'node:path';
import { Queue, Worker } from 'bullmq';
import { type Redis } from 'ioredis';
import { PARTIES, type Party } from '@yishi/domain';
import { createRedisConnection, QUEUES } from '@yishi/messaging';
import { type Runtime } from '@yishi/platform';
import { readSettings } from '@yishi/registry';
import { CaseRepository } from '@yishi/workflow';
import { startBenchPlatform } from '../support/platform';
import { median, percentile, round, sleep } from '../support/stats';

const ROOT = path.resolve(__dirname, '../../..');
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
async function prepareCases(runtime: Runtime, f: Fixture, n: number): Promise<string[]> {
  const repo = new CaseRepository(runtime.store);
  const settings = await readSettings(runtime.pool, f.communityId);
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
async function fifthPartyRows(runtime: Runtime, ids: string[], stage: string) {
  const { rows } = await runtime.pool.query<{ case_id: string; parties: string; last_at: Date }>(
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

/** Job runs that ended in this process's workers (a job removed on completion counts too). */
async function jobRuns(runtime: Runtime): Promise<number> {
  const metric = await runtime.metrics.jobRuns.get();
  return metric.values.reduce((sum, v) => sum + v.value, 0);
}

/** CPU (ms) and round trips spent so far: this process, its PostgreSQL backends, the Redis server. */
interface Costs {
  nodeMs: number;
  postgresMs: number;
  redisMs: number;
  postgresTransactions: number;
  redisCommands: number;
}

async function costs(runtime: Runtime, redis: Redis): Promise<Costs> {
  const cpu = process.cpuUsage();
  const { rows } = await runtime.pool.query<{ pid: number; xacts: string }>(
    `SELECT a.pid, d.xact_commit + d.xact_rollback AS xacts
       FROM pg_stat_activity a JOIN pg_stat_database d ON d.datname = a.datname
      WHERE a.datname = current_database()`,
  );
  const tick = 1000 / 100; // USER_HZ
  let postgresMs = 0;
  for (const { pid } of rows) {
    try {
      const stat = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
      postgresMs += (Number(stat[11]) + Number(stat[12])) * tick;
    } catch {
      // Not on Linux, or a backend that ended meanwhile.
    }
  }
  const info = await redis.info();
  const field = (name: string) => Number(new RegExp(`${name}:([0-9.]+)`).exec(info)?.[1] ?? NaN);
  return {
    nodeMs: (cpu.user + cpu.system) / 1000,
    postgresMs,
    redisMs: (field('used_cpu_sys') + field('used_cpu_user')) * 1000,
    postgresTransactions: Number(rows[0]?.xacts ?? NaN),
    redisCommands: field('total_commands_processed'),
  };
}

const perCase = (before: Costs, after: Costs, n: number) =>
  Object.fromEntries(
    (Object.keys(before) as (keyof Costs)[]).map((k) => [k, round((after[k] - before[k]) / n, 1)]),
  );

/** With CPU_PROFILE=<file>, profiles this process during `fn` (chrome .cpuprofile). */
async function profiled<T>(fn: () => Promise<T>): Promise<T> {
  const file = process.env.CPU_PROFILE;
  if (file === undefined || file === '') return fn();
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params, (err, result) => (err ? reject(err) : resolve(result))),
    );
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = (await post('Profiler.stop')) as { profile: object };
    await writeFile(file, JSON.stringify(profile));
    session.disconnect();
    log(`CPU profile written to ${file}`);
  }
}

/** Waits until every job of every queue is done (nothing waiting, active or delayed soon). */
async function idle(runtime: Runtime, redisUrl: string): Promise<void> {
  const connection = createRedisConnection(redisUrl, 'producer', 'bench-idle');
  const queues = Object.values(QUEUES).map(
    (name) => new Queue(name, { connection, prefix: runtime.config.queuePrefix }),
  );
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
  const platform = await startBenchPlatform({
    label: 'workflow',
    withWorker: true,
    env: { DB_POOL_SIZE: '20' },
  });
  const { runtime, base } = platform;
  const redis = { url: platform.redisUrl };
  try {
    log('bare BullMQ baseline…');
    const bare = await bareBullmq(redis.url);

    const { rows: people } = await runtime.pool.query<{
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
      }).then((r) => {
        if (r.status !== 202) throw new Error(`advance: ${r.status}`);
      });

    // Throughput: a burst of CASES advances.
    log(`preparing ${CASES} cases…`);
    const burst = await prepareCases(runtime, fixture, CASES);
    await idle(runtime, redis.url);
    const meter = createRedisConnection(redis.url, 'producer', 'bench-meter');
    const jobsBefore = await jobRuns(runtime);
    const costsBefore = await costs(runtime, meter);
    log('burst…');
    const burstStart = Date.now();
    await profiled(async () => {
      await Promise.all(burst.map(advance));
      for (;;) {
        const done = await fifthPartyRows(runtime, burst, 'analysis');
        if (done.size === burst.length) break;
        await sleep(20);
      }
    });
    const burstSeconds = (Date.now() - burstStart) / 1000;
    await idle(runtime, redis.url);
    const jobsPerAdvance = ((await jobRuns(runtime)) - jobsBefore) / burst.length;
    const costPerAdvance = perCase(costsBefore, await costs(runtime, meter), burst.length);
    meter.disconnect();
    const casesPerSecond = burst.length / burstSeconds;
    const ceiling = bare / jobsPerAdvance;

    // Latency at RATE advances per second.
    const paced = await prepareCases(runtime, fixture, RATE * SECONDS);
    await idle(runtime, redis.url);
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
      rows = await fifthPartyRows(runtime, paced, 'analysis');
      if (rows.size === paced.length) break;
      await sleep(50);
    }
    if (rows.size < paced.length)
      throw new Error(`${paced.length - rows.size} paced cases never reached all five parties`);
    const latencies = paced.map((id) => rows.get(id)! - sentAt.get(id)!);

    const result = {
      machine: { cpus: os.cpus().length, node: process.version, postgres: platform.postgresSource },
      bareBullmqJobsPerSecond: round(bare, 0),
      jobsPerAdvance: round(jobsPerAdvance, 1),
      // Burst, per advance: CPU of this process, of its PostgreSQL backends and of the Redis server
      // (server-wide, like its command count: other users of that Redis count too), and round trips.
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
    };
    process.stdout.write(
      `bare BullMQ ${result.bareBullmqJobsPerSecond} jobs/s; ${result.jobsPerAdvance} jobs per advance\n` +
        `per advance: ${JSON.stringify(costPerAdvance)}\n` +
        `throughput: ${result.throughput.casesPerSecond} cases/s (ceiling ${result.throughput.ceilingCasesPerSecond}; ratio ${result.throughput.ratioVsBareBullmq}, target ≥ 0.4)\n` +
        `latency at ${RATE}/s: p50 ${result.latency.p50Ms} ms, p99 ${result.latency.p99Ms} ms (target ≤ 100), max ${result.latency.maxMs} ms\n`,
    );
    await mkdir(path.join(ROOT, 'bench/results'), { recursive: true });
    await writeFile(
      path.join(ROOT, 'bench/results/workflow.json'),
      `${JSON.stringify(result, null, 2)}\n`,
    );
  } finally {
    await platform.close();
  }
}

main().then(
  // A flow producer's blocking connection can outlive app.close(); the report is written.
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String(error instanceof Error ? (error.stack ?? error) : error)}\n`);
    process.exit(1);
  },
);
