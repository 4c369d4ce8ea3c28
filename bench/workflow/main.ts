/**
 * The case workflow under load, in one run against one PostgreSQL and one Redis. The API and the
 * worker are processes of their own, as deployed (`dist/apps/api/src/main.js` and
 * `dist/apps/worker/src/main.js`, as `npm run start:api` / `npm run start:worker` run them), on a
 * scratch database; the load generator (and the case preparation) runs in this process:
 * - bare BullMQ: no-op jobs/s (concurrency 50) in this process, before the platform load; the
 *   baseline;
 * - throughput: N cases taken through all four stages, gathering → analysis → deliberation →
 *   follow-up, each stage entry fanned out to the five parties (MOVES, below: what each stage needs
 *   is prepared untimed, then the request that makes the gate hold is sent for all N cases at once,
 *   and the move is done when the fifth party's inbox row of the new stage exists for every case);
 *   cases/s and advances/s over the three bursts, against bare jobs/s ÷ the jobs one advance really
 *   costs (job runs counted by the worker, `yishi_job_runs_total` on its /metrics: a job removed on
 *   completion counts too); and what one advance costs: CPU of the API process and of the worker
 *   process (from /proc), of all PostgreSQL backends and of Redis, PostgreSQL transactions of the
 *   scratch database and Redis commands (Redis figures are server-wide, PostgreSQL CPU is
 *   machine-wide);
 * - latency: for each of the three moves in turn, RATE triggers per second for SECONDS seconds;
 *   trigger → the fifth party's inbox row of the new stage, p50/p99 over all of them and per move.
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
import { Pool } from 'pg';
import { PARTIES, type Party, type Stage } from '@yishi/domain';
import { EventStore, UpcasterRegistry } from '@yishi/event-store';
import { createRedisConnection } from '@yishi/messaging';
import { readSettings } from '@yishi/registry';
import { CaseRepository } from '@yishi/cases';
import { resolveBenchServices } from '../support/platform';
import { PostgresAdmin } from '../support/postgres-admin';
import {
  startPlatformProcesses,
  type PlatformProcesses,
  type RunningProcess,
} from '../support/processes';
import { median, percentile, round, sleep } from '../support/stats';
import { tearDownPlatformBench, writeBenchResult } from '../support/results';
import {
  costs,
  type Costs,
  difference,
  fifthPartyRows,
  idle,
  jobRuns,
  type Meters,
  perAdvance,
} from './meters';

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

/**
 * The three moves every case makes, gathering → analysis → deliberation → follow-up, each entry
 * fanned out to the five parties. What triggers a move is the request that makes its gate hold: the
 * advance request (POST /cases/:id/advance) for the first; for the other two, the last required
 * acknowledgement (POST /cases/:id/acknowledgements, the partner units'), after which the queue
 * advances the case by itself, as it does in use (an advance request there would find the gate
 * already moved by the time anyone asked).
 */
const MOVES = [
  { from: 'gathering', to: 'analysis', trigger: 'advance request' },
  { from: 'analysis', to: 'deliberation', trigger: 'last acknowledgement' },
  { from: 'deliberation', to: 'follow-up', trigger: 'last acknowledgement' },
] as const satisfies readonly { from: Stage; to: Stage; trigger: string }[];
type Move = (typeof MOVES)[number];
/** The party whose acknowledgement over HTTP is the trigger of the second and third moves. */
const LAST_PARTY: Party = 'partner-units';

/** Runs `fn` over `items`, `width` at a time. */
async function inBatches<T>(items: readonly T[], width: number, fn: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += width)
    await Promise.all(items.slice(i, i + width).map(fn));
}

/**
 * What the people of a case do in the stage before each move, written straight to the log (not
 * timed, not over HTTP) except the vote: every required party's acknowledgement but the trigger's,
 * the analysis (lead party, an option; the notice it publishes ends at once, the bench's community
 * has no notice period), the meeting with all five parties present, and a resolution drafted,
 * voted for and closed over HTTP so that the worker records the passed vote on the case.
 */
class Preparation {
  constructor(
    private readonly pool: Pool,
    private readonly repo: CaseRepository,
    private readonly f: Fixture,
    private readonly http: Http,
  ) {}

  async for(move: Move, ids: readonly string[]): Promise<void> {
    await inBatches(ids, 20, (caseId) => this.one(move, caseId));
  }

  /** `n` new cases ready for the first move: a demand, every party acknowledged. */
  async open(n: number): Promise<string[]> {
    const settings = await readSettings(this.pool, this.f.communityId);
    const ids = Array.from({ length: n }, () => randomUUID());
    await inBatches(ids, 20, async (caseId) => {
      await this.repo.execute(
        caseId,
        {
          type: 'OpenCase',
          data: {
            caseId,
            communityId: this.f.communityId,
            mechanism: 'five-party-hall',
            title: '压测：楼道照明维修',
            description: '',
            category: '公共设施',
            scope: { estate: '金泰和庄', building: '10号楼', entrance: '1单元' },
            involvedParties: [],
            settings,
          },
        },
        { actorId: this.f.secretaryId, party: 'party-organisation' },
      );
      await this.repo.execute(
        caseId,
        {
          type: 'SubmitDemand',
          data: { demandId: randomUUID(), content: '灯坏了', source: 'online' },
        },
        { actorId: this.f.secretaryId },
      );
      await this.acknowledge(caseId, 'gathering', PARTIES);
    });
    return ids;
  }

