/**
 * The demands ledger under a community's whole load, in one run against one PostgreSQL and one Redis:
 * - the platform (API and worker as processes of their own, as deployed) on a scratch database with
 *   the demo seed (SEED_DEMO, SEED_DEMO_LEDGER): 学苑社区, 金泰和庄's buildings and its two grids;
 * - DEMANDS demands (default 100,000) written into the ledger in this process, through the
 *   DemandRepository and the decider as the API would (numbers from the community's counter), in
 *   SEED_CONCURRENCY streams side by side; the worker's projection runner fills demand_views and the
 *   bench waits until it holds every one before any read is measured;
 * - intake: INTAKE demands (default 10,000) over HTTP from CLIENTS closed-loop clients (default 50),
 *   the secretary's token, a building of the demo estate; against the voting bench's baseline (a
 *   minimal `node:http` server, one `pg` INSERT per request, bench/voting/baseline-server.ts) under
 *   the same load, in ROUNDS slices, baseline then ours, so the machine's load hits both alike;
 * - reads: READS requests (default 300) of each of a few ledger queries (status, grid, a
 *   two-character word, sort=due, a deep page) and of the community statistics (its `demands` block),
 *   from READ_CLIENTS concurrent clients (default 4), each for at most READ_SECONDS (default 60).
 *
 *   npm run bench:demands   (DEMANDS=100000 INTAKE=10000 CLIENTS=50 READS=300; DATABASE_URL / REDIS_URL)
 *
 * Prints the rates, p50/p99 and the targets; writes bench/results/demands.json. Targets: intake at
 * least 50% of the baseline's rate; every read's p99 at most 50 ms.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import { Pool } from 'pg';
import {
  DEMAND_CATEGORIES,
  formatDemandNumber,
  shanghaiDateOf,
  type DemandEvent,
} from '@yishi/domain';
import { DemandRepository } from '@yishi/demands';
import { EventStore, UpcasterRegistry } from '@yishi/event-store';
import { issueToken } from '@yishi/identity';
import { DEMO_ESTATE, demandSettingsOf, RegistryReads } from '@yishi/registry';
import { resolveBenchServices } from '../support/platform';
import { PostgresAdmin } from '../support/postgres-admin';
import {
  freePort,
  startApp,
  startPlatformProcesses,
  waitHealthy,
  type PlatformProcesses,
  type RunningProcess,
} from '../support/processes';
import { closedLoop, summarise, type Sample } from '../support/closed-loop';
import { round, sleep } from '../support/stats';
import { tearDownPlatformBench, writeBenchResult } from '../support/results';

const DEMANDS = Number(process.env.DEMANDS ?? 100_000);
const INTAKE = Number(process.env.INTAKE ?? 10_000);
const CLIENTS = Number(process.env.CLIENTS ?? 50);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const READS = Number(process.env.READS ?? 300);
const READ_CLIENTS = Number(process.env.READ_CLIENTS ?? 4);
/** Each query stops after READS requests or READ_SECONDS, whichever comes first. */
const READ_SECONDS = Number(process.env.READ_SECONDS ?? 60);
const SEED_CONCURRENCY = Number(process.env.SEED_CONCURRENCY ?? 64);
const SECRET = randomBytes(32).toString('hex');
const BUILDINGS = ['10号楼', '11号楼', '12号楼'];
/** One demand in ten mentions 路灯, the word the search is measured with. */
const CONTENTS = [
  '楼道路灯坏了，晚上看不见台阶',
  '垃圾桶满了没人清运',
  '电梯异响，请物业检修',
  '小区门口有车辆乱停',
  '楼上装修噪音太大',
  '绿化带杂草很多',
  '单元门禁坏了',
  '下水道返味',
  '消防通道被杂物堵住',
  '独居老人需要上门探访',
];
const log = (msg: string) => process.stderr.write(`${msg}\n`);

/**
 * `count` demands received into the ledger through the repository and the decider, their numbers
 * reserved from the community's counter in one block per batch.
 */
