/**
 * A whole estate votes at once, in one run against one PostgreSQL and one Redis:
 * - an electorate of UNITS units (default 10,000), each with its own owner account and a real
 *   access token; a case in deliberation and a civil-code-278 resolution drafted over HTTP (the
 *   electorate frozen);
 * - baseline: a minimal `node:http` server doing one `pg` INSERT per ballot (primary key on
 *   (resolution, unit)) into the same database, under the same load;
 * - ours: CLIENTS concurrent clients (default 50) casting every unit's ballot over HTTP with the
 *   owner's token; the worker runs alongside (the relay carries every BallotCast);
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
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { type Choice } from '@yishi/domain';
import { hashPassword, issueToken } from '@yishi/identity';
import { BindingHasher, importUnits } from '@yishi/registry';
import { startBenchPlatform } from '../support/platform';
import { median, percentile, round } from '../support/stats';
import { benchCaseInDeliberation } from './case';

const ROOT = path.resolve(__dirname, '../../..');
const UNITS = Number(process.env.UNITS ?? 10_000);
const CLIENTS = Number(process.env.CLIENTS ?? 50);
/** The ballots are cast in ROUNDS, baseline then ours in each, so both meet the same machine load. */
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const SECRET = randomBytes(32).toString('hex');
const log = (msg: string) => process.stderr.write(`${msg}\n`);

interface Voter {
  readonly unitId: string;
  readonly userId: string;
  readonly token: string;
  readonly areaHundredths: number;
  readonly choice: Choice;
}

interface LoadResult {
  readonly ballots: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly statuses: Record<string, number>;
}

interface Sample {
  readonly seconds: number;
  readonly latencies: number[];
  readonly statuses: Record<string, number>;
}

/** CLIENTS workers taking the next voter until none is left; latency per request. */
async function load(
  voters: readonly Voter[],
  send: (voter: Voter) => Promise<number>,
): Promise<Sample> {
  let next = 0;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let i = next++; i < voters.length; i = next++) {
        const t = performance.now();
        const status = await send(voters[i]!);
        latencies.push(performance.now() - t);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latencies, statuses };
}

function summary(samples: readonly Sample[]): LoadResult {
  const latencies = samples.flatMap((s) => s.latencies);
  const seconds = samples.reduce((a, s) => a + s.seconds, 0);
  const statuses: Record<string, number> = {};
  for (const s of samples)
    for (const [k, n] of Object.entries(s.statuses)) statuses[k] = (statuses[k] ?? 0) + n;
  return {
    ballots: latencies.length,
    seconds: round(seconds, 2)!,
    perSecond: round(latencies.length / seconds, 0)!,
    p50Ms: round(median(latencies), 1)!,
    p99Ms: round(percentile(latencies, 99), 1)!,
    maxMs: round(Math.max(...latencies), 1)!,
    statuses,
  };
}

/** The baseline: node:http, JSON body, one INSERT per request, 201. Same pool size as ours. */
async function startBaseline(
  databaseUrl: string,
  poolSize: number,
): Promise<{ url: string; close(): Promise<void>; pool: Pool }> {
  const pool = new Pool({ connectionString: databaseUrl, max: poolSize });
  await pool.query(`CREATE TABLE IF NOT EXISTS baseline_ballots (
    resolution_id uuid NOT NULL, unit_id uuid NOT NULL, choice text NOT NULL,
    cast_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (resolution_id, unit_id))`);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reply = (status: number) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(status === 201 ? '{"ok":true}' : '{"error":{"code":"X"}}');
      };
      let body: { resolutionId?: string; unitId?: string; choice?: string };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
      } catch {
        reply(400);
        return;
      }
      pool
        .query(
          `INSERT INTO baseline_ballots (resolution_id, unit_id, choice) VALUES ($1, $2, $3)`,
          [body.resolutionId, body.unitId, body.choice],
        )
        .then(
          () => reply(201),
          (error: { code?: string }) => reply(error.code === '23505' ? 409 : 500),
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/ballots`,
    pool,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  };
}

/** UNITS units in an estate of their own, each owned by an account of its own; tokens issued. */
async function prepareElectorate(
  pool: Pool,
  communityId: string,
  estate: string,
): Promise<Voter[]> {
  const drafts = Array.from({ length: UNITS }, (_, i) => ({
    estate,
    building: `${Math.floor(i / 200) + 1}号楼`,
    entrance: `${Math.floor((i % 200) / 100) + 1}单元`,
    room: String(101 + (i % 100)),
    // 60.00 to 159.99 m², varied so the area tally means something.
    areaHundredths: 6000 + ((i * 7919) % 10000),
  }));
  const units = await importUnits(pool, null, communityId, drafts);
  const hash = await hashPassword(randomBytes(12).toString('hex'));
  const ids = units.map(() => randomUUID());
  await pool.query(
    `INSERT INTO users (id, username, display_name, password_hash)
     SELECT id, 'bench-owner-' || n, '压测业主' || n, $2
       FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
    [ids, hash],
  );
  await pool.query(
    `INSERT INTO memberships (community_id, user_id, roles) SELECT $1, unnest($2::uuid[]), '{resident}'`,
    [communityId, ids],
  );
  await pool.query(
    `INSERT INTO unit_owners (unit_id, user_id, community_id)
     SELECT unnest($1::uuid[]), unnest($2::uuid[]), $3`,
    [units.map((u) => u.id), ids, communityId],
  );
  // Every owner bound by real name (实名绑定), as a match of recorded numbers leaves them: an
  // owner's own ballot checks it. Made-up numbers, hashed like the registry does.
  const hasher = new BindingHasher(randomBytes(32));
  const identityIds = units.map(() => randomUUID());
  const salts = units.map(() => randomBytes(16));
  await pool.query(
    `INSERT INTO unit_owner_identities
       (id, community_id, unit_id, salt, certificate_hash, id_number_hash)
     SELECT t.id, $2, t.unit_id, t.salt, t.c, t.i
       FROM unnest($1::uuid[], $3::uuid[], $4::bytea[], $5::bytea[], $6::bytea[])
            AS t(id, unit_id, salt, c, i)`,
    [
      identityIds,
      communityId,
      units.map((u) => u.id),
      salts,
      salts.map((salt, i) => hasher.hash(salt, 'certificate', `BENCH-CERT-${i}`)),
      salts.map((salt, i) => hasher.hash(salt, 'id-number', `BENCH-ID-${i}`)),
    ],
  );
  await pool.query(
    `INSERT INTO unit_bindings (id, community_id, unit_id, user_id, method, identity_id, bound_by)
     SELECT gen_random_uuid(), $1, t.unit_id, t.user_id, 'registry-match', t.identity_id, t.user_id
       FROM unnest($2::uuid[], $3::uuid[], $4::uuid[]) AS t(unit_id, identity_id, user_id)`,
    [communityId, units.map((u) => u.id), identityIds, ids],
  );
  const choices: Choice[] = [
    'for',
    'for',
    'for',
    'for',
    'for',
    'for',
    'against',
    'against',
    'abstain',
  ];
  return units.map((u, i) => ({
    unitId: u.id,
    userId: ids[i]!,
    token: issueToken(Buffer.from(SECRET, 'utf8'), ids[i]!, 3600).token,
    areaHundredths: drafts[i]!.areaHundredths,
    choice: choices[(i * 31) % choices.length]!,
  }));
}

