/**
 * What the workflow bench measures with: when a move is done (the fifth party's inbox row), the
 * worker's job runs, the CPU and round trips spent, and the wait for a quiet platform between phases.
 */
import { Queue } from 'bullmq';
import { type Redis } from 'ioredis';
import { type Pool } from 'pg';
import { createRedisConnection, QUEUES } from '@yishi/messaging';
import { cpuMs, cpuMsOfCommand, type RunningProcess } from '../support/processes';
import { round, sleep } from '../support/stats';

/** Per case: when the last of the five parties got its first stage-entered row for `stage`. */
export async function fifthPartyRows(pool: Pool, ids: readonly string[], stage: string) {
  const { rows } = await pool.query<{ case_id: string; parties: string; last_at: Date }>(
    `SELECT case_id, count(*) AS parties, max(first_at) AS last_at FROM (
       SELECT case_id, party, min(created_at) AS first_at FROM notifications
        WHERE kind = 'stage-entered' AND stage = $2 AND case_id = ANY($1::uuid[])
        GROUP BY case_id, party) p
      GROUP BY case_id`,
    [ids, stage],
  );
  return new Map(
    rows.filter((r) => Number(r.parties) === 5).map((r) => [r.case_id, r.last_at.getTime()]),
  );
}

/**
 * Job runs that ended in the worker process so far (a job removed on completion counts too): every
 * label value of `yishi_job_runs_total` on its /metrics, summed.
 */
export async function jobRuns(workerBase: string): Promise<number> {
  const res = await fetch(`${workerBase}/metrics`);
  if (!res.ok) throw new Error(`worker /metrics: ${res.status}`);
  let sum = 0;
  for (const line of (await res.text()).split('\n')) {
    const m = /^yishi_job_runs_total(?:\{[^}]*\})?\s+(\S+)/.exec(line);
    if (m !== null) sum += Number(m[1]);
  }
  return sum;
}

/**
 * CPU (ms) and round trips spent so far: the API and the worker processes (nodeMs is their sum),
 * every PostgreSQL backend on the machine, the Redis server; transactions of the scratch database.
 */
export interface Costs {
  nodeMs: number;
  postgresMs: number;
  redisMs: number;
  postgresTransactions: number;
  redisCommands: number;
  apiMs: number;
  workerMs: number;
}

export interface Meters {
  readonly pool: Pool;
  readonly redis: Redis;
  readonly api: RunningProcess;
  readonly worker: RunningProcess;
}

export async function costs({ pool, redis, api, worker }: Meters): Promise<Costs> {
  const apiMs = await cpuMs(api.child.pid!);
  const workerMs = await cpuMs(worker.child.pid!);
  const postgresMs = await cpuMsOfCommand('postgres');
  const { rows } = await pool.query<{ xacts: string }>(
    `SELECT xact_commit + xact_rollback AS xacts FROM pg_stat_database
      WHERE datname = current_database()`,
  );
  const info = await redis.info();
  const field = (name: string) => Number(new RegExp(`${name}:([0-9.]+)`).exec(info)?.[1] ?? NaN);
  return {
    nodeMs: apiMs + workerMs,
    postgresMs,
    redisMs: (field('used_cpu_sys') + field('used_cpu_user')) * 1000,
    postgresTransactions: Number(rows[0]?.xacts ?? NaN),
    redisCommands: field('total_commands_processed'),
    apiMs,
    workerMs,
  };
}

export const difference = (before: Costs, after: Costs): Costs =>
  Object.fromEntries(
    (Object.keys(before) as (keyof Costs)[]).map((k) => [k, after[k] - before[k]]),
  ) as unknown as Costs;

/** The costs of every burst, summed, per advance. */
export const perAdvance = (spent: readonly Costs[], advances: number) =>
  Object.fromEntries(
    (Object.keys(spent[0]!) as (keyof Costs)[]).map((k) => [
      k,
      round(spent.reduce((sum, c) => sum + c[k], 0) / advances, 1),
    ]),
  );

/**
 * Waits until every job of every queue is done (nothing waiting, active or delayed soon) and every
 * subscription (the relay, the projections) has read the whole log: what one phase's preparation
 * set going must not run into the next phase's measurement.
 */
export async function idle(redisUrl: string, prefix: string, pool: Pool): Promise<void> {
  const connection = createRedisConnection(redisUrl, 'producer', 'bench-idle');
  const queues = Object.values(QUEUES).map((name) => new Queue(name, { connection, prefix }));
  for (let quiet = 0; quiet < 5;) {
    let busy = 0;
    for (const q of queues) {
      const c = await q.getJobCounts('waiting', 'active', 'waiting-children', 'prioritized');
      busy += Object.values(c).reduce((a, b) => a + b, 0);
    }
    const { rows } = await pool.query<{ behind: string }>(
      `SELECT count(*) AS behind FROM subscription_checkpoints c
        WHERE c.name NOT LIKE '%:settled' AND EXISTS (SELECT 1 FROM events e
                       WHERE (e.transaction_id, e.global_position) > (c.transaction_id, c.global_position))`,
    );
    busy += Number(rows[0]!.behind);
    quiet = busy === 0 ? quiet + 1 : 0;
    await sleep(100);
  }
  for (const q of queues) await q.close();
  connection.disconnect();
}
