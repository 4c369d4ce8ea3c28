/**
 * `npm run bench`: every benchmark, one after the other (each in its own process, so none warms or
 * loads another), then one summary: bench/results/summary.json and a readable summary.md with each
 * figure beside the baseline measured in the same run and its target. BENCHES=a,b runs a subset
 * (the summary then reads the other results from earlier runs, marked as such).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const RESULTS = path.join(ROOT, 'bench/results');

/** Each bench: its built entry point and its result file. */
const BENCHES = {
  'event-store': { entry: 'dist/bench/event-store/main.js', result: 'event-store.json' },
  workflow: { entry: 'dist/bench/workflow/main.js', result: 'workflow.json' },
  voting: { entry: 'dist/bench/voting/main.js', result: 'voting.json' },
  demands: { entry: 'dist/bench/demands/main.js', result: 'demands.json' },
  rebuild: { entry: 'dist/bench/projections/rebuild.js', result: 'rebuild.json' },
  memory: { entry: 'dist/bench/memory/main.js', result: 'memory.json' },
} as const;
type BenchName = keyof typeof BENCHES;

type Json = Record<string, unknown>;

/** The first number found at one of `paths` (dotted) in `doc`. */
function pick(doc: Json | undefined, ...paths: string[]): number | null {
  for (const p of paths) {
    let at: unknown = doc;
    for (const key of p.split('.')) at = (at as Json | undefined)?.[key];
    if (typeof at === 'number' && Number.isFinite(at)) return at;
  }
  return null;
}

function run(entry: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--enable-source-maps', path.join(ROOT, entry)], {
      cwd: ROOT,
      stdio: 'inherit',
      env: process.env,
    });
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

interface Figure {
  field: string;
  label: string;
  value: number | null;
  baseline: string;
  target: { op: '>=' | '<='; value: number } | null;
}

function met(f: Figure): boolean | null {
  if (f.value === null || f.target === null) return null;
  return f.target.op === '>=' ? f.value >= f.target.value : f.value <= f.target.value;
}

