/**
 * The ledger's list at 100,000 demands in one community (`npm run bench:demands:list`), on the read
 * model alone: a database of its own (created with a random name, migrated, dropped at the end),
 * `demand_views` filled by SQL with DEMANDS rows (default 100,000) of one community and OTHER rows
 * (default 10,000) of another, a realistic mix (docs/demands.md, "Benchmark"): most finished, a fifth
 * waiting in the ledger, 1.5% overdue, 20 grids and 3% with none, the 12 categories, 5% mentioning
 * 路灯 and 0.3% 井盖, a folded state of the usual size; then VACUUM ANALYZE, as autovacuum leaves a
 * table at rest.
 *
 * Each query shape runs through `listDemands` (the route's own code: the page and the capped count)
 * as the secretary, 20 rows a page like the web ledger, WARMUP times unmeasured and then RUNS times
 * (default 200) one after another; it prints p50, p99 and the slowest per shape against the target
 * (p99 ≤ 50 ms), and EXPLAIN (ANALYZE, BUFFERS) of the statements of the shape with the worst p99.
 * Writes bench/results/demands-list.json.
 *
 *   npm run bench:demands:list   (DEMANDS=100000 OTHER=10000 RUNS=200; DATABASE_URL, else embedded)
 *
 * KEEP_DATABASE=true leaves the database in place (its URL printed) to look at plans by hand.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import { type Pool } from 'pg';
import { DEMAND_CATEGORIES, type DemandStatus } from '@yishi/domain';
import { createPool, runMigrations } from '@yishi/database';
import {
  type DemandListFilter,
  type DemandViewer,
  demandViewsProjection,
  listDemands,
} from '@yishi/demands';
import { type Queryable } from '@yishi/event-store';
import { liveTableNames } from '@yishi/projections';
import { type DemandViewRow, insertDemandViews } from '../support/demand-views';
import { resolveBenchPostgres } from '../support/platform';
import { PostgresAdmin } from '../support/postgres-admin';
import { writeBenchResult } from '../support/results';
import { max, percentile, round } from '../support/stats';

const DEMANDS = Number(process.env.DEMANDS ?? 100_000);
const OTHER = Number(process.env.OTHER ?? 10_000);
const RUNS = Number(process.env.RUNS ?? 200);
const WARMUP = Number(process.env.WARMUP ?? 20);
const PAGE = 20;
const TARGET_MS = 50;
const BATCH = 5_000;
const KEEP_DATABASE = process.env.KEEP_DATABASE === 'true';
const log = (msg: string) => process.stderr.write(`${msg}\n`);

/** A fixed seed, so two runs measure the same ledger. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Statuses by share: most of a working ledger is finished. */
const STATUS_SHARES: [DemandStatus, number][] = [
  ['closed', 0.66],
  ['withdrawn', 0.03],
  ['merged', 0.02],
  ['in-case', 0.03],
  ['resolved', 0.06],
  ['received', 0.05],
  ['accepted', 0.05],
  ['assigned', 0.08],
  ['refused', 0.02],
];
const WAITING: readonly DemandStatus[] = ['received', 'accepted', 'assigned', 'refused'];
/** Of the waiting (a fifth of all), this share is past its deadline: 1.5% of the ledger. */
const OVERDUE_OF_WAITING = 0.075;
const CONTENTS = [
  '垃圾桶满了没人清运，气味很大',
  '电梯异响，请物业尽快检修',
  '小区门口有车辆乱停，堵住了消防通道',
  '楼上装修噪音太大，周末早上七点就开始',
  '绿化带杂草很多，蚊虫滋生',
  '单元门禁坏了，外来人员随意进出',
  '下水道返味，厨房地漏冒水',
  '楼道堆放杂物，存在安全隐患',
  '独居老人需要上门探访',
  '自来水水压低，高层用水困难',
  '外墙瓷砖脱落，担心砸到行人',
  '楼顶漏水，雨天屋里滴水',
  '小区健身器材损坏',
  '流浪猫太多，夜里叫声扰民',
];
const LIGHTS = ['楼道路灯坏了，晚上看不见台阶', '小区主干道路灯不亮，老人夜里出门不安全'];
const RARE = '人行道井盖松动，踩上去晃';
const day = (iso: string) => iso.slice(0, 10).replaceAll('-', '');

