import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Pool } from 'pg';
import { type PostgresAdmin } from './postgres-admin';
import { type PlatformProcesses, ROOT, type RunningProcess } from './processes';
import { deleteQueueKeys } from './redis-keys';

/** Writes `bench/results/<name>.json` (what `npm run bench` summarises); returns its path. */
export async function writeBenchResult(name: string, result: unknown): Promise<string> {
  const file = path.join(ROOT, 'bench/results', `${name}.json`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

/**
 * The end of a bench that ran the platform's processes: stops them, deletes their queue keys,
 * closes the bench's pool, drops its databases and stops the servers it started. Best effort, so
 * a failed step does not hide the result already printed.
 */
export async function tearDownPlatformBench(parts: {
  readonly processes: readonly RunningProcess[];
  readonly platform: PlatformProcesses | undefined;
  readonly services: { readonly redis: { readonly url: string }; stop(): Promise<void> };
  readonly admin: PostgresAdmin;
  readonly pool?: Pool | undefined;
}): Promise<void> {
  await Promise.all(parts.processes.map((p) => p.stop()));
  if (parts.platform !== undefined)
    await deleteQueueKeys(parts.services.redis.url, parts.platform.queuePrefix).catch(
      () => undefined,
    );
  await parts.pool?.end();
  await parts.admin.dropAll().catch(() => undefined);
  await parts.services.stop();
}
