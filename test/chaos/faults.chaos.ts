import { Queue } from 'bullmq';
import { Pool } from 'pg';
import { QUEUES } from '@yishi/messaging';
import { deadlineTimerJobId, NO_TASK } from '@yishi/cases';
import { client, login } from '../support/api';
import { until } from '../support/wait';
import { ChaosStack, countOf, demoActors } from './stack';

/**
 * Faults against a real deployment (API and workers as processes, their own PostgreSQL and Redis):
 * each scenario asserts that nothing is lost and nothing is done twice. `npm run test:chaos`.
 */
describe('chaos', () => {
  const stack = new ChaosStack();
  let pool: Pool;

  beforeAll(async () => {
    await stack.start();
    pool = new Pool({ connectionString: stack.postgres.url, max: 2 });
  }, 240_000);

  afterAll(async () => {
    await pool?.end();
    await stack.stop();
  });

  const count = (sql: string, args: unknown[] = []) => countOf(pool, sql, args);

  /** Opens a case with a demand and every party's acknowledgement: ready to move to analysis. */
  async function readyCases(n: number, label: string): Promise<string[]> {
    const actors = await demoActors(stack.base);
    const owner = await login(stack.base, 'yezhu-11-1-201');
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const id = await actors.openCase(`${label} ${i}`);
      await actors
        .as(owner)
        .post(`/cases/${id}/demands`, { content: '楼道灯不亮', source: 'online' })
        .expect(201);
      for (const t of actors.parties)
        await actors
          .as(t)
          .post(`/cases/${id}/acknowledgements`, { stage: 'gathering' })
          .expect(201);
      ids.push(id);
    }
    return ids;
  }

  async function inAnalysis(ids: string[]): Promise<number> {
    return count(
      `SELECT count(DISTINCT stream_id) AS n FROM events
        WHERE type = 'StageAdvanced' AND stream_id = ANY($1::text[])`,
      [ids.map((id) => `case-${id}`)],
    );
  }

  it('two workers: exactly one relay leader; kill -9 the leader and the standby takes over', async () => {
    const a = await stack.startWorker();
    const b = await stack.startWorker();
    await until(
      async () => ((await stack.relayLeader(a)) ?? 0) + ((await stack.relayLeader(b)) ?? 0) === 1,
      30_000,
      'one relay leader',
    );
    // Leadership is a PostgreSQL advisory lock held by the leader's session: exactly one.
    const leader = (await stack.relayLeader(a)) === 1 ? a : b;
    const standby = leader === a ? b : a;
    expect(await stack.relayLeader(standby)).toBe(0);

    leader.child.kill('SIGKILL');
    await new Promise((r) => leader.child.once('exit', r));
    await until(async () => (await stack.relayLeader(standby)) === 1, 30_000, 'the standby leads');

    // And it relays: a case opened now gets its stage-entered notifications.
    const actors = await demoActors(stack.base);
    const caseId = await actors.openCase('接管后的议题');
    await until(
      async () =>
        (await count(
          `SELECT count(*) AS n FROM notifications WHERE case_id = $1 AND kind = 'stage-entered'`,
          [caseId],
        )) > 0,
      30_000,
      'notifications relayed by the new leader',
    );
  }, 180_000);

  it('Redis restarted empty mid-run: the reconciler restores timers and pending advances', async () => {
    const ids = await readyCases(20, '重启Redis');
    // Ask for the advances and pull Redis away while they are on their way.
    const actors = await demoActors(stack.base);
    for (const id of ids)
      await actors
        .as(actors.secretary)
        .post(`/cases/${id}/advance`, { to: 'analysis' })
        .expect(202);
    await stack.redis.stop();
    await stack.startRedis(true);

    await until(
      async () => (await inAnalysis(ids)) === ids.length,
      90_000,
      () => 'every case in analysis',
    );
    expect(
      await count(
        `SELECT count(*) AS n FROM events WHERE type = 'StageAdvanced' AND stream_id = ANY($1::text[])`,
        [ids.map((id) => `case-${id}`)],
      ),
    ).toBe(ids.length); // each case moved once

    // Every party heard of the new stage, once: what Redis lost was published again (the relay).
    await until(
      async () =>
        (await count(
          `SELECT count(*) AS n FROM (
             SELECT case_id FROM notifications
              WHERE kind = 'stage-entered' AND stage = 'analysis' AND case_id = ANY($1::uuid[])
              GROUP BY case_id HAVING count(DISTINCT party) = 5) c`,
          [ids],
        )) === ids.length,
      60_000,
      () => 'every party notified of analysis',
    );
    expect(
      await count(
        `SELECT count(*) AS n FROM (
           SELECT 1 FROM notifications
            WHERE kind = 'stage-entered' AND case_id = ANY($1::uuid[])
            GROUP BY case_id, stage, recipient_id HAVING count(*) > 1) d`,
        [ids],
      ),
    ).toBe(0);

    // Every pending acknowledgement timer of these cases is a delayed job again.
    const queue = new Queue(QUEUES.caseDeadlines, {
      connection: { url: stack.redis.url },
      prefix: '{yishi}',
    });
    try {
      await until(
        async () => {
          // One timer per stage entry with a pending row (acknowledgement rows: no task).
          const { rows } = await pool.query<{ case_id: string; entry: number }>(
            `SELECT DISTINCT case_id, entry FROM case_deadlines
              WHERE status = 'pending' AND case_id = ANY($1::uuid[]) AND task_id = $2`,
            [ids, NO_TASK],
          );
          if (rows.length === 0) return false;
          const jobs = await Promise.all(
            rows.map((r) =>
              queue.getJob(deadlineTimerJobId({ caseId: r.case_id, entry: r.entry })),
            ),
          );
          return jobs.every((j) => j !== undefined);
        },
        60_000,
        'every pending deadline back in Redis',
      );
    } finally {
      await queue.close();
    }
  }, 300_000);

  it('PostgreSQL stopped for 10 s under load: 503 meanwhile, no half writes, recovery by itself', async () => {
    const actors = await demoActors(stack.base);
    // One case per client, so that no answer is a version conflict between the clients.
    const caseIds = await Promise.all([0, 1, 2, 3].map((i) => actors.openCase(`停库演练 ${i}`)));
    const owner = await login(stack.base, 'yezhu-11-1-201');
    const outcomes = new Map<string, number>();
    const odd: string[] = [];
    let stopLoad = false;
    let n = 0;
    const clientLoop = async (caseId: string): Promise<void> => {
      while (!stopLoad) {
        const content = `停库期间的诉求 ${n++}`;
        const res = await client(stack.base, owner)
          .post(`/cases/${caseId}/demands`, { content, source: 'online' })
          .catch(() => undefined);
        outcomes.set(content, res?.status ?? 0);
        if (res?.status !== 201 && res?.status !== 503)
          odd.push(`${res?.status}: ${JSON.stringify(res?.body)}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    };
    const loops = caseIds.map(clientLoop);
    await new Promise((r) => setTimeout(r, 1_500));
    await pool.end();
    await stack.postgres.stop();
    await until(
      async () => (await fetch(`${stack.base}/health`)).status === 503,
      10_000,
      'health 503',
    );
    await new Promise((r) => setTimeout(r, 10_000));
    await stack.startPostgres();
    pool = new Pool({ connectionString: stack.postgres.url, max: 2 });
    await stack.waitHealthy(stack.base, () => 'the API after PostgreSQL returned', 30_000);
    await new Promise((r) => setTimeout(r, 2_000));
    stopLoad = true;
    await Promise.all(loops);

    const statuses = [...outcomes.values()];
    expect(odd).toEqual([]);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
    const written = await pool.query<{ content: string; n: string }>(
      `SELECT data->>'content' AS content, count(*) AS n FROM events
        WHERE stream_id = ANY($1::text[]) AND type = 'DemandSubmitted' GROUP BY 1`,
      [caseIds.map((id) => `case-${id}`)],
    );
    const stored = new Map(written.rows.map((r) => [r.content, Number(r.n)]));
    for (const [content, status] of outcomes) {
      // Nothing twice; every 201 is stored. A 503 wrote nothing, unless PostgreSQL went away
      // between its commit and the answer (then it is stored once, and a retry with an
      // Idempotency-Key gets the first answer).
      expect(stored.get(content) ?? 0).toBeLessThanOrEqual(1);
      if (status === 201) expect(stored.get(content)).toBe(1);
    }
    expect(statuses.slice(-5).every((s) => s === 201)).toBe(true); // recovered
    for (const w of stack.workers.filter(
      (w) => w.child.exitCode === null && w.child.signalCode === null,
    ))
      await stack.waitHealthy(
        `http://127.0.0.1:${stack.workerPorts.get(w)}`,
        () => `a worker after PostgreSQL returned: ${w.output()}`,
        30_000,
      );
  }, 180_000);
});
