import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import net from 'node:net';
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
 * Starts a built entry point (`dist/apps/<app>/src/main.js` for `api` and `worker`, else a path
 * under `dist/`) with `env` on top of this process's PATH and HOME; `nodeArgs` go to Node itself
 * (`--cpu-prof`, say).
 */
export function startApp(
  app: 'api' | 'worker' | { readonly entry: string },
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
