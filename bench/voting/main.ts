/**
 * A whole estate votes at once, in one run against one PostgreSQL and one Redis:
 * - an electorate of UNITS units (default 10,000), each with its own owner account and a real
 *   access token; a case in deliberation and a civil-code-278 resolution drafted over HTTP (the
 *   electorate frozen);
 * - baseline: a minimal `node:http` server doing one `pg` INSERT per ballot (primary key on
 *   (resolution, unit)) into the same database, under the same load (baseline-server.ts);
 * - ours: CLIENTS concurrent clients (default 50) casting every unit's ballot over HTTP with the
 *   owner's token; the worker runs alongside (the relay carries every BallotCast).
 * Each server is a process of its own, as deployed (`npm run start:api`, `npm run start:worker`);
 * the clients run in this process. CPU_PROF_DIR=dir writes V8 CPU profiles of the API and worker there.
 * - the close over HTTP: the final tally must equal the ground truth; no request may get a 5xx.
 *
 *   npm run bench:voting     (UNITS=10000 CLIENTS=50 ROUNDS=5; DATABASE_URL / REDIS_URL pick the servers)
 *
 * The units are cast in ROUNDS slices, each first against the baseline then against ours, so a
 * shared machine's load changes hit both alike; the report gives the totals and each round's ratio.
 *
 * Prints ballots/s, p50/p99 and ours/baseline; writes bench/results/voting.json. Targets: at least
 * 50% of the baseline's rate, p99 at most 50 ms.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import { Pool } from 'pg';
import { EventStore, UpcasterRegistry } from '@yishi/event-store';
import { issueToken } from '@yishi/identity';
import { groundTruth, prepareElectorate, type Voter } from '../support/electorate';
import { resolveBenchServices } from '../support/platform';
import { PostgresAdmin } from '../support/postgres-admin';
import {
  cpuMs,
  cpuMsOfCommand,
  freePort,
  startApp,
  startPlatformProcesses,
  waitHealthy,
  type PlatformProcesses,
  type RunningProcess,
} from '../support/processes';
import { closedLoop, summarise, type Sample } from '../support/closed-loop';
import { round } from '../support/stats';
import { tearDownPlatformBench, writeBenchResult } from '../support/results';
import { benchCaseInDeliberation } from './case';

const UNITS = Number(process.env.UNITS ?? 10_000);
const CLIENTS = Number(process.env.CLIENTS ?? 50);
/** The ballots are cast in ROUNDS, baseline then ours in each, so both meet the same machine load. */
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const SECRET = randomBytes(32).toString('hex');
const log = (msg: string) => process.stderr.write(`${msg}\n`);

interface LoadResult {
  readonly ballots: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly statuses: Record<string, number>;
}

/** The ballots' runs as one, in this bench's words. */
function summary(samples: readonly Sample[]): LoadResult {
  const { requests, ...rest } = summarise(samples);
  return { ballots: requests, ...rest };
}