interface Ledger {
  readonly communityId: string;
  readonly grids: readonly string[];
  /** Who submitted them: 2,000 people, some fifty demands each. */
  readonly submitters: readonly string[];
}

/** `count` demands of a community, in batches, through plain INSERTs. */
async function fill(pool: Pool, ledger: Ledger, count: number, seed: number): Promise<void> {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const now = Date.now();
  const hoursAgo = (h: number) => new Date(now - h * 3_600_000).toISOString();
  const plus = (iso: string, h: number) => new Date(Date.parse(iso) + h * 3_600_000).toISOString();
  for (let from = 0; from < count; from += BATCH) {
    const rows: DemandViewRow[] = [];
    for (let i = from; i < Math.min(count, from + BATCH); i++) {
      let r = rnd();
      const status = STATUS_SHARES.find(([, share]) => (r -= share) < 0)?.[0] ?? 'closed';
      const waiting = WAITING.includes(status);
      const overdue = waiting && rnd() < OVERDUE_OF_WAITING;
      // Finished and elsewhere over two years; waiting within its deadlines (7 days to resolve,
      // 24 hours to accept), the overdue past them.
      const received = overdue
        ? hoursAgo(24 * (8 + rnd() * 20))
        : status === 'received'
          ? hoursAgo(rnd() * 20)
          : waiting
            ? hoursAgo(24 + rnd() * 24 * 5)
            : hoursAgo(24 * (8 + rnd() * 720));
      const text = rnd();
      const place = `（${pick(['金泰和庄', '幸福里', '学苑小区'])}${1 + Math.floor(rnd() * 30)}号楼${1 + Math.floor(rnd() * 4)}单元）`;
      const content = `${text < 0.05 ? pick(LIGHTS) : text < 0.053 ? RARE : pick(CONTENTS)}${place}`;
      const demandId = randomUUID();
      const gridId = rnd() < 0.03 ? null : pick(ledger.grids);
      const category = pick(DEMAND_CATEGORIES);
      const number = `XY-${day(received)}-${String(i + 1).padStart(5, '0')}`;
      const dueAt = plus(received, 24 * 7);
      const acceptDueAt = plus(received, 24);
      rows.push({
        demandId,
        communityId: ledger.communityId,
        number,
        content,
        category,
        status,
        gridId,
        source: pick(['online', 'door-to-door', 'hotline', 'grid-patrol', 'lead']),
        submittedBy: pick(ledger.submitters),
        receivedAt: received,
        dueAt,
        acceptDueAt,
        state: JSON.stringify({
          id: demandId,
          communityId: ledger.communityId,
          number,
          content,
          category,
          unitId: null,
          place: { estate: '金泰和庄', building: '12号楼' },
          gridId,
          source: 'online',
          photoIds: [randomUUID()],
          onBehalfOf: null,
          hotline: null,
          settings: {
            acceptWithin: { hours: 24 },
            resolveWithin: { workingDays: 7 },
            confirmWithin: { workingDays: 3 },
          },
          status,
          receivedAt: received,
          submittedBy: ledger.submitters[0],
          acceptDueAt,
          resolveDueAt: dueAt,
          dueAt,
          acceptedAt: waiting && status !== 'received' ? plus(received, 2) : null,
          acceptedBy: ledger.submitters[0],
          assignment: { party: 'property-company', userId: null, gridId, at: received },
          refusals: [],
          round: 1,
          reopenings: 0,
          resolutions: [{ round: 1, note: '已派物业维修，现已处理完毕', photoIds: [], at: dueAt }],
          confirmations: [],
          pendingConfirmation: null,
          unevaluatedRounds: [],
          caseIds: [],
          mergedInto: null,
          withdrawnAt: null,
          closure: null,
        }),
      });
    }
    await insertDemandViews(pool, rows);
    if ((from / BATCH) % 4 === 3 || from + BATCH >= count)
      log(`  ${Math.min(count, from + BATCH)}/${count}`);
  }
}