async function main(): Promise<void> {
  const poolSize = 20;
  const platform = await startBenchPlatform({
    label: 'voting',
    withWorker: true,
    env: { DB_POOL_SIZE: String(poolSize), AUTH_TOKEN_SECRET: SECRET },
  });
  const { runtime, base } = platform;
  try {
    const { rows } = await runtime.pool.query<{ id: string; user_id: string }>(
      `SELECT c.id, u.id AS user_id FROM communities c, users u WHERE u.username = 'shuji' LIMIT 1`,
    );
    const communityId = rows[0]!.id;
    const secretaryToken = issueToken(Buffer.from(SECRET, 'utf8'), rows[0]!.user_id, 3600).token;
    const estate = '压测花园';
    log(`preparing ${UNITS} units, owners and tokens…`);
    const voters = await prepareElectorate(runtime.pool, communityId, estate);
    const caseId = await benchCaseInDeliberation(runtime.store, communityId, estate);
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

    const databaseUrl = runtime.config.databaseUrl;
    if (databaseUrl === undefined) throw new Error('the bench platform has no DATABASE_URL');
    const baseline = await startBaseline(databaseUrl, poolSize);
    const baselineResolution = randomUUID();
    const sendBaseline = async (v: Voter) => {
      const res = await fetch(baseline.url, {
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
    const size = Math.ceil(voters.length / ROUNDS);
    for (let r = 0; r < ROUNDS; r++) {
      const slice = voters.slice(r * size, (r + 1) * size);
      if (slice.length === 0) break;
      const b = await load(slice, sendBaseline);
      const o = await load(slice, sendOurs);
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
    await baseline.close();

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
    const truth = { for: [0, 0], against: [0, 0], abstain: [0, 0] } as Record<Choice, number[]>;
    for (const v of voters) {
      truth[v.choice][0]! += 1;
      truth[v.choice][1]! += v.areaHundredths;
    }
    const same = (['for', 'against', 'abstain'] as const).every(
      (c) => tally[c].units === truth[c][0] && tally[c].areaHundredths === truth[c][1],
    );
    const fivexx = (s: Record<string, number>) =>
      Object.entries(s)
        .filter(([k]) => Number(k) >= 500)
        .reduce((a, [, n]) => a + n, 0);
    const ratio = ours.perSecond / baselineResult.perSecond;
    const result = {
      machine: { cpus: os.cpus().length, node: process.version, postgres: platform.postgresSource },
      units: UNITS,
      clients: CLIENTS,
      baseline: baselineResult,
      ours,
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
      `electorate ${UNITS} units, ${CLIENTS} clients\n` +
        `baseline (node:http + one INSERT): ${baselineResult.perSecond} ballots/s, p50 ${baselineResult.p50Ms} ms, p99 ${baselineResult.p99Ms} ms\n` +
        `ours (HTTP, auth, frozen electorate, ballot streams): ${ours.perSecond} ballots/s, p50 ${ours.p50Ms} ms, p99 ${ours.p99Ms} ms (target ≤ 50), statuses ${JSON.stringify(ours.statuses)}\n` +
        `ratio ours/baseline ${result.ratioOursOverBaseline} (target ≥ 0.5); per round ${roundRatios.join(', ')}${result.roundsNoisy ? ' (noisy: rounds more than 1.3x apart)' : ''}; load average ${result.loadAverage.join(' ')}\n` +
        `final tally equals ground truth: ${same}; 5xx: ours ${result.fiveHundreds.ours}, baseline ${result.fiveHundreds.baseline}\n`,
    );
    await mkdir(path.join(ROOT, 'bench/results'), { recursive: true });
    await writeFile(
      path.join(ROOT, 'bench/results/voting.json'),
      `${JSON.stringify(result, null, 2)}\n`,
    );
    if (!same || result.fiveHundreds.ours > 0 || ours.statuses['201'] !== UNITS)
      throw new Error('the vote was not counted exactly (see above)');
  } finally {
    await platform.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String(error instanceof Error ? (error.stack ?? error) : error)}\n`);
    process.exit(1);
  },
);
