import { mkdtemp } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  createTestDatabase,
  testQueuePrefix,
  testRedisUrl,
  type TestDatabase,
} from './support/database';
import { ensureBuilt, freePort, startApp, type RunningProcess } from './support/processes';
import { until } from './support/wait';

/**
 * What an operator reads when the platform starts: no line per route at the default level, and a
 * taken port said in one line (no stack trace) with the process ending on its own.
 */
describe('start-up output (the real API process)', () => {
  let db: TestDatabase;
  let env: Record<string, string>;
  const processes: RunningProcess[] = [];

  beforeAll(async () => {
    await ensureBuilt();
    db = await createTestDatabase();
    env = {
      DATABASE_URL: db.url,
      REDIS_URL: testRedisUrl(),
      DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'yishi-startup-')),
      QUEUE_PREFIX: testQueuePrefix('startup'),
      SEED_DEMO: 'false',
      LOG_LEVEL: 'info',
      SHUTDOWN_TIMEOUT_MS: '5000',
    };
  }, 240_000);

  afterAll(async () => {
    for (const p of processes) await p.stop();
    await db?.drop();
  });

  it('logs no route mapping at info level, and says where it listens', async () => {
    const port = await freePort();
    const api = startApp('api', { ...env, PORT: String(port) });
    processes.push(api);
    await until(
      async () =>
        (await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined))?.ok === true,
      60_000,
      () => api.output(),
    );
    await until(() => api.output().includes('listening'), 5_000);
    expect(api.output()).not.toMatch(/Mapped \{/);
    expect(api.output()).not.toMatch(/dependencies initialized/);
    const lines = api.output().trim().split('\n');
    expect(lines.length).toBeLessThan(20);
  }, 90_000);

  it('a taken PORT ends the process with one line naming the port, no stack trace', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '0.0.0.0', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const api = startApp('api', { ...env, PORT: String(port) });
      processes.push(api);
      const code = await new Promise<number | null>((resolve) =>
        api.child.once('exit', (c) => resolve(c)),
      );
      expect(code).toBe(1);
      const output = api.output();
      expect(output).toContain(
        `Port ${port} is already in use by another program (perhaps another Yishi)`,
      );
      expect(output).toContain('Set PORT to a free port');
      expect(output).not.toMatch(/^\s+at /m);
      expect(output).not.toContain('EADDRINUSE');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  }, 90_000);
});