async function seedDemands(
  pool: Pool,
  store: EventStore,
  communityId: string,
  grids: ReadonlyMap<string, string | null>,
  secretaryId: string,
  count: number,
): Promise<void> {
  const registry = new RegistryReads(pool);
  const settings = await registry.settings(communityId);
  const prefix = settings.demandNumberPrefix;
  const demands = new DemandRepository(store);
  const batch = 5_000;
  const started = performance.now();
  for (let from = 0; from < count; from += batch) {
    const size = Math.min(batch, count - from);
    const now = new Date().toISOString();
    const { rows } = await pool.query<{ last_seq: number }>(
      `INSERT INTO demand_number_counters AS c (community_id, day, last_seq) VALUES ($1, $2, $3)
       ON CONFLICT (community_id, day) DO UPDATE SET last_seq = c.last_seq + $3
       RETURNING last_seq`,
      [communityId, shanghaiDateOf(now), size],
    );
    const firstSeq = rows[0]!.last_seq - size + 1;
    await closedLoop(size, SEED_CONCURRENCY, async (k) => {
      const i = from + k;
      const demandId = randomUUID();
      const category = DEMAND_CATEGORIES[i % DEMAND_CATEGORIES.length]!;
      const building = BUILDINGS[i % BUILDINGS.length]!;
      await demands.execute(
        demandId,
        {
          type: 'ReceiveDemand',
          data: {
            demandId,
            communityId,
            number: formatDemandNumber(prefix, now, 1),
            content: `${CONTENTS[i % CONTENTS.length]!}（${building}，第${i}号）`,
            category,
            unitId: null,
            place: { estate: DEMO_ESTATE, building },
            gridId: grids.get(building) ?? null,
            source: 'online',
            photoIds: [],
            onBehalfOf: null,
            settings: demandSettingsOf(settings, category),
          },
        },
        {
          actorId: secretaryId,
          now,
          beforeAppend: (_state, events) =>
            events.map((e): DemandEvent =>
              e.type === 'DemandReceived'
                ? {
                    ...e,
                    data: { ...e.data, number: formatDemandNumber(prefix, now, firstSeq + k) },
                  }
                : e,
            ),
        },
      );
      return 201;
    });
    const done = from + size;
    log(
      `seeded ${done}/${count} (${round(done / ((performance.now() - started) / 1000), 0)} demands/s)`,
    );
  }
}

