/**
 * Unit import: 10,000 units through the real HTTP API (JSON and CSV), against a raw set-based
 * INSERT of the same rows (the ceiling), in one run against one PostgreSQL. Target: under 5 s.
 *
 *   npm run bench:registry            (UNITS=10000 RUNS=3; DATABASE_URL / REDIS_URL pick the servers)
 *
 * Writes bench/results/registry.json.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { startBenchPlatform } from '../support/platform';
import { median, round } from '../support/stats';
import { writeBenchResult } from '../support/results';

const UNITS = Number(process.env.UNITS ?? 10_000);
const RUNS = Number(process.env.RUNS ?? 3);
const ADMIN = { username: 'bench-admin', password: 'bench-password' };

function units(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    estate: '万户小区',
    building: `${Math.floor(i / 200) + 1}号楼`,
    entrance: `${Math.floor((i % 200) / 100) + 1}单元`,
    room: String(1000 + (i % 100)),
    area: (6000 + ((i * 37) % 8001)) / 100,
  }));
}

async function main(): Promise<void> {
  const platform = await startBenchPlatform({
    label: 'registry',
    withWorker: false,
    env: { SEED_DEMO: 'false', ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password },
  });
  const { runtime, base } = platform;
  try {
    const post = async (p: string, body: string, type: string, token?: string) => {
      const res = await fetch(`${base}${p}`, {
        method: 'POST',
        headers: {
          'content-type': type,
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        },
        body,
      });
      if (res.status >= 300) throw new Error(`${p}: ${res.status} ${await res.text()}`);
      return (await res.json()) as Record<string, unknown>;
    };
    const token = (await post('/auth/token', JSON.stringify(ADMIN), 'application/json'))
      .accessToken as string;
    const rows = units(UNITS);
    const json = JSON.stringify({ units: rows });
    const csv =
      '\uFEFF小区,楼栋,单元,房号,面积\r\n' +
      rows.map((u) => [u.estate, u.building, u.entrance, u.room, u.area].join(',')).join('\r\n');

    const timings = {
      rawInsert: [] as number[],
      httpJson: [] as number[],
      httpCsv: [] as number[],
    };
    for (let run = 0; run < RUNS; run++) {
      const community = async () =>
        (
          await post(
            '/communities',
            JSON.stringify({ name: `小区${run}-${randomBytes(3).toString('hex')}` }),
            'application/json',
            token,
          )
        ).id as string;
      // The ceiling: the same rows in one set-based INSERT into a bare table, no checks.
      await runtime.pool.query(
        `CREATE TABLE IF NOT EXISTS raw_units (estate text, building text, entrance text, room text, area bigint)`,
      );
      let t = performance.now();
      await runtime.pool.query(
        `INSERT INTO raw_units SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[])`,
        [
          rows.map((u) => u.estate),
          rows.map((u) => u.building),
          rows.map((u) => u.entrance),
          rows.map((u) => u.room),
          rows.map((u) => Math.round(u.area * 100)),
        ],
      );
      timings.rawInsert.push(performance.now() - t);
      const a = await community();
      t = performance.now();
      await post(`/communities/${a}/units`, json, 'application/json', token);
      timings.httpJson.push(performance.now() - t);
      const b = await community();
      t = performance.now();
      await post(`/communities/${b}/units`, csv, 'text/csv; charset=utf-8', token);
      timings.httpCsv.push(performance.now() - t);
    }
    const raw = median(timings.rawInsert);
    const result = {
      units: UNITS,
      runs: RUNS,
      machine: { cpus: os.cpus().length, node: process.version, postgres: platform.postgresSource },
      medianMs: {
        rawInsert: round(raw, 1),
        httpJson: round(median(timings.httpJson), 1),
        httpCsv: round(median(timings.httpCsv), 1),
      },
      unitsPerSecond: {
        httpJson: round(UNITS / (median(timings.httpJson) / 1000), 0),
        httpCsv: round(UNITS / (median(timings.httpCsv) / 1000), 0),
      },
      timeRatioVsRawInsert: {
        httpJson: round(median(timings.httpJson) / raw, 1),
        httpCsv: round(median(timings.httpCsv) / raw, 1),
      },
      targetMs: 5000,
      met: Math.max(median(timings.httpJson), median(timings.httpCsv)) < 5000,
      samplesMs: Object.fromEntries(
        Object.entries(timings).map(([k, v]) => [k, v.map((x) => round(x, 1))]),
      ),
    };
    process.stdout.write(
      `${UNITS} units, median of ${RUNS}: raw INSERT ${result.medianMs.rawInsert} ms; ` +
        `HTTP JSON ${result.medianMs.httpJson} ms (${result.timeRatioVsRawInsert.httpJson}× raw); ` +
        `HTTP CSV ${result.medianMs.httpCsv} ms (${result.timeRatioVsRawInsert.httpCsv}× raw); ` +
        `target < 5000 ms: ${result.met ? 'met' : 'MISSED'}\n`,
    );
    await writeBenchResult('registry', result);
  } finally {
    await platform.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? (error.stack ?? error) : error)}\n`);
  process.exit(1);
});