/** The pool, recording every statement (to EXPLAIN the worst shape's afterwards). */
function recording(pool: Pool): {
  db: Queryable;
  statements: { text: string; values: unknown[] }[];
} {
  const statements: { text: string; values: unknown[] }[] = [];
  const db = {
    query(text: string, values: unknown[] = []) {
      statements.push({ text, values });
      return pool.query(text, values);
    },
  } as unknown as Queryable;
  return { db, statements };
}

interface Shape {
  readonly name: string;
  readonly filter: Partial<DemandListFilter>;
  /** Not the secretary: a resident, a grid worker (not among the targets; shown beside them). */
  readonly viewer?: DemandViewer;
}

async function main(): Promise<void> {
  const postgres = await resolveBenchPostgres();
  const admin = new PostgresAdmin(postgres.url);
  const url = await admin.createDatabase(`yishi_bench_list_${randomBytes(4).toString('hex')}`);
  const pool = createPool({
    databaseUrl: url,
    max: 4,
    statementTimeoutMs: 600_000,
    applicationName: 'bench-demands-list',
  });
  try {
    await runMigrations(url);
    await demandViewsProjection.createTables(pool, liveTableNames(demandViewsProjection));
    const people = (n: number) => Array.from({ length: n }, () => randomUUID());
    const ledger: Ledger = {
      communityId: randomUUID(),
      grids: people(20),
      submitters: people(2_000),
    };
    const other: Ledger = { communityId: randomUUID(), grids: people(2), submitters: people(200) };
    const started = performance.now();
    log(`filling demand_views: ${DEMANDS} demands of one community, ${OTHER} of another`);
    await fill(pool, ledger, DEMANDS, 21);
    await fill(pool, other, OTHER, 34);
    await pool.query('VACUUM ANALYZE demand_views');
    const fillSeconds = (performance.now() - started) / 1000;
    const { rows: mix } = await pool.query<{ status: string; n: number; overdue: number }>(
      `SELECT status, count(*)::int AS n,
              count(*) FILTER (WHERE status_group = 1 AND due_key < now())::int AS overdue
         FROM demand_views WHERE community_id = $1 GROUP BY status ORDER BY n DESC`,
      [ledger.communityId],
    );
    const { rows: size } = await pool.query<{ table: string; indexes: string }>(
      `SELECT pg_size_pretty(pg_table_size('demand_views')) AS table,
              pg_size_pretty(pg_indexes_size('demand_views')) AS indexes`,
    );
    log(
      `filled in ${round(fillSeconds, 1)} s; table ${size[0]!.table}, indexes ${size[0]!.indexes}`,
    );
    log(
      `mix: ${mix.map((m) => `${m.status} ${m.n}${m.overdue > 0 ? ` (${m.overdue} overdue)` : ''}`).join(', ')}`,
    );

    const secretary: DemandViewer = {
      userId: randomUUID(),
      all: true,
      homeUnitIds: [],
      ledUnitIds: [],
      ledBuildings: [],
      gridIds: [],
    };
    const resident: DemandViewer = { ...secretary, all: false, userId: ledger.submitters[7]! };
    const worker: DemandViewer = { ...secretary, all: false, gridIds: [ledger.grids[5]!] };
    const { db, statements } = recording(pool);
    const list = (f: Partial<DemandListFilter>, viewer = secretary) =>
      listDemands(db, ledger.communityId, viewer, { limit: PAGE, offset: 0, ...f });

    // The cursor of the 51st page of sort=due, walked once.
    let deep: string | null = null;
    for (let page = 0; page < 50; page++)
      deep = (await list({ sort: 'due', ...(deep === null ? {} : { cursor: deep }) })).nextCursor;
    if (deep === null) throw new Error('sort=due has fewer than 50 pages');

    const shapes: Shape[] = [
      { name: 'newest first', filter: {} },
      { name: 'status=assigned', filter: { status: 'assigned' } },
      { name: 'gridId', filter: { gridId: ledger.grids[3]! } },
      { name: 'category', filter: { category: 'noise' } },
      { name: 'q=路灯', filter: { q: '路灯' } },
      { name: 'q=井盖 (0.3%)', filter: { q: '井盖' } },
      { name: 'q=路灯不亮 (3-grams)', filter: { q: '路灯不亮' } },
      { name: 'overdue=true', filter: { overdue: true } },
      { name: 'sort=due', filter: { sort: 'due' } },
      { name: 'sort=due, page 51 by cursor', filter: { sort: 'due', cursor: deep } },
      { name: 'offset=52500', filter: { offset: 52_500 } },
      { name: "a resident's own", filter: {}, viewer: resident },
      { name: "a grid worker's, sort=due", filter: { sort: 'due' }, viewer: worker },
      {
        name: "a grid worker's received",
        filter: { status: 'received', sort: 'due' },
        viewer: worker,
      },
    ];
    // The targets are the secretary's; the others are shown beside them.
    const targets = shapes.filter((s) => s.viewer === undefined).map((s) => s.name);
    const results: Record<
      string,
      {
        p50: number | null;
        p99: number | null;
        max: number | null;
        total: number;
        totalExact: boolean;
      }
    > = {};
    let worst: (Shape & { p99: number }) | undefined;
    for (const shape of shapes) {
      for (let i = 0; i < WARMUP; i++) await list(shape.filter, shape.viewer);
      const times: number[] = [];
      let page: Awaited<ReturnType<typeof list>> | undefined;
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        page = await list(shape.filter, shape.viewer);
        times.push(performance.now() - t);
      }
      const p99 = percentile(times, 99);
      results[shape.name] = {
        p50: round(percentile(times, 50)),
        p99: round(p99),
        max: round(max(times)),
        total: page!.total,
        totalExact: page!.totalExact,
      };
      if (worst === undefined || p99 > worst.p99) worst = { ...shape, p99 };
      log(
        `${shape.name.padEnd(30)} p50 ${String(round(percentile(times, 50))).padStart(7)} ms  p99 ${String(round(p99)).padStart(7)} ms  max ${String(round(max(times))).padStart(7)} ms  total ${page!.total}${page!.totalExact ? '' : '+'}${p99 <= TARGET_MS ? '' : '  MISSED'}`,
      );
    }

    // What PostgreSQL did for the worst shape: each of its statements, analysed.
    statements.length = 0;
    await list(worst!.filter, worst!.viewer);
    const plans: string[] = [];
    for (const s of statements) {
      const { rows } = await pool.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, BUFFERS) ${s.text}`,
        s.values,
      );
      plans.push(rows.map((r) => r['QUERY PLAN']).join('\n'));
    }
    log(`\nEXPLAIN of the worst (${worst!.name}, p99 ${round(worst!.p99)} ms):`);
    for (const plan of plans) log(`${plan}\n`);

    const met = targets.every((name) => (results[name]?.p99 ?? Infinity) <= TARGET_MS);
    const file = await writeBenchResult('demands-list', {
      at: new Date().toISOString(),
      host: { cpus: os.cpus().length, loadAverage: os.loadavg().map((l) => round(l)) },
      demands: DEMANDS,
      otherCommunity: OTHER,
      runs: RUNS,
      pageSize: PAGE,
      fillSeconds: round(fillSeconds, 1),
      size: size[0],
      targetP99Ms: TARGET_MS,
      met,
      results,
      worst: { name: worst!.name, p99: round(worst!.p99), plans },
    });
    log(`\n${met ? 'every shape within' : 'NOT every shape within'} p99 ${TARGET_MS} ms; ${file}`);
    log(
      `load average ${os
        .loadavg()
        .map((l) => round(l))
        .join(' ')} on ${os.cpus().length} cores`,
    );
  } finally {
    await pool.end();
    if (KEEP_DATABASE) log(`database kept: ${url}`);
    else await admin.dropAll().catch(() => undefined);
    await postgres.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
