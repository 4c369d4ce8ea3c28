import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../../bench/support/processes';

export { freePort, startApp, type RunningProcess } from '../../bench/support/processes';

/**
 * Builds the project (incremental tsc; quick when nothing changed) so a test can run the real
 * processes, `dist/apps/*\/src/main.js`, exactly as `npm start` does.
 */
export async function ensureBuilt(): Promise<void> {
  // The server only: rebuilding the web app here would empty dist/web under the browser tests
  // that run beside this one (their login page then never loads).
  await promisify(execFile)('npm', ['run', 'build:server', '--silent'], {
    cwd: ROOT,
    maxBuffer: 1 << 24,
  });
  for (const app of ['api', 'worker', 'platform'])
    if (!existsSync(path.join(ROOT, `dist/apps/${app}/src/main.js`)))
      throw new Error(`the build produced no ${app} entry point`);
}
