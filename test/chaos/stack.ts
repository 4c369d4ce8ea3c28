import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Pool } from 'pg';
import { resolvePostgres, resolveRedis, type ResolvedService } from '@yishi/dev-services';
import { client, login, PARTY_ACCOUNTS, TEST_ADMIN } from '../support/api';
import { ensureBuilt, freePort, startApp, type RunningProcess } from '../support/processes';
import { until } from '../support/wait';

/**
 * A whole deployment on this machine for fault tests: its own PostgreSQL and Redis (so they can be
 * stopped, wiped and started without touching anything else), the API and any number of workers as
 * real processes from `dist`, exactly as `npm run start:api` and `npm run start:worker` run them.
 */
export class ChaosStack {
  postgres!: ResolvedService;
  redis!: ResolvedService;
  api!: RunningProcess;
  readonly workers: RunningProcess[] = [];
  readonly workerPorts = new Map<RunningProcess, number>();
  base = '';
  private dataDir = '';
  private pgPort = 0;
  private redisPort = 0;
  private closedPort = 0;
  private env: Record<string, string> = {};

  async start(extraEnv: Record<string, string> = {}): Promise<void> {
    await ensureBuilt();
    this.dataDir = await mkdtemp(path.join(os.tmpdir(), 'yishi-chaos-'));
    [this.pgPort, this.redisPort, this.closedPort] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
    ]);
    await this.startPostgres();
    await this.startRedis();
    const port = await freePort();
    this.base = `http://127.0.0.1:${port}`;
    this.env = {
      DATABASE_URL: this.postgres.url,
      REDIS_URL: this.redis.url,
      DATA_DIR: path.join(this.dataDir, 'app'),
      AUTH_TOKEN_SECRET: 'chaos-test-secret-chaos-test-secret-0123456789',
      PORT: String(port),
      ADMIN_USERNAME: TEST_ADMIN.username,
      ADMIN_PASSWORD: TEST_ADMIN.password,
      LOG_LEVEL: 'warn',
      SHUTDOWN_TIMEOUT_MS: '3000',
      JOB_LOCK_MS: '5000',
      RECONCILE_EVERY_MS: '2000',
      DB_STATEMENT_TIMEOUT_MS: '5000',
      // The clients here are few accounts on one address writing fast, on purpose.
      RATE_LIMIT_USER_WRITES: '1000000',
      RATE_LIMIT_ADDRESS_WRITES: '1000000',
      ...extraEnv,
    };
    this.api = startApp('api', this.env);
    await this.waitHealthy(this.base, () => `the API: ${this.api.output()}`);
  }

  async startPostgres(): Promise<void> {
    this.postgres = await resolvePostgres({
      dataDir: this.dataDir,
      port: this.pgPort,
      log: () => undefined,
    });
  }

  /** Starts the stack's redis-server; `empty` wipes what it kept on disk first (AOF and RDB). */
  async startRedis(empty = false): Promise<void> {
    if (empty) {
      for (const f of ['appendonlydir', 'dump.rdb'])
        await rm(path.join(this.dataDir, 'redis', f), { recursive: true, force: true });
    }
    this.redis = await resolveRedis({
      dataDir: this.dataDir,
      port: this.redisPort,
      loopbackPort: this.closedPort,
      log: () => undefined,
    });
  }

  async startWorker(): Promise<RunningProcess> {
    const port = await freePort();
    const worker = startApp('worker', { ...this.env, WORKER_PORT: String(port) });
    this.workers.push(worker);
    this.workerPorts.set(worker, port);
    await this.waitHealthy(`http://127.0.0.1:${port}`, () => `a worker: ${worker.output()}`);
    return worker;
  }

  /** 1 while `worker` holds the relay's leadership, per its own /metrics. */
  async relayLeader(worker: RunningProcess): Promise<number | undefined> {
    const res = await fetch(`http://127.0.0.1:${this.workerPorts.get(worker)}/metrics`).catch(
      () => undefined,
    );
    if (res?.ok !== true) return undefined;
    const line = (await res.text()).split('\n').find((l) => l.startsWith('yishi_relay_leader'));
    return line === undefined ? undefined : Number(line.split(' ').pop());
  }

  async waitHealthy(base: string, what: () => string, ms = 60_000): Promise<void> {
    await until(
      async () => (await fetch(`${base}/health`).catch(() => undefined))?.ok === true,
      ms,
      what,
    );
  }

  async stop(): Promise<void> {
    for (const w of this.workers) await w.stop(5_000);
    await this.api?.stop(5_000);
    await this.redis?.stop();
    await this.postgres?.stop();
    if (this.dataDir !== '') await rm(this.dataDir, { recursive: true, force: true });
  }
}

/** `SELECT count(*) AS n …` as a number. */
export async function countOf(pool: Pool, sql: string, args: unknown[] = []): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(sql, args);
  return Number(rows[0]!.n);
}

/** The demo community's secretary, the five parties and helpers to open and move cases. */
export async function demoActors(base: string) {
  const secretary = await login(base, 'shuji');
  const parties = await Promise.all(Object.values(PARTY_ACCOUNTS).map((u) => login(base, u)));
  const me = await client(base, secretary).get('/me').expect(200);
  const communityId = (me.body as { memberships: { communityId: string }[] }).memberships[0]!
    .communityId;
  const as = (token: string) => client(base, token);
  return {
    secretary,
    parties,
    communityId,
    as,
    async openCase(title: string): Promise<string> {
      const res = await as(secretary)
        .post(`/communities/${communityId}/cases`, {
          mechanism: 'five-party-hall',
          title,
          description: '',
          category: '公共设施',
          scope: { estate: '金泰和庄', building: '11号楼' },
        })
        .expect(201);
      return (res.body as { id: string }).id;
    },
  };
}
