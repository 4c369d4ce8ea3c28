/**
 * Resident memory under load (`npm run bench:memory`): the API and the worker as separate processes
 * (`dist/apps/*`, as `npm run start:api` and `npm run start:worker` run them) on a scratch
 * database; CLIENTS concurrent clients take CASES cases through gathering into analysis over HTTP
 * (open, demand, five acknowledgements, advance) while each process's VmRSS is sampled every
 * 100 ms. Prints and writes bench/results/memory.json: the peak and the settled RSS of each process.
 * Target: at most 300 MB resident per process.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { resolveBenchServices } from '../support/platform';
import {
  rssMb,
  startPlatformProcesses,
  type PlatformProcesses,
  type RunningProcess,
} from '../support/processes';
import { PostgresAdmin } from '../support/postgres-admin';
import { sleep } from '../support/stats';
import { tearDownPlatformBench, writeBenchResult } from '../support/results';

const CASES = Number(process.env.CASES ?? 300);
const CLIENTS = Number(process.env.CLIENTS ?? 20);
const ADMIN = { username: 'admin', password: 'bench-admin-password' };
const PARTIES = ['dangwei', 'yeweihui', 'wuye', 'jumindaibiao', 'gongjian'];

async function call(
  base: string,
  method: string,
  url: string,
  token: string | undefined,
  body?: unknown,
): Promise<unknown> {
  const res = await fetch(`${base}/api/v1${url}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json: unknown = await res.json().catch(() => undefined);
  if (res.status >= 400) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function main(): Promise<void> {
  const services = await resolveBenchServices();
  const admin = new PostgresAdmin(services.postgres.url);
  const db = `yishi_bench_memory_${randomBytes(3).toString('hex')}`;
  const children: RunningProcess[] = [];
  let platform: PlatformProcesses | undefined;
  try {
    const url = await admin.createDatabase(db);
    platform = await startPlatformProcesses(
      {
        label: 'memory',
        databaseUrl: url,
        redisUrl: services.redis.url,
        env: { ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password },
      },
      children,
    );
    const { api, worker, root: base } = platform;

    const peaks = { api: 0, worker: 0 };
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peaks.api = Math.max(peaks.api, await rssMb(api.child.pid!));
        peaks.worker = Math.max(peaks.worker, await rssMb(worker.child.pid!));
        await sleep(100);
      }
    })();
    const idle = { api: await rssMb(api.child.pid!), worker: await rssMb(worker.child.pid!) };

    const token = async (username: string) =>
      (
        (await call(base, 'POST', '/auth/token', undefined, {
          username,
          password: 'yishi-demo',
        })) as {
          accessToken: string;
        }
      ).accessToken;
    const secretary = await token('shuji');
    const owner = await token('yezhu-11-1-201');
    const parties = await Promise.all(PARTIES.map(token));
    const me = (await call(base, 'GET', '/me', secretary)) as {
      memberships: { communityId: string }[];
    };
    const communityId = me.memberships[0]!.communityId;

    const started = Date.now();
    let next = 0;
    const client = async (): Promise<void> => {
      while (next < CASES) {
        const i = next++;
        const { id } = (await call(base, 'POST', `/communities/${communityId}/cases`, secretary, {
          mechanism: 'five-party-hall',
          title: `内存压测 ${i}`,
          description: '楼道照明损坏',
          category: '公共设施',
          scope: { estate: '金泰和庄', building: '11号楼' },
        })) as { id: string };
        await call(base, 'POST', `/cases/${id}/demands`, owner, {
          content: '灯坏了，晚上看不见',
          source: 'online',
        });
        for (const t of parties)
          await call(base, 'POST', `/cases/${id}/acknowledgements`, t, { stage: 'gathering' });
        await call(base, 'POST', `/cases/${id}/advance`, secretary, { to: 'analysis' });
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));
    const loadSeconds = (Date.now() - started) / 1000;
    // Let the worker finish the fan-outs, then read the settled size.
    await sleep(10_000);
    sampling = false;
    await sampler;
    const settled = { api: await rssMb(api.child.pid!), worker: await rssMb(worker.child.pid!) };

    const r = (n: number) => Math.round(n);
    const result = {
      generatedAt: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        node: process.version,
        postgres: services.postgres.source,
      },
      load: { cases: CASES, clients: CLIENTS, seconds: Math.round(loadSeconds * 10) / 10 },
      memory: {
        apiRssMb: r(peaks.api),
        workerRssMb: r(peaks.worker),
        apiIdleRssMb: r(idle.api),
        workerIdleRssMb: r(idle.worker),
        apiSettledRssMb: r(settled.api),
        workerSettledRssMb: r(settled.worker),
        targetMb: 300,
      },
    };
    process.stdout.write(
      `${CASES} cases by ${CLIENTS} clients in ${result.load.seconds} s\n` +
        `API    RSS: idle ${r(idle.api)} MB, peak ${r(peaks.api)} MB, settled ${r(settled.api)} MB (target ≤ 300)\n` +
        `worker RSS: idle ${r(idle.worker)} MB, peak ${r(peaks.worker)} MB, settled ${r(settled.worker)} MB (target ≤ 300)\n`,
    );
    await writeBenchResult('memory', result);
  } finally {
    await tearDownPlatformBench({ processes: children, platform, services, admin });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? (error.stack ?? error) : error)}\n`);
  process.exitCode = 1;
});