async function main(): Promise<void> {
  const wanted = (process.env.BENCHES?.split(',') ?? Object.keys(BENCHES)) as BenchName[];
  const started = new Date();
  const exitCodes: Partial<Record<BenchName, number>> = {};
  for (const name of wanted) {
    const bench = BENCHES[name];
    if (bench === undefined) throw new Error(`no bench named ${name}`);
    if (!existsSync(path.join(ROOT, bench.entry))) {
      process.stdout.write(`\n==> ${name}: not built (${bench.entry}); skipped\n`);
      continue;
    }
    process.stdout.write(`\n==> bench ${name}\n`);
    exitCodes[name] = await run(bench.entry);
  }

  const docs: Partial<Record<BenchName, Json & { fresh: boolean }>> = {};
  for (const name of Object.keys(BENCHES) as BenchName[]) {
    const file = path.join(RESULTS, BENCHES[name].result);
    if (!existsSync(file)) continue;
    const fresh = (await stat(file)).mtime >= started;
    docs[name] = { ...(JSON.parse(await readFile(file, 'utf8')) as Json), fresh };
  }
  const es = docs['event-store'];
  const wf = docs.workflow;
  const vo = docs.voting;
  const de = docs.demands;
  const rb = docs.rebuild;
  const mem = docs.memory;
  const single10 = (es?.scenarios as Json | undefined)?.['single-10'] as Json | undefined;
  const contender = (name: string) => {
    const rate = pick(single10?.[name] as Json | undefined, 'eventsPerSecond');
    return rate === null ? null : Math.round(rate);
  };

  const figures: Figure[] = [
    {
      field: 'eventStore.appendRatioVsRawPg',
      label: 'append, 10 writers: ours ÷ raw pg INSERT',
      value: pick(es, 'eventStore.appendRatioVsRawPg'),
      baseline: `raw pg ${contender('raw') ?? '?'} events/s`,
      target: { op: '>=', value: 0.6 },
    },
    {
      field: 'eventStore.appendRatioVsEmmett',
      label: 'append, 10 writers: ours ÷ emmett',
      value: pick(es, 'eventStore.appendRatioVsEmmett'),
      baseline: `emmett ${contender('emmett') ?? '?'} events/s`,
      target: { op: '>=', value: 2.5 },
    },
    {
      field: 'eventStore.relayLagP99Ms',
      label: 'relay lag p99 at 1,000 appends/s (ms)',
      value: pick(es, 'eventStore.relayLagP99Ms'),
      baseline: '-',
      target: { op: '<=', value: 50 },
    },
    {
      field: 'workflow.ratioVsBareBullmq',
      label: 'cases/s ÷ (bare BullMQ jobs/s ÷ jobs per advance)',
      value: pick(wf, 'throughput.ratioVsBareBullmq'),
      baseline: `bare BullMQ ${pick(wf, 'bareBullmqJobsPerSecond') ?? '?'} jobs/s, ${pick(wf, 'jobsPerAdvance') ?? '?'} jobs per advance`,
      target: { op: '>=', value: 0.4 },
    },
    {
      field: 'workflow.e2eP99Ms',
      label: 'advance request → fifth party inbox row, p99 (ms)',
      value: pick(wf, 'latency.p99Ms'),
      baseline: `at ${pick(wf, 'latency.rate') ?? '?'} advances/s`,
      target: { op: '<=', value: 100 },
    },
    {
      field: 'voting.ballotsPerSecond',
      label: 'ballots/s over HTTP (50 clients)',
      value: pick(vo, 'ours.perSecond'),
      baseline: `node:http + pg INSERT ${pick(vo, 'baseline.perSecond') ?? '?'} /s`,
      target: null,
    },
    {
      field: 'voting.ratioVsBaseline',
      label: 'ballots/s: ours ÷ baseline server',
      value: pick(vo, 'ratioOursOverBaseline'),
      baseline: 'same load, same database',
      target: { op: '>=', value: 0.5 },
    },
    {
      field: 'voting.p99Ms',
      label: 'ballot p99 (ms)',
      value: pick(vo, 'ours.p99Ms'),
      baseline: `baseline p99 ${pick(vo, 'baseline.p99Ms') ?? '?'} ms`,
      target: { op: '<=', value: 50 },
    },
    {
      field: 'demands.intakeRatioVsBaseline',
      label: 'demand intake over HTTP (50 clients): ours ÷ baseline server',
      value: pick(de, 'intake.ratioOursOverBaseline'),
      baseline: `node:http + pg INSERT ${pick(de, 'intake.baseline.perSecond') ?? '?'} /s, ours ${pick(de, 'intake.ours.perSecond') ?? '?'} /s`,
      target: { op: '>=', value: 0.5 },
    },
    {
      field: 'demands.listQP99Ms',
      label: `ledger list, q=路灯, ${pick(de, 'demandsInLedger') ?? '?'} demands, p99 (ms)`,
      value: pick(de, 'reads.q=路灯.p99Ms'),
      baseline: '-',
      target: { op: '<=', value: 50 },
    },
    {
      field: 'demands.statsP99Ms',
      label: 'community statistics (its demands block), p99 (ms)',
      value: pick(de, 'reads.stats.p99Ms'),
      baseline: '-',
      target: { op: '<=', value: 50 },
    },
    {
      field: 'rebuild.eventsPerSecond',
      label: `projection rebuild, ${pick(rb, 'events') ?? '?'} events (events/s)`,
      value: pick(rb, 'rebuild.eventsPerSecond'),
      baseline: '-',
      target: { op: '>=', value: 50_000 },
    },
    {
      field: 'memory.apiRssMb',
      label: 'API resident memory, peak under load (MB)',
      value: pick(mem, 'memory.apiRssMb'),
      baseline: `idle ${pick(mem, 'memory.apiIdleRssMb') ?? '?'} MB`,
      target: { op: '<=', value: 300 },
    },
    {
      field: 'memory.workerRssMb',
      label: 'worker resident memory, peak under load (MB)',
      value: pick(mem, 'memory.workerRssMb'),
      baseline: `idle ${pick(mem, 'memory.workerIdleRssMb') ?? '?'} MB`,
      target: { op: '<=', value: 300 },
    },
  ];

  const summary: Json = {
    generatedAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version, platform: process.platform },
    ran: wanted,
    exitCodes,
    fromEarlierRuns: (Object.keys(docs) as BenchName[]).filter((n) => docs[n]?.fresh === false),
  };
  for (const f of figures) {
    const [group, key] = f.field.split('.') as [string, string];
    const into = (summary[group] ??= {}) as Json;
    into[key] = f.value;
  }
  summary.targets = Object.fromEntries(
    figures.map((f) => [f.field, { target: f.target, met: met(f), baseline: f.baseline }]),
  );

  const cell = (v: number | null) => (v === null ? 'not measured' : String(v));
  const md = [
    '# Benchmark summary',
    '',
    `${summary.generatedAt as string}; ${os.cpus().length} cpus, node ${process.version}. Every ratio's`,
    'baseline was measured in the same run as the figure.',
    '',
    '| field | figure | ours | baseline (same run) | target | met |',
    '| --- | --- | --- | --- | --- | --- |',
    ...figures.map(
      (f) =>
        `| \`${f.field}\` | ${f.label} | ${cell(f.value)} | ${f.baseline} | ${f.target === null ? '-' : `${f.target.op} ${f.target.value}`} | ${met(f) === null ? '-' : met(f) ? 'yes' : '**no**'} |`,
    ),
    '',
    (summary.fromEarlierRuns as string[]).length > 0
      ? `From earlier runs (not re-run now): ${(summary.fromEarlierRuns as string[]).join(', ')}.`
      : 'Every figure is from this run.',
    '',
  ].join('\n');
  await mkdir(RESULTS, { recursive: true });
  await writeFile(path.join(RESULTS, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  await writeFile(path.join(RESULTS, 'summary.md'), md);
  process.stdout.write(`\n${md}\nwrote bench/results/summary.json and summary.md\n`);
  if (Object.values(exitCodes).some((c) => c !== 0)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? (error.stack ?? error) : error)}\n`);
  process.exitCode = 1;
});
