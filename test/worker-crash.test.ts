import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { client, login, TEST_ADMIN, PARTY_ACCOUNTS } from './support/api';
import {
  createTestDatabase,
  testQueuePrefix,
  testRedisUrl,
  type TestDatabase,
} from './support/database';
import { ensureBuilt, freePort, startApp, type RunningProcess } from './support/processes';
import { until } from './support/wait';

const CASES = 12;

/**
 * The API and the worker as separate real processes; the worker is killed with SIGKILL in the
 * middle of the fan-outs and started again. Nothing is lost and nothing is delivered twice.
 */
describe('worker killed mid fan-out (real processes, PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let api: RunningProcess;
  const workers: RunningProcess[] = [];
  let env: Record<string, string>;
  let base: string;

  beforeAll(async () => {
    await ensureBuilt();
    db = await createTestDatabase();
    const port = await freePort();
    env = {
      DATABASE_URL: db.url,
      REDIS_URL: testRedisUrl(),
      DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'yishi-crash-')),
      QUEUE_PREFIX: testQueuePrefix('crash'),
      PORT: String(port),
      ADMIN_USERNAME: TEST_ADMIN.username,
      ADMIN_PASSWORD: TEST_ADMIN.password,
      LOG_LEVEL: 'warn',
      SHUTDOWN_TIMEOUT_MS: '5000',
      // The killed worker's jobs are picked up again after their lock lapses: keep that short.
      JOB_LOCK_MS: '5000',
    };
    api = startApp('api', env);
    base = `http://127.0.0.1:${port}`;
    await until(
      async () => (await fetch(`${base}/health`).catch(() => undefined))?.ok === true,
      60_000,
      () => `the API: ${api.output()}`,
    );
  }, 240_000);

  afterAll(async () => {
    for (const w of workers) await w.stop();
    await api?.stop();
    await db?.drop();
  });

  async function startWorker(): Promise<RunningProcess> {
    const worker = startApp('worker', { ...env, WORKER_PORT: String(await freePort()) });
    workers.push(worker);
    return worker;
  }

  it('every party member has exactly one stage-entered notification per case and stage', async () => {
    const server = base;
    const token = async (u: string) => login(server, u);
    const as = (t: string) => client(server, t);
    const secretary = await token('shuji');
    const owner = await token('yezhu-11-1-201');
    const parties = await Promise.all(Object.values(PARTY_ACCOUNTS).map(token));
    const me = await as(secretary).get('/me').expect(200);
    const communityId = (me.body as { memberships: { communityId: string }[] }).memberships[0]!
      .communityId;

    const first = await startWorker();
    const caseIds: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const res = await as(secretary)
        .post(`/communities/${communityId}/cases`, {
          mechanism: 'five-party-hall',
          title: `楼道照明 ${i}`,
          description: '',
          category: '公共设施',
          scope: { estate: '金泰和庄', building: '11号楼' },
        })
        .expect(201);
      const caseId = (res.body as { id: string }).id;
      caseIds.push(caseId);
      await as(owner)
        .post(`/cases/${caseId}/demands`, { content: '灯坏了', source: 'online' })
        .expect(201);
      for (const t of parties)
        await as(t).post(`/cases/${caseId}/acknowledgements`, { stage: 'gathering' }).expect(201);
      await as(secretary).post(`/cases/${caseId}/advance`, { to: 'analysis' }).expect(202);
    }
    // Kill the worker as soon as the first fan-outs have written some inbox rows: mid fan-out.
    await until(
      async () => {
        const { rows } = await db.pool.query<{ n: string }>(
          `SELECT count(*) AS n FROM notifications`,
        );
        return Number(rows[0]!.n) > 0;
      },
      60_000,
      () => `first notifications; worker output: ${first.output()}`,
    );
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));

    const second = await startWorker();
    const members = await db.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM memberships m
        WHERE m.party IS NOT NULL AND ('party-member' = ANY(m.roles) OR 'secretary' = ANY(m.roles))`,
    );
    const expected = Number(members.rows[0]!.n) * CASES * 2; // gathering and analysis
    let seen = 0;
    await until(
      async () => {
        const { rows } = await db.pool.query<{ n: string }>(
          `SELECT count(*) AS n FROM notifications WHERE kind = 'stage-entered' AND case_id = ANY($1::uuid[])`,
          [caseIds],
        );
        seen = Number(rows[0]!.n);
        return seen >= expected;
      },
      120_000,
      () =>
        `every stage-entered notification (${seen} of ${expected}); worker output: ${second.output().slice(-4000)}`,
    );
    const dup = await db.pool.query(
      `SELECT recipient_id, case_id, stage, count(*) FROM notifications
        WHERE kind = 'stage-entered' GROUP BY 1, 2, 3 HAVING count(*) > 1`,
    );
    expect(dup.rows).toEqual([]);
    const per = await db.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM notifications WHERE kind = 'stage-entered' AND case_id = ANY($1::uuid[])`,
      [caseIds],
    );
    expect(Number(per.rows[0]!.n)).toBe(expected);
    // And every case moved to analysis exactly once.
    const advanced = await db.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM events WHERE type = 'StageAdvanced' AND stream_id = ANY($1::text[])`,
      [caseIds.map((id) => `case-${id}`)],
    );
    expect(Number(advanced.rows[0]!.n)).toBe(CASES);
  }, 240_000);
});
