import { execFile } from 'node:child_process';

export interface RunOptions {
  /** Run as this user (only meaningful when we are root). */
  uid?: number;
  gid?: number;
  cwd?: string;
  timeoutMs?: number;
}

export interface RunResult {
  /** Exit code; -1 when the process was killed by a signal (e.g. the timeout). */
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a program with an argument array (no shell) and resolves with its exit code and output.
 * Rejects only when the program could not be started at all (ENOENT, EACCES).
 */
export function run(
  file: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      {
        uid: options.uid,
        gid: options.gid,
        cwd: options.cwd,
        timeout: options.timeoutMs ?? 120_000,
        maxBuffer: 16 * 1024 * 1024,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (error === null) return resolve({ code: 0, stdout, stderr });
        const code: unknown = (error as NodeJS.ErrnoException).code;
        if (typeof code === 'number') return resolve({ code, stdout, stderr });
        if (error.killed || (error as { signal?: unknown }).signal) {
          return resolve({ code: -1, stdout, stderr: `${stderr}\n(killed: ${error.message})` });
        }
        const failure: Error = error; // could not start: ENOENT, EACCES
        reject(failure);
      },
    );
  });
}

/** Quotes one word for /bin/sh (pg_ctl passes its -o string through a shell). */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_/.,:=@%+-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