async function main(): Promise<void> {
  const poolSize = 20;
  const services = await resolveBenchServices();
  const admin = new PostgresAdmin(services.postgres.url);
  const processes: RunningProcess[] = [];
  let platform: PlatformProcesses | undefined;
  let pool: Pool | undefined;
  try {
    const url = await admin.createDatabase(`yishi_bench_voting_${randomBytes(3).toString('hex')}`);
    const baselinePort = await freePort();
    platform = await startPlatformProcesses(
      {
        label: 'voting',
        databaseUrl: url,
        redisUrl: services.redis.url,
        env: { AUTH_TOKEN_SECRET: SECRET, DB_POOL_SIZE: String(poolSize) },
      },
      processes,
    );
    const { api, worker, base } = platform;
    const baseline = startApp(
      { entry: 'bench/voting/baseline-server.js' },
      {
        DATABASE_URL: url,
        PORT: String(baselinePort),
        POOL_SIZE: String(poolSize),
      },
    );
    processes.push(baseline);
    await waitHealthy(`http://127.0.0.1:${baselinePort}`, baseline);

    pool = new Pool({ connectionString: url, max: 4 });
    const store = new EventStore(pool, new UpcasterRegistry());
    const { rows } = await pool.query<{ id: string; user_id: string }>(
      `SELECT c.id, u.id AS user_id FROM communities c, users u WHERE u.username = 'shuji' LIMIT 1`,
    );
    const communityId = rows[0]!.id;
    const secretaryToken = (await issueToken(Buffer.from(SECRET, 'utf8'), rows[0]!.user_id, 3600))
      .token;
    const estate = '压测花园';
    log(`preparing ${UNITS} units, owners and tokens…`);
    const voters = await prepareElectorate(pool, {
      communityId,
      estate,
      units: UNITS,
      secret: SECRET,
      prefix: 'bench-owner-',
    });
    const caseId = await benchCaseInDeliberation(store, communityId, estate);
    const call = async (method: string, url: string, token: string, body?: unknown) => {
      const res = await fetch(`${base}${url}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: await res.json() };
    };
    const drafted = await call('POST', `/cases/${caseId}/resolutions`, secretaryToken, {
      title: '关于续聘物业服务企业的决议',
      text: '压测决议',
      rule: 'civil-code-278',
      matter: 'ordinary',
      closesAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    if (drafted.status !== 201)
      throw new Error(`draft: ${drafted.status} ${JSON.stringify(drafted.body)}`);
    const resolutionId = (drafted.body as { id: string }).id;
    const resolution = await call('GET', `/resolutions/${resolutionId}`, secretaryToken);
    log(
      `electorate frozen: ${JSON.stringify((resolution.body as { electorate: unknown }).electorate)}`,
    );

    const baselineResolution = randomUUID();
    const sendBaseline = async (v: Voter) => {
      const res = await fetch(`http://127.0.0.1:${baselinePort}/ballots`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${v.token}` },
        body: JSON.stringify({
          resolutionId: baselineResolution,
          unitId: v.unitId,
          choice: v.choice,
        }),
      });
      await res.arrayBuffer();
      return res.status;
    };
    const sendOurs = async (v: Voter) => {
      const res = await fetch(`${base}/resolutions/${resolutionId}/ballots`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${v.token}` },
        body: JSON.stringify({ choice: v.choice }),
      });
      await res.arrayBuffer();
      return res.status;
    };
    const baselineSamples: Sample[] = [];
    const ourSamples: Sample[] = [];
    const roundRatios: number[] = [];
    const cpu = {
      baseline: 0,
      baselinePostgres: 0,
      baselineClients: 0,
      api: 0,
      worker: 0,
      postgres: 0,
      redis: 0,
      clients: 0,
    };
    // The clients run in this process: their CPU is the share of the machine neither server gets.
    const ownCpuMs = () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    };
    const cpuOf = (p: RunningProcess) => cpuMs(p.child.pid!);
    const size = Math.ceil(voters.length / ROUNDS);
    for (let r = 0; r < ROUNDS; r++) {
      const slice = voters.slice(r * size, (r + 1) * size);
      if (slice.length === 0) break;
      const [b0, bp0] = [await cpuOf(baseline), await cpuMsOfCommand('postgres')];
      const bc0 = ownCpuMs();
      const b = await closedLoop(slice.length, CLIENTS, (i) => sendBaseline(slice[i]!));
      cpu.baselineClients += ownCpuMs() - bc0;
      cpu.baseline += (await cpuOf(baseline)) - b0;
      cpu.baselinePostgres += (await cpuMsOfCommand('postgres')) - bp0;
      const [a0, w0, p0, r0] = [
        await cpuOf(api),
        await cpuOf(worker),
        await cpuMsOfCommand('postgres'),
        await cpuMsOfCommand('redis-server'),
      ];
      const c0 = ownCpuMs();
      const o = await closedLoop(slice.length, CLIENTS, (i) => sendOurs(slice[i]!));
      cpu.clients += ownCpuMs() - c0;
      cpu.api += (await cpuOf(api)) - a0;
      cpu.worker += (await cpuOf(worker)) - w0;
      cpu.postgres += (await cpuMsOfCommand('postgres')) - p0;
      cpu.redis += (await cpuMsOfCommand('redis-server')) - r0;
      baselineSamples.push(b);
      ourSamples.push(o);
      const ratio = slice.length / o.seconds / (slice.length / b.seconds);
      roundRatios.push(round(ratio, 2)!);
      log(
        `round ${r + 1}/${ROUNDS}: baseline ${round(slice.length / b.seconds, 0)}/s, ours ${round(slice.length / o.seconds, 0)}/s, ratio ${round(ratio, 2)}`,
      );
    }
    const baselineResult = summary(baselineSamples);
    const ours = summary(ourSamples);
    const cpuPerBallot = {
      baselineMs: round(cpu.baseline / voters.length, 2),
      baselinePostgresMs: round(cpu.baselinePostgres / voters.length, 2),
      baselineClientsMs: round(cpu.baselineClients / voters.length, 2),
      apiMs: round(cpu.api / voters.length, 2),
      workerMs: round(cpu.worker / voters.length, 2),
      postgresMs: round(cpu.postgres / voters.length, 2),
      redisMs: round(cpu.redis / voters.length, 2),
      clientsMs: round(cpu.clients / voters.length, 2),
    };

    // The close, and the ground truth.
    const closed = await call('POST', `/resolutions/${resolutionId}/close`, secretaryToken);
    if (closed.status !== 200) throw new Error(`close: ${closed.status}`);
    const tally = closed.body as {
      passed: boolean;
      participated: { units: number; areaHundredths: number };
      for: { units: number; areaHundredths: number };
      against: { units: number; areaHundredths: number };
      abstain: { units: number; areaHundredths: number };
    };
    const truth = groundTruth(voters);
    const same = (['for', 'against', 'abstain'] as const).every(
      (c) => tally[c].units === truth[c][0] && tally[c].areaHundredths === truth[c][1],
    );
    const fivexx = (s: Record<string, number>) =>
      Object.entries(s)
        .filter(([k]) => Number(k) >= 500)
        .reduce((a, [, n]) => a + n, 0);
    const ratio = ours.perSecond / baselineResult.perSecond;
    const result = {
      machine: {
        cpus: os.cpus().length,
        node: process.version,
        postgres: services.postgres.source,
      },
      units: UNITS,
      clients: CLIENTS,
      processes:
        'the API and the worker as processes of their own (npm run start:api / start:worker), the baseline too; the clients in the bench process',
      baseline: baselineResult,
      ours,
      cpuPerBallot,
      ratioOursOverBaseline: round(ratio, 2),
      roundRatios,
      roundsNoisy: Math.max(...roundRatios) > 1.3 * Math.min(...roundRatios),
      loadAverage: os.loadavg().map((l) => round(l, 1)),
      targets: { ratio: 0.5, p99Ms: 50 },
      met: { ratio: ratio >= 0.5, p99: ours.p99Ms <= 50 },
      finalTally: {
        passed: tally.passed,
        participatedUnits: tally.participated.units,
        for: tally.for,
        against: tally.against,
        abstain: tally.abstain,
      },
      groundTruth: {
        for: { units: truth.for[0], areaHundredths: truth.for[1] },
        against: { units: truth.against[0], areaHundredths: truth.against[1] },
        abstain: { units: truth.abstain[0], areaHundredths: truth.abstain[1] },
      },
      tallyMatchesGroundTruth: same,
      fiveHundreds: { ours: fivexx(ours.statuses), baseline: fivexx(baselineResult.statuses) },
    };
    process.stdout.write(
      `electorate ${UNITS} units, ${CLIENTS} clients; each server a process of its own\n` +
        `baseline (node:http + one INSERT): ${baselineResult.perSecond} ballots/s, p50 ${baselineResult.p50Ms} ms, p99 ${baselineResult.p99Ms} ms; CPU ${cpuPerBallot.baselineMs} ms/ballot, PostgreSQL ${cpuPerBallot.baselinePostgresMs}, the clients ${cpuPerBallot.baselineClientsMs}\n` +
        `ours (HTTP, auth, frozen electorate, ballot streams): ${ours.perSecond} ballots/s, p50 ${ours.p50Ms} ms, p99 ${ours.p99Ms} ms (target ≤ 50), statuses ${JSON.stringify(ours.statuses)}; CPU API ${cpuPerBallot.apiMs} ms/ballot, worker ${cpuPerBallot.workerMs}, PostgreSQL ${cpuPerBallot.postgresMs}, Redis ${cpuPerBallot.redisMs}, the clients ${cpuPerBallot.clientsMs}\n` +
        `ratio ours/baseline ${result.ratioOursOverBaseline} (target ≥ 0.5); per round ${roundRatios.join(', ')}${result.roundsNoisy ? ' (noisy: rounds more than 1.3x apart)' : ''}; load average ${result.loadAverage.join(' ')}\n` +
        `final tally equals ground truth: ${same}; 5xx: ours ${result.fiveHundreds.ours}, baseline ${result.fiveHundreds.baseline}\n`,
    );
    await writeBenchResult('voting', result);
    if (!same || result.fiveHundreds.ours > 0 || ours.statuses['201'] !== UNITS)
      throw new Error('the vote was not counted exactly (see above)');
  } finally {
    await tearDownPlatformBench({ processes, platform, services, admin, pool });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String(error instanceof Error ? (error.stack ?? error) : error)}\n`);
    process.exit(1);
  },
);
