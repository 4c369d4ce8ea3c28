import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { DevServiceError, errorField, errorMessage } from './errors';
import { run } from './exec';
import { exists, findOnPath, tailFile, tailText } from './files';
import { canConnect, portInUse, waitFor } from './net';
import { type DevServiceLog, type ResolvedService } from './types';
import { ServiceUsers } from './users';

export interface ResolveRedisOptions {
  redisUrl?: string;
  dataDir: string;
  /** Port for a redis-server we spawn (EMBEDDED_REDIS_PORT). */
  port: number;
  /** Port of a Redis that may already run on this machine; 6379 except in tests. */
  loopbackPort?: number;
  log: DevServiceLog;
}

const HOST = '127.0.0.1';
const MIN_MAJOR_VERSION = 7;

export const REDIS_INSTALL_ADVICE =
  'Set REDIS_URL to a Redis 7 server, or install one: ' +
  '`sudo apt-get install redis-server` (Debian/Ubuntu), `brew install redis` (macOS), or ' +
  '`docker run -p 6379:6379 redis:7 --maxmemory-policy noeviction --appendonly yes`.';

/**
 * REDIS_URL when set; else a Redis already answering on 127.0.0.1:6379; else a redis-server of
 * our own on `port` with its files under `${dataDir}/redis` (spawned, or adopted from an earlier run).
 */
export async function resolveRedis(opts: ResolveRedisOptions): Promise<ResolvedService> {
  if (opts.redisUrl !== undefined && opts.redisUrl !== '') {
    return {
      url: opts.redisUrl,
      source: 'configured',
      startedHere: false,
      stop: () => Promise.resolve(),
    };
  }
  const { log } = opts;
  const loopbackPort = opts.loopbackPort ?? 6379;

  const loopback = await probe(loopbackPort);
  if (loopback.kind === 'pong') {
    await checkLoopbackSettings(loopbackPort, log);
    log('Redis: using the server on the loopback address', { port: loopbackPort });
    return {
      url: `redis://${HOST}:${loopbackPort}`,
      source: 'loopback',
      startedHere: false,
      stop: () => Promise.resolve(),
    };
  }
  if (loopback.kind === 'error') {
    log('Redis: the server on the loopback address cannot be used; starting our own', {
      port: loopbackPort,
      reply: loopback.message,
      hint: 'set REDIS_URL (e.g. redis://:PASSWORD@127.0.0.1:6379) to use it',
    });
  }
  return spawnedRedis(opts);
}

/** The redis-server command line: AOF for persistence, noeviction for BullMQ. */
export function redisServerArgs(port: number, dir: string): string[] {
  // One option and its value per line.
  // prettier-ignore
  return [
    '--port', String(port),
    '--bind', HOST,
    '--dir', dir,
    '--appendonly', 'yes',
    '--appendfsync', 'everysec',
    // AOF alone is the persistence: its base file already uses the RDB format (aof-use-rdb-preamble),
    // so extra RDB snapshots would only cost forks and disk.
    '--save', '',
    '--maxmemory-policy', 'noeviction',
    '--pidfile', path.join(dir, 'redis.pid'),
    '--logfile', path.join(dir, 'redis.log'),
    '--daemonize', 'yes',
  ];
}

/** Major version from `redis-server --version` ("Redis server v=7.0.15 sha=…"). */
export function parseRedisServerVersion(text: string): number | undefined {
  const match = /v=(\d+)\./.exec(text);
  return match?.[1] ? Number(match[1]) : undefined;
}

async function spawnedRedis(opts: ResolveRedisOptions): Promise<ResolvedService> {
  const { log, port } = opts;
  const dir = path.join(path.resolve(opts.dataDir), 'redis');
  const pidFile = path.join(dir, 'redis.pid');
  const url = `redis://${HOST}:${port}`;
  // As for the embedded PostgreSQL: the last process out stops it, not one another still uses.
  const users = new ServiceUsers(path.join(dir, 'users'));
  await users.join();
  const stop = stopOnce(port, log, users);
  try {
    const own = await probe(port);
    if (own.kind !== 'unreachable') {
      if (await exists(pidFile)) {
        // Ours, run by the platform, another process, or a run that was killed: use it.
        log('Redis: reusing the redis-server that is already running', { port, dir });
        return { url, source: 'spawned', startedHere: false, stop };
      }
      throw portTakenError(port);
    }
    await spawnRedis(port, dir, log);
  } catch (e) {
    await users.leave().catch(() => undefined);
    throw e;
  }
  return { url, source: 'spawned', startedHere: true, stop };
}