/** Waits until demand_views holds `count` demands of the community; the seconds it took. */
async function caughtUp(pool: Pool, communityId: string, count: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM demand_views WHERE community_id = $1`,
      [communityId],
    );
    if (rows[0]!.n >= count) return (performance.now() - started) / 1000;
    if (performance.now() - started > 30 * 60_000)
      throw new Error(`demand_views holds ${rows[0]!.n} of ${count} after 30 minutes`);
    await sleep(1_000);
  }
}

async function main(): Promise<void> {
  const poolSize = 20;
  const services = await resolveBenchServices();
  const admin = new PostgresAdmin(services.postgres.url);
  const processes: RunningProcess[] = [];
  let platform: PlatformProcesses | undefined;
  let pool: Pool | undefined;
  try {
    const url = await admin.createDatabase(`yishi_bench_demands_${randomBytes(3).toString('hex')}`);
    const baselinePort = await freePort();
    platform = await startPlatformProcesses(
      {
        label: 'demands',
        databaseUrl: url,
        redisUrl: services.redis.url,
        env: {
          AUTH_TOKEN_SECRET: SECRET,
          DB_POOL_SIZE: String(poolSize),
          SEED_DEMO: 'true',
          SEED_DEMO_LEDGER: 'true',
        },
      },
      processes,
    );
    const { base } = platform;
    const baseline = startApp(
      { entry: 'bench/voting/baseline-server.js' },
      { DATABASE_URL: url, PORT: String(baselinePort), POOL_SIZE: String(poolSize) },
    );
    processes.push(baseline);
    await waitHealthy(`http://127.0.0.1:${baselinePort}`, baseline);

    pool = new Pool({ connectionString: url, max: 8 });
    const store = new EventStore(pool, new UpcasterRegistry());
    const { rows } = await pool.query<{ id: string; user_id: string }>(
      `SELECT c.id, u.id AS user_id FROM communities c, users u WHERE u.username = 'shuji' LIMIT 1`,
    );
    const communityId = rows[0]!.id;
    const secretaryId = rows[0]!.user_id;
    const token = (await issueToken(Buffer.from(SECRET, 'utf8'), secretaryId, 3600)).token;
    const registry = new RegistryReads(pool);
    const grids = new Map<string, string | null>();
    for (const b of BUILDINGS)
      grids.set(b, (await registry.gridOfBuilding(communityId, DEMO_ESTATE, b))?.id ?? null);
    const gridId = [...grids.values()].find((g) => g !== null);
    if (gridId === undefined) throw new Error('the demo seed made no grid over 金泰和庄');
    const { rows: before } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM demand_views WHERE community_id = $1`,
      [communityId],
    );
    const demoDemands = before[0]!.n;

    log(`seeding ${DEMANDS} demands through the repository…`);
    const seedStarted = performance.now();
    await seedDemands(pool, store, communityId, grids, secretaryId, DEMANDS);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const catchUpSeconds = await caughtUp(pool, communityId, demoDemands + DEMANDS);
    log(
      `seeded in ${round(seedSeconds, 1)} s; demand_views caught up ${round(catchUpSeconds, 1)} s later`,
    );
    // A ledger that grew over years has been vacuumed and analysed by autovacuum many times; one
    // filled in a minute has not: its statistics say a few hundred rows (the planner then counts
    // the community's whole index for `total`) and its visibility map is empty (every index-only
    // scan visits the table). Leave it as autovacuum would have.
    await pool.query('VACUUM ANALYZE demand_views, demand_stats_cells');

    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const baselineResolution = randomUUID();
    const sendBaseline = async () => {
      const res = await fetch(`http://127.0.0.1:${baselinePort}/ballots`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          resolutionId: baselineResolution,
          unitId: randomUUID(),
          choice: 'for',
        }),
      });
      await res.arrayBuffer();
      return res.status;
    };
    const sendOurs = async (i: number) => {
      const res = await fetch(`${base}/communities/${communityId}/demands`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          content: `${CONTENTS[i % CONTENTS.length]!}（压测）`,
          category: DEMAND_CATEGORIES[i % DEMAND_CATEGORIES.length],
          source: 'online',
          place: { estate: DEMO_ESTATE, building: BUILDINGS[i % BUILDINGS.length] },
        }),
      });
      await res.arrayBuffer();
      return res.status;
    };
    const baselineSamples: Sample[] = [];
    const ourSamples: Sample[] = [];
    const roundRatios: number[] = [];
    const size = Math.ceil(INTAKE / ROUNDS);
    for (let r = 0; r < ROUNDS; r++) {
      const n = Math.min(size, INTAKE - r * size);
      if (n <= 0) break;
      const b = await closedLoop(n, CLIENTS, sendBaseline);
      const o = await closedLoop(n, CLIENTS, (i) => sendOurs(r * size + i));
      baselineSamples.push(b);
      ourSamples.push(o);
      const ratio = b.seconds / o.seconds;
      roundRatios.push(round(ratio, 2)!);
      log(
        `intake round ${r + 1}/${ROUNDS}: baseline ${round(n / b.seconds, 0)}/s, ours ${round(n / o.seconds, 0)}/s, ratio ${round(ratio, 2)}`,
      );
    }
    const baselineIntake = summarise(baselineSamples);
    const intake = summarise(ourSamples);
    const intakeRatio = intake.perSecond / baselineIntake.perSecond;
    await caughtUp(pool, communityId, demoDemands + DEMANDS + INTAKE);

    const list = `/communities/${communityId}/demands`;
    const deep = Math.floor((DEMANDS + INTAKE) / 2);
    const queries: Record<string, string> = {
      'status=received': `${list}?status=received&limit=20`,
      'gridId=<grid>': `${list}?gridId=${gridId}&limit=20`,
      'category=public-facilities': `${list}?category=public-facilities&limit=20`,
      'q=路灯': `${list}?q=${encodeURIComponent('路灯')}&limit=20`,
      'sort=due': `${list}?sort=due&limit=20`,
      [`offset=${deep}`]: `${list}?offset=${deep}&limit=20`,
      stats: `/communities/${communityId}/stats`,
      // The floor: the same clients through the same pipeline (auth, guard, serialisation) to a
      // route that reads one row, so what is the list's own cost shows beside it.
      'floor GET /me': '/me',
    };
    const reads: Record<string, ReturnType<typeof summarise> & { met: boolean }> = {};
    for (const [name, path] of Object.entries(queries)) {
      // A request that gets no answer at all (fetch's 300 s header timeout) counts as status 0.
      const get = async () => {
        try {
          const res = await fetch(`${base}${path}`, { headers });
          await res.arrayBuffer();
          return res.status;
        } catch {
          return 0;
        }
      };
      await closedLoop(Math.min(20, READS), READ_CLIENTS, get, READ_SECONDS);
      const s = summarise([await closedLoop(READS, READ_CLIENTS, get, READ_SECONDS)]);
      reads[name] = { ...s, met: name.startsWith('floor') || s.p99Ms <= 50 };
      log(
        `read ${name}: p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms, statuses ${JSON.stringify(s.statuses)}`,
      );
    }
    const { rows: counted } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM demand_views WHERE community_id = $1`,
      [communityId],
    );
    const fivexx = (s: Record<string, number>) =>
      Object.entries(s)
        .filter(([k]) => Number(k) >= 500)
        .reduce((a, [, n]) => a + n, 0);
    const result = {
      machine: {
        cpus: os.cpus().length,
        node: process.version,
        postgres: services.postgres.source,
      },
      demandsSeeded: DEMANDS,
      demandsInLedger: counted[0]!.n,
      seed: {
        seconds: round(seedSeconds, 1),
        perSecond: round(DEMANDS / seedSeconds, 0),
        projectionCatchUpSeconds: round(catchUpSeconds, 1),
      },
      clients: CLIENTS,
      readClients: READ_CLIENTS,
      processes:
        'the API and the worker as processes of their own (npm run start:api / start:worker), the baseline too; the clients in the bench process',
      intake: {
        baseline: baselineIntake,
        ours: intake,
        ratioOursOverBaseline: round(intakeRatio, 2),
        roundRatios,
      },
      reads,
      loadAverage: os.loadavg().map((l) => round(l, 1)),
      targets: { intakeRatio: 0.5, readP99Ms: 50 },
      met: {
        intakeRatio: intakeRatio >= 0.5,
        readsP99: Object.values(reads).every((r) => r.met),
      },
      fiveHundreds: {
        intake: fivexx(intake.statuses),
        reads: Object.values(reads).reduce((a, r) => a + fivexx(r.statuses), 0),
      },
    };
    process.stdout.write(
      `ledger ${result.demandsInLedger} demands (${DEMANDS} seeded at ${result.seed.perSecond}/s, projection caught up ${result.seed.projectionCatchUpSeconds} s after); ${CLIENTS} intake clients\n` +
        `intake baseline (node:http + one INSERT): ${baselineIntake.perSecond} req/s, p50 ${baselineIntake.p50Ms} ms, p99 ${baselineIntake.p99Ms} ms\n` +
        `intake ours (POST /communities/:id/demands): ${intake.perSecond} req/s, p50 ${intake.p50Ms} ms, p99 ${intake.p99Ms} ms, statuses ${JSON.stringify(intake.statuses)}\n` +
        `ratio ours/baseline ${result.intake.ratioOursOverBaseline} (target ≥ 0.5${intakeRatio >= 0.5 ? ', met' : ', MISSED'}); per round ${roundRatios.join(', ')}\n` +
        Object.entries(reads)
          .map(
            ([name, r]) =>
              `read ${name}: p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms (target ≤ 50${r.met ? ', met' : ', MISSED'})\n`,
          )
          .join('') +
        `${READ_CLIENTS} read clients; load average ${result.loadAverage.join(' ')}; 5xx: intake ${result.fiveHundreds.intake}, reads ${result.fiveHundreds.reads}\n`,
    );
    await writeBenchResult('demands', result);
    if (result.fiveHundreds.intake > 0 || result.fiveHundreds.reads > 0)
      throw new Error('the ledger answered 5xx (see above)');
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