  private async one(move: Move, caseId: string): Promise<void> {
    const secretary = { actorId: this.f.secretaryId, party: 'party-organisation' as const };
    switch (move.from) {
      case 'gathering':
        return;
      case 'analysis':
        await this.repo.execute(
          caseId,
          {
            type: 'RecordAnalysis',
            data: {
              summary: '灯具老化',
              leadParty: 'property-company',
              siteSurvey: '现场勘查：10号楼1单元楼道',
              options: [{ title: '更换灯具', description: '物业维修' }],
            },
          },
          secretary,
        );
        break;
      case 'deliberation': {
        await this.repo.execute(
          caseId,
          {
            type: 'RecordMeeting',
            data: {
              meetingId: randomUUID(),
              heldAt: new Date(Date.now() - 1_000).toISOString(),
              place: '社区党群服务中心',
              attendance: PARTIES.map((party) => ({
                party,
                attendees: [this.f.partyMembers[party]],
              })),
              minutes: '五方同意更换灯具',
            },
          },
          secretary,
        );
        const drafted = await this.http.send('shuji', 'POST', `/cases/${caseId}/resolutions`, 201, {
          title: '关于更换楼道灯具的决议',
          text: '由物业更换楼道灯具。',
          rule: 'simple-majority',
          closesAt: new Date(Date.now() + 3_600_000).toISOString(),
        });
        const resolutionId = (drafted as { id: string }).id;
        await this.http.send('voter', 'POST', `/resolutions/${resolutionId}/ballots`, 201, {
          choice: 'for',
        });
        await this.http.send('shuji', 'POST', `/resolutions/${resolutionId}/close`, 200);
        break;
      }
    }
    await this.acknowledge(
      caseId,
      move.from,
      PARTIES.filter((p) => p !== LAST_PARTY),
    );
  }

  private async acknowledge(caseId: string, stage: Stage, parties: readonly Party[]) {
    for (const party of parties)
      await this.repo.execute(
        caseId,
        { type: 'Acknowledge', data: { party, stage } },
        { actorId: this.f.partyMembers[party], party },
      );
  }

