import { promises as fs } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { freePort } from '../../../bench/support/processes';
import {
  DevServiceError,
  resolvePostgres,
  resolveRedis,
  type ResolvedService,
} from '@yishi/dev-services';

// Real PostgreSQL and redis-server processes: nothing here is mocked.

// The integration project's testTimeout is not applied per project by Jest: set it here.
jest.setTimeout(60_000);

const services: ResolvedService[] = [];
const dirs: string[] = [];

/** Like CI: `mktemp -d` gives a mode 700 directory. */
async function tempDataDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'yishi-devsvc-'));
  dirs.push(dir);
  return dir;
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function track(service: Promise<ResolvedService>): Promise<ResolvedService> {
  const resolved = await service;
  services.push(resolved);
  return resolved;
}

async function withPg<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function withRedis<T>(url: string, fn: (client: Redis) => Promise<T>): Promise<T> {
  const client = new Redis(url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    return await fn(client);
  } finally {
    client.disconnect();
  }
}

function messages(log: jest.Mock): string[] {
  return log.mock.calls.map(([msg]) => String(msg));
}

afterAll(async () => {
  // stop() is idempotent: stopping what a test already stopped is harmless.
  for (const service of services.reverse()) await service.stop().catch(() => undefined);
  for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
});

describe('resolvePostgres', () => {
  it('passes DATABASE_URL through untouched', async () => {
    const url = 'postgres://app:secret@db.example:5432/yishi';
    const resolved = await resolvePostgres({
      databaseUrl: url,
      dataDir: '/nonexistent',
      port: 1,
      log: jest.fn(),
    });
    expect(resolved).toMatchObject({ url, source: 'configured', startedHere: false });
    await expect(resolved.stop()).resolves.toBeUndefined();
  });

  it('runs an embedded cluster as root from a mode 700 directory, keeps its data, and adopts it after a crash', async () => {
    const dataDir = await tempDataDir();
    const port = await freePort();
    const log = jest.fn();

    let started = Date.now();
    const first = await track(resolvePostgres({ dataDir, port, log }));
    const coldMs = Date.now() - started;
    expect(first.source).toBe('embedded');
    expect(first.startedHere).toBe(true);
    expect(first.url).toMatch(
      new RegExp(`^postgres://postgres:[^@]+@127\\.0\\.0\\.1:${port}/yishi$`),
    );
    await withPg(first.url, async (c) => {
      expect((await c.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
      const { rows } = await c.query<{ version: string }>('select version()');
      expect(rows[0]?.version).toMatch(/^PostgreSQL \d+/);
      await c.query('create table kept (x int)');
      await c.query('insert into kept values (42)');
    });
    expect((await fs.stat(path.join(dataDir, 'postgres.password'))).mode & 0o777).toBe(0o600);

    await first.stop();
    expect(await isListening(port)).toBe(false);

    started = Date.now();
    const second = await track(resolvePostgres({ dataDir, port, log }));
    const warmMs = Date.now() - started;
    expect(second.url).toBe(first.url);
    await withPg(second.url, async (c) => {
      expect((await c.query('select x from kept')).rows).toEqual([{ x: 42 }]);
    });

    // As if the app were killed with -9: no stop(), and the next start finds the cluster running.
    log.mockClear();
    const third = await track(resolvePostgres({ dataDir, port, log }));
    expect(third.url).toBe(first.url);
    expect(messages(log).some((m) => m.includes('reusing'))).toBe(true);
    expect(third.startedHere).toBe(false); // maybe a running app's: a CLI must not stop it
    await withPg(third.url, async (c) => {
      expect((await c.query('select x from kept')).rows).toEqual([{ x: 42 }]);
    });
    await third.stop();
    expect(await isListening(port)).toBe(false);

    // Generous bounds for slow CI machines; the targets are ~1 s cold and well under 1 s warm.
    expect(coldMs).toBeLessThan(30_000);
    expect(warmMs).toBeLessThan(5_000);
  });

  it('refuses a port that another program holds, naming EMBEDDED_POSTGRES_PORT', async () => {
    const dataDir = await tempDataDir();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const attempt = track(resolvePostgres({ dataDir, port, log: jest.fn() }));
      await expect(attempt).rejects.toThrow(DevServiceError);
      await expect(attempt).rejects.toThrow(/EMBEDDED_POSTGRES_PORT/);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

describe('resolveRedis', () => {
  it('passes REDIS_URL through untouched', async () => {
    const url = 'redis://:secret@cache.example:6379/0';
    const resolved = await resolveRedis({
      redisUrl: url,
      dataDir: '/nonexistent',
      port: 1,
      log: jest.fn(),
    });
    expect(resolved).toMatchObject({ url, source: 'configured', startedHere: false });
    await expect(resolved.stop()).resolves.toBeUndefined();
  });

  it('spawns redis-server with AOF and noeviction when loopback is closed, and adopts it after a crash', async () => {
    const dataDir = await tempDataDir();
    const loopbackPort = await freePort(); // nothing listens there
    const port = await freePort();
    const log = jest.fn();

    const first = await track(resolveRedis({ dataDir, port, loopbackPort, log }));
    expect(first).toMatchObject({
      url: `redis://127.0.0.1:${port}`,
      source: 'spawned',
      startedHere: true,
    });
    await withRedis(first.url, async (r) => {
      expect(await r.call('CONFIG', 'GET', 'maxmemory-policy')).toEqual([
        'maxmemory-policy',
        'noeviction',
      ]);
      expect(await r.call('CONFIG', 'GET', 'appendonly')).toEqual(['appendonly', 'yes']);
      expect(await r.call('CONFIG', 'GET', 'save')).toEqual(['save', '']);
      await r.set('kept', 'yes');
    });

    await first.stop();
    expect(await isListening(port)).toBe(false);

    const second = await track(resolveRedis({ dataDir, port, loopbackPort, log }));
    await withRedis(second.url, async (r) => expect(await r.get('kept')).toBe('yes')); // from the AOF

    // Killed without stop(): the next start adopts the running server.
    log.mockClear();
    const third = await track(resolveRedis({ dataDir, port, loopbackPort, log }));
    expect(third).toMatchObject({ url: second.url, source: 'spawned', startedHere: false });
    expect(messages(log).some((m) => m.includes('reusing'))).toBe(true);

    // A server answering on the loopback port is used as is, with a warning about eviction.
    await withRedis(third.url, (r) => r.call('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru'));
    log.mockClear();
    const viaLoopback = await resolveRedis({
      dataDir: '/nonexistent',
      port: 1,
      loopbackPort: port,
      log,
    });
    expect(viaLoopback).toMatchObject({
      url: `redis://127.0.0.1:${port}`,
      source: 'loopback',
      startedHere: false,
    });
    expect(messages(log).some((m) => m.includes('noeviction'))).toBe(true);
    await viaLoopback.stop(); // not ours: a no-op
    expect(await isListening(port)).toBe(true);

    await third.stop();
    expect(await isListening(port)).toBe(false);
  });

  it('explains how to get Redis when there is no redis-server', async () => {
    const dataDir = await tempDataDir();
    const emptyBin = path.join(dataDir, 'empty-bin');
    await fs.mkdir(emptyBin);
    const savedPath = process.env.PATH;
    process.env.PATH = emptyBin;
    try {
      const attempt = track(
        resolveRedis({
          dataDir,
          port: await freePort(),
          loopbackPort: await freePort(),
          log: jest.fn(),
        }),
      );
      await expect(attempt).rejects.toThrow(DevServiceError);
      await expect(attempt).rejects.toThrow(/REDIS_URL/);
      await expect(attempt).rejects.toThrow(/apt-get install redis-server/);
    } finally {
      process.env.PATH = savedPath;
    }
  });

  it('refuses a port that another program holds, naming EMBEDDED_REDIS_PORT', async () => {
    const dataDir = await tempDataDir();
    // resume(): read what the client sends, or the half-closed socket would keep close() waiting.
    const blocker = net.createServer((socket) => socket.resume().end('not redis\r\n'));
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const attempt = track(
        resolveRedis({ dataDir, port, loopbackPort: await freePort(), log: jest.fn() }),
      );
      await expect(attempt).rejects.toThrow(/EMBEDDED_REDIS_PORT/);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
