import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '../..');

/**
 * Builds the project (incremental tsc; quick when nothing changed) so a test can run the real
 * processes, `dist/apps/*\/src/main.js`, exactly as `npm start` does.
 */
export async function ensureBuilt(): Promise<void> {
  await promisify(execFile)('npm', ['run', 'build', '--silent'], { cwd: ROOT, maxBuffer: 1 << 24 });
  if (!existsSync(path.join(ROOT, 'dist/apps/worker/src/main.js')))
    throw new Error('the build produced no worker entry point');
}

export interface RunningProcess {
  readonly child: ChildProcess;
  output(): string;
  /** SIGTERM and wait for exit (SIGKILL after `ms`). */
  stop(ms?: number): Promise<void>;
}

/** Starts `dist/apps/<app>/src/main.js` with `env` on top of this process's PATH and HOME. */
export function startApp(
  app: 'api' | 'worker',
  env: Record<string, string>,
  args: string[] = [],
): RunningProcess {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, `dist/apps/${app}/src/main.js`), ...args],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
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