async function spawnRedis(port: number, dir: string, log: DevServiceLog): Promise<void> {
  const logFile = path.join(dir, 'redis.log');
  if (await portInUse(port)) throw portTakenError(port);

  const bin = await findOnPath('redis-server', process.env.PATH);
  if (bin === undefined) {
    throw new DevServiceError(
      `Redis 7 is required and no redis-server was found. ${REDIS_INSTALL_ADVICE}`,
    );
  }
  const version = parseRedisServerVersion((await run(bin, ['--version'])).stdout);
  if (version !== undefined && version < MIN_MAJOR_VERSION) {
    throw new DevServiceError(
      `${bin} is Redis ${version}, but Redis ${MIN_MAJOR_VERSION} or later is required. ${REDIS_INSTALL_ADVICE}`,
    );
  }

  await fs.mkdir(dir, { recursive: true });
  const started = Date.now();
  const result = await run(bin, redisServerArgs(port, dir));
  const answered =
    result.code === 0 &&
    (await waitFor(async () => (await probe(port)).kind === 'pong', 10_000, 50));
  if (!answered) {
    throw new DevServiceError(
      `redis-server did not start on ${HOST}:${port}` +
        (result.code === 0 ? ' within 10 s' : ` (exit ${result.code})`) +
        `. End of ${logFile}:\n${await tailFile(logFile)}\n${tailText(result.stderr, 5)}\n` +
        `Fix the cause above, set EMBEDDED_REDIS_PORT to another port, or set REDIS_URL.`,
    );
  }
  log('Redis: started redis-server', { port, dir, ms: Date.now() - started });
}

function portTakenError(port: number): DevServiceError {
  return new DevServiceError(
    `Port ${port} on ${HOST} is already in use by another program, so our redis-server cannot ` +
      'start there. Set EMBEDDED_REDIS_PORT to a free port, stop that program, or set REDIS_URL.',
  );
}

function stopOnce(port: number, log: DevServiceLog, users: ServiceUsers): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  const release = async (): Promise<void> => {
    await users.leave();
    const others = await users.others();
    if (others.length > 0) {
      log('Redis: left running for the processes still using it', { port, pids: others });
      return;
    }
    await shutdown(port, log);
  };
  return () => (stopping ??= release());
}

/** SHUTDOWN fsyncs the AOF before exiting; then wait until the port is closed. */
async function shutdown(port: number, log: DevServiceLog): Promise<void> {
  const client = newClient(port);
  try {
    await client.connect();
    await client.call('SHUTDOWN');
  } catch (e) {
    // The server closing the connection is the success case; a reply error is a real refusal.
    if (errorField(e, 'name') === 'ReplyError') {
      throw new DevServiceError(
        `redis-server on ${HOST}:${port} refused to shut down: ${errorMessage(e)}`,
        {
          cause: e,
        },
      );
    }
  } finally {
    await close(client);
  }
  if (!(await waitFor(async () => !(await canConnect(port, HOST, 500)), 10_000, 50))) {
    throw new DevServiceError(
      `redis-server on ${HOST}:${port} is still running 10 s after SHUTDOWN.`,
    );
  }
  log('Redis: stopped redis-server', { port });
}

function newClient(port: number): Redis {
  const client = new Redis({
    host: HOST,
    port,
    lazyConnect: true,
    enableOfflineQueue: false,
    enableReadyCheck: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 1000,
    // Something that accepts TCP but never answers must not hang startup.
    commandTimeout: 1000,
  });
  client.on('error', () => undefined); // failures surface through the awaited calls
  return client;
}

/**
 * QUIT, or drop the socket if the server does not answer. Never disconnect() a closed client:
 * ioredis would then arm a 2 s timer that keeps the process (and Jest) alive.
 */
async function close(client: Redis): Promise<void> {
  try {
    await client.quit();
  } catch {
    if (client.status !== 'end') client.disconnect();
  }
}

type Probe = { kind: 'pong' } | { kind: 'error'; message: string } | { kind: 'unreachable' };

/** PING a Redis on the loopback address: pong, an error reply (NOAUTH, LOADING) or nothing. */
async function probe(port: number): Promise<Probe> {
  const client = newClient(port);
  try {
    await client.connect();
    const reply = await client.ping();
    return reply === 'PONG' ? { kind: 'pong' } : { kind: 'unreachable' };
  } catch (e) {
    if (errorField(e, 'name') === 'ReplyError') return { kind: 'error', message: errorMessage(e) };
    return { kind: 'unreachable' };
  } finally {
    await close(client);
  }
}

/** Warn (never fail) about settings BullMQ needs on a Redis we do not manage. */
async function checkLoopbackSettings(port: number, log: DevServiceLog): Promise<void> {
  const client = newClient(port);
  try {
    await client.connect();
    try {
      const reply: unknown = await client.call('CONFIG', 'GET', 'maxmemory-policy');
      const policy: unknown = Array.isArray(reply) ? (reply as unknown[])[1] : undefined;
      if (typeof policy === 'string' && policy !== 'noeviction') {
        log('warning: Redis maxmemory-policy is not noeviction; queued jobs may be evicted', {
          port,
          policy,
          fix: 'redis-cli config set maxmemory-policy noeviction (and in redis.conf)',
        });
      }
    } catch {
      // CONFIG may be renamed or disabled (managed Redis): nothing to check.
    }
    try {
      const info = await client.info('server');
      const major = Number(/redis_version:(\d+)\./.exec(info)?.[1]);
      if (major && major < MIN_MAJOR_VERSION) {
        log(
          `warning: Redis ${major} on the loopback address; Redis ${MIN_MAJOR_VERSION} is required`,
          {
            port,
          },
        );
      }
    } catch {
      // INFO may be disabled too.
    }
  } catch {
    // It answered PING a moment ago; a failure here only skips the checks.
  } finally {
    await close(client);
  }
}
