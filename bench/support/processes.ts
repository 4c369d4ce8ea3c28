import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * The platform's real processes, for the benches and the tests that need them: run from `dist`
 * (benches) and from the sources (Jest), so the repository root is found, not assumed.
 */
export const ROOT = repositoryRoot(__dirname);

function repositoryRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'apps')))
      return dir;
    if (path.dirname(dir) === dir) throw new Error(`no repository root above ${from}`);
  }
}

/** A TCP port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningProcess {
  readonly child: ChildProcess;
  output(): string;
  /** SIGTERM and wait for exit (SIGKILL after `ms`). */
  stop(ms?: number): Promise<void>;
}

/**
 * Starts a built entry point (`dist/apps/<app>/src/main.js` for `api`, `worker`, `platform`; else a path
 * under `dist/`) with `env` on top of this process's PATH and HOME; `nodeArgs` go to Node itself
 * (`--cpu-prof`, say).
 */
export function startApp(
  app: 'api' | 'worker' | 'platform' | { readonly entry: string },
  env: Record<string, string>,
  args: string[] = [],
  nodeArgs: string[] = [],
): RunningProcess {
  const entry =
    typeof app === 'string'
      ? path.join(ROOT, `dist/apps/${app}/src/main.js`)
      : path.join(ROOT, 'dist', app.entry);
  const child = spawn(process.execPath, [...nodeArgs, entry, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => out,
    async stop(ms = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), ms);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Waits until `${base}/health` answers 2xx; fails with the process's output after `ms`. */
export async function waitHealthy(
  base: string,
  process: RunningProcess,
  ms = 120_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while ((await fetch(`${base}/health`).catch(() => undefined))?.ok !== true) {
    if (process.child.exitCode !== null || Date.now() > deadline)
      throw new Error(`${base} did not become healthy:\n${process.output().slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A process's resident memory now, in MB (0 once it is gone). */
export async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
  return kb === undefined ? 0 : Number(kb) / 1024;
}

/** CPU time a process has used so far (user + system), in ms, from /proc (0 once it is gone). */
export async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of stat (11 and 12 after the command's closing paren).
  const ticks = Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  return (ticks * 1000) / 100;
}

/**
 * CPU time used so far by every process whose command is `name` (all of PostgreSQL's backends,
 * say), in ms: a server shared by everything under test, so read it around one load at a time.
 */
export async function cpuMsOfCommand(name: string): Promise<number> {
  const pids = (await readdir('/proc')).filter((p) => /^\d+$/.test(p));
  let total = 0;
  for (const pid of pids) {
    const comm = await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '');
    if (comm.trim() === name) total += await cpuMs(Number(pid));
  }
  return total;
}

export interface PlatformProcesses {
  readonly api: RunningProcess;
  readonly worker: RunningProcess;
  /** `http://127.0.0.1:<port>`: the API's root (`/health`, `/metrics`); `base` adds `/api/v1`. */
  readonly root: string;
  readonly base: string;
  /** The worker's `/health` and `/metrics`. */
  readonly workerRoot: string;
  readonly queuePrefix: string;
}

/**
 * The API and one worker as processes of their own, as deployed (`npm run start:api`,
 * `npm run start:worker`), on `databaseUrl`, both healthy. The rate limits stay on (their Redis
 * script runs) but high: a bench is one address and a few accounts writing faster than people do
 * (test/http-limits.test.ts sets its own). CPU_PROF_DIR=<dir> gives both `node --cpu-prof` (each
 * writes its profile when it stops). Started processes are pushed to `started` as they start, so
 * the caller's `finally` stops them even if the other fails to come up.
 */
export async function startPlatformProcesses(
  options: {
    readonly label: string;
    readonly databaseUrl: string;
    readonly redisUrl: string;
    readonly env?: Record<string, string>;
  },
  started: RunningProcess[],
): Promise<PlatformProcesses> {
  const [apiPort, workerPort] = [await freePort(), await freePort()];
  const queuePrefix = `{bench-${options.label}-${randomBytes(3).toString('hex')}}`;
  const env = {
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    DATA_DIR: await mkdtemp(path.join(os.tmpdir(), `yishi-bench-${options.label}-`)),
    QUEUE_PREFIX: queuePrefix,
    AUTH_TOKEN_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    RATE_LIMIT_USER_WRITES: '1000000',
    RATE_LIMIT_ADDRESS_WRITES: '1000000',
    ...options.env,
    PORT: String(apiPort),
    WORKER_PORT: String(workerPort),
  };
  const dir = process.env.CPU_PROF_DIR;
  const profile =
    dir === undefined || dir === '' ? [] : ['--cpu-prof', `--cpu-prof-dir=${path.resolve(dir)}`];
  const root = `http://127.0.0.1:${apiPort}`;
  const workerRoot = `http://127.0.0.1:${workerPort}`;
  const api = startApp('api', env, [], profile);
  started.push(api);
  await waitHealthy(root, api);
  const worker = startApp('worker', env, [], profile);
  started.push(worker);
  await waitHealthy(workerRoot, worker);
  if (profile.length > 0) {
    process.stderr.write(
      `CPU profiles when they stop: API pid ${api.child.pid}, worker pid ${worker.child.pid} (in the file names)\n`,
    );
  }
  return { api, worker, root, base: `${root}/api/v1`, workerRoot, queuePrefix };
}