  /** Waits until the worker has recorded the passed vote of every case (VoteRecorded). */
  async votesRecorded(ids: readonly string[]): Promise<void> {
    const streams = ids.map((id) => `case-${id}`);
    for (let waited = 0; ; waited += 50) {
      const { rows } = await this.pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM events WHERE type = 'VoteRecorded' AND stream_id = ANY($1)`,
        [streams],
      );
      if (Number(rows[0]!.n) === ids.length) return;
      if (waited > 60_000)
        throw new Error(`${ids.length - Number(rows[0]!.n)} votes never recorded`);
      await sleep(50);
    }
  }
}

/** The bench's HTTP client: one token per demo account it acts as. */
class Http {
  private readonly tokens = new Map<string, string>();
  constructor(private readonly base: string) {}

  async signIn(as: string, username: string): Promise<void> {
    const res = await fetch(`${this.base}/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'yishi-demo' }),
    });
    if (!res.ok) throw new Error(`sign-in of ${username}: ${res.status}`);
    this.tokens.set(as, ((await res.json()) as { accessToken: string }).accessToken);
  }

  async send(as: string, method: string, path: string, expected: number, body?: object) {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.tokens.get(as)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status !== expected)
      throw new Error(`${method} ${path} as ${as}: ${res.status} ${text.slice(0, 300)}`);
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  }

  /** The request that makes the move's gate hold. */
  trigger(move: Move, caseId: string): Promise<unknown> {
    return move.from === 'gathering'
      ? this.send('shuji', 'POST', `/cases/${caseId}/advance`, 202, { to: move.to })
      : this.send(LAST_PARTY, 'POST', `/cases/${caseId}/acknowledgements`, 201, {
          stage: move.from,
        });
  }
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
    const http = new Http(base);
    await http.signIn('shuji', 'shuji');
    await http.signIn(LAST_PARTY, 'gongjian');
    await http.signIn('voter', 'yezhu-10-1-101');
    // No notice period (analysis → deliberation once everyone acknowledged) and no reminders of
    // the bench's votes, which close an hour after they open.
    await http.send('shuji', 'PATCH', `/communities/${fixture.communityId}/settings`, 200, {
      noticePeriodHours: 0,
      voteReminderHoursBeforeClose: [],
    });
    const prepare = new Preparation(db, repo, fixture, http);
    /** The cases' work before `move`; then every job done and the whole log read. */
    const ready = async (move: Move, ids: readonly string[]) => {
      await prepare.for(move, ids);
      if (move.from === 'deliberation') await prepare.votesRecorded(ids);
      await idle(redisUrl, queuePrefix, db);
    };
    const waitForEntries = async (ids: readonly string[], stage: Stage) => {
      for (let waited = 0; ; waited += 20) {
        const rows = await fifthPartyRows(db, ids, stage);
        if (rows.size === ids.length) return rows;
        if (waited > 120_000)
          throw new Error(
            `${ids.length - rows.size} cases never reached all five parties in ${stage}`,
          );
        await sleep(20);
      }
    };

    // Throughput: CASES cases, each move a burst of CASES triggers at once; only the bursts count.
    log(`preparing ${CASES} cases…`);
    const burst = await prepare.open(CASES);
    const meters: Meters = {
      pool: db,
      redis: createRedisConnection(redisUrl, 'producer', 'bench-meter'),
      api,
      worker,
    };
    let burstSeconds = 0;
    let jobs = 0;
    const spent: Costs[] = [];
    const burstSecondsByMove: Record<string, number | null> = {};
    for (const move of MOVES) {
      await ready(move, burst);
      const jobsBefore = await jobRuns(workerBase);
      const costsBefore = await costs(meters);
      log(`burst: ${move.from} → ${move.to}…`);
      const started = Date.now();
      await Promise.all(burst.map((caseId) => http.trigger(move, caseId)));
      await waitForEntries(burst, move.to);
      const seconds = (Date.now() - started) / 1000;
      burstSeconds += seconds;
      burstSecondsByMove[`${move.from}→${move.to}`] = round(seconds, 2);
      await idle(redisUrl, queuePrefix, db);
      jobs += (await jobRuns(workerBase)) - jobsBefore;
      spent.push(difference(costsBefore, await costs(meters)));
    }
    meters.redis.disconnect();
    const advances = burst.length * MOVES.length;
    const jobsPerAdvance = jobs / advances;
    const costPerAdvance = perAdvance(spent, advances);
    const advancesPerSecond = advances / burstSeconds;
    const ceiling = bare / jobsPerAdvance;

    // Latency: RATE triggers per second for SECONDS seconds, for each move in turn.
    const paced = await prepare.open(RATE * SECONDS);
    const latencies: number[] = [];
    const latencyByMove: Record<string, { p50Ms: number | null; p99Ms: number | null }> = {};
    for (const move of MOVES) {
      await ready(move, paced);
      log(`paced: ${move.from} → ${move.to}, ${RATE}/s for ${SECONDS} s…`);
      const sentAt = new Map<string, number>();
      const t0 = Date.now();
      const inflight: Promise<unknown>[] = [];
      for (const [i, caseId] of paced.entries()) {
        const due = t0 + (i * 1000) / RATE;
        if (due > Date.now()) await sleep(due - Date.now());
        sentAt.set(caseId, Date.now());
        inflight.push(http.trigger(move, caseId));
      }
      await Promise.all(inflight);
      const rows = await waitForEntries(paced, move.to);
      const these = paced.map((id) => rows.get(id)! - sentAt.get(id)!);
      latencies.push(...these);
      latencyByMove[`${move.from}→${move.to}`] = {
        p50Ms: round(median(these), 1),
        p99Ms: round(percentile(these, 99), 1),
      };
    }

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
      moves: MOVES.map((m) => `${m.from}→${m.to} (trigger: ${m.trigger})`),
      throughput: {
        cases: burst.length,
        advances,
        seconds: round(burstSeconds, 2),
        secondsByMove: burstSecondsByMove,
        casesPerSecond: round(burst.length / burstSeconds, 1),
        advancesPerSecond: round(advancesPerSecond, 1),
        ceilingAdvancesPerSecond: round(ceiling, 1),
        ratioVsBareBullmq: round(advancesPerSecond / ceiling, 2),
        target: 0.4,
      },
      latency: {
        rate: RATE,
        cases: paced.length,
        advances: latencies.length,
        p50Ms: round(median(latencies), 1),
        p99Ms: round(percentile(latencies, 99), 1),
        maxMs: round(Math.max(...latencies), 1),
        byMove: latencyByMove,
        targetP99Ms: 100,
      },
      loadAverage: os.loadavg().map((l) => round(l, 1)),
    };
    process.stdout.write(
      `API and worker each a process of their own\n` +
        `bare BullMQ ${result.bareBullmqJobsPerSecond} jobs/s; ${result.jobsPerAdvance} jobs per advance\n` +
        `per advance: ${JSON.stringify(costPerAdvance)}\n` +
        `throughput: ${result.throughput.casesPerSecond} cases/s through all four stages, ${result.throughput.advancesPerSecond} advances/s (ceiling ${result.throughput.ceilingAdvancesPerSecond}; ratio ${result.throughput.ratioVsBareBullmq}, target ≥ 0.4)\n` +
        `latency at ${RATE}/s: p50 ${result.latency.p50Ms} ms, p99 ${result.latency.p99Ms} ms (target ≤ 100), max ${result.latency.maxMs} ms; by move ${JSON.stringify(latencyByMove)}; load average ${result.loadAverage.join(' ')}\n`,
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
