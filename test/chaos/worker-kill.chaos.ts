import { Pool } from 'pg';
import { EventStore } from '@yishi/event-store';
import { CaseRepository } from '@yishi/cases';
import { groundTruth, prepareElectorate, type Voter } from '../../bench/support/electorate';
import { benchCase, benchCaseInDeliberation } from '../../bench/voting/case';
import { until } from '../support/wait';
import { ChaosStack, countOf, demoActors } from './stack';

const CASES = Number(process.env.CHAOS_CASES ?? 1_000);
const BALLOTS = Number(process.env.CHAOS_BALLOTS ?? 5_000);
const CLIENTS = 16;
const SECRET = 'chaos-test-secret-chaos-test-secret-0123456789';

/** `work` over `items` by `clients` concurrent callers; resolves when every item is done. */
async function inParallel<T>(
  items: readonly T[],
  clients: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/**
 * The worker is killed with SIGKILL while an estate votes and a thousand cases advance, and started
 * again: every case reaches analysis exactly once, every recipient has exactly one notification per
 * case and stage, every ballot is counted once and the tally equals the ground truth.
 */
describe('chaos: kill -9 the worker under load', () => {
  const stack = new ChaosStack();
  let pool: Pool;
  let store: EventStore;

  beforeAll(async () => {
    await stack.start({ AUTH_TOKEN_SECRET: SECRET });
    pool = new Pool({ connectionString: stack.postgres.url, max: 10 });
    store = new EventStore(pool);
  }, 240_000);

  afterAll(async () => {
    await pool?.end();
    await stack.stop();
  });

  const count = (sql: string, args: unknown[] = []) => countOf(pool, sql, args);

  it(`${CASES} cases advance and ${BALLOTS} ballots are cast; the worker dies and comes back`, async () => {
    const started = Date.now();
    const phase = (what: string) =>
      process.stderr.write(
        `[worker-kill] ${((Date.now() - started) / 1000).toFixed(1)} s: ${what}\n`,
      );
    const first = await stack.startWorker();
    const actors = await demoActors(stack.base);
    const { communityId } = actors;

    // The cases, ready to move to analysis, written through the decider; the worker projects them.
    const cases = new CaseRepository(store);
    const caseIds: string[] = [];
    await inParallel(
      Array.from({ length: CASES }, (_, i) => i),
      8,
      async (i) => {
        caseIds.push(
          await benchCase(cases, communityId, {
            title: `楼道照明 ${i}`,
            scope: { estate: '金泰和庄', building: '11号楼' },
            until: 'gathering',
          }),
        );
      },
    );
    await until(
      async () =>
        (await count(`SELECT count(*) AS n FROM case_views WHERE case_id = ANY($1::uuid[])`, [
          caseIds,
        ])) === CASES,
      180_000,
      () => `the worker to project ${CASES} cases: ${first.output().slice(-2000)}`,
    );

    phase('the cases projected');
    // The estate and its vote.
    const voters: Voter[] = await prepareElectorate(pool, {
      communityId,
      estate: '混沌花园',
      units: BALLOTS,
      secret: SECRET,
      prefix: 'chaos-owner-',
    });
    const voteCase = await benchCaseInDeliberation(store, communityId, '混沌花园');
    await until(
      async () => (await actors.as(actors.secretary).get(`/cases/${voteCase}`)).status === 200,
      60_000,
      () => 'the vote case to be projected',
    );
    const drafted = await actors
      .as(actors.secretary)
      .post(`/cases/${voteCase}/resolutions`, {
        title: '关于续聘物业服务企业的决议',
        text: '混沌测试',
        rule: 'civil-code-278',
        matter: 'ordinary',
        closesAt: new Date(Date.now() + 3_600_000).toISOString(),
      })
      .expect(201);
    const resolutionId = (drafted.body as { id: string }).id;

    phase('the electorate and the resolution ready');
    // The load: advances and ballots at once; the worker dies once a fifth of the cases moved.
    const statuses: Record<string, number> = {};
    const note = (status: number) => (statuses[status] = (statuses[status] ?? 0) + 1);
    const post = async (path: string, token: string, body: unknown) => {
      const res = await fetch(`${stack.base}/api/v1${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      await res.arrayBuffer();
      note(res.status);
      return res.status;
    };
    const advances = inParallel(caseIds, CLIENTS / 2, async (id) => {
      expect(await post(`/cases/${id}/advance`, actors.secretary, { to: 'analysis' })).toBe(202);
    });
    const ballots = inParallel(voters, CLIENTS, async (v) => {
      expect(
        await post(`/resolutions/${resolutionId}/ballots`, v.token, { choice: v.choice }),
      ).toBe(201);
    });
    const advanced = () =>
      count(
        `SELECT count(*) AS n FROM events WHERE type = 'StageAdvanced' AND stream_id = ANY($1::text[])`,
        [caseIds.map((id) => `case-${id}`)],
      );
    await until(
      async () => (await advanced()) >= CASES / 5,
      180_000,
      () => first.output(),
    );
    phase('killing the worker');
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    const second = await stack.startWorker();
    await Promise.all([advances, ballots]);
    phase('every request answered');
    expect(statuses).toEqual({ '201': BALLOTS, '202': CASES });

    // Every case in analysis, moved exactly once.
    await until(
      async () => (await advanced()) >= CASES,
      300_000,
      () => `every case in analysis; the worker: ${second.output().slice(-3000)}`,
    );
    expect(await advanced()).toBe(CASES);
    await until(
      async () =>
        (await count(
          `SELECT count(*) AS n FROM case_views WHERE case_id = ANY($1::uuid[]) AND stage = 'analysis'`,
          [caseIds],
        )) === CASES,
      120_000,
      () => 'every case view in analysis',
    );

    phase('every case in analysis');
    // One stage-entered notification per party member, case and stage: gathering and analysis.
    const members = await count(
      `SELECT count(*) AS n FROM memberships m
        WHERE m.community_id = $1 AND m.party IS NOT NULL
          AND ('party-member' = ANY(m.roles) OR 'secretary' = ANY(m.roles))`,
      [communityId],
    );
    const expected = members * CASES * 2;
    const stageEntered = () =>
      count(
        `SELECT count(*) AS n FROM notifications WHERE kind = 'stage-entered' AND case_id = ANY($1::uuid[])`,
        [caseIds],
      );
    await until(
      async () => (await stageEntered()) >= expected,
      300_000,
      () => `stage-entered notifications: expected ${expected}`,
    );
    const twice = await pool.query(
      `SELECT recipient_id, case_id, stage, kind, count(*) FROM notifications
        WHERE case_id = ANY($1::uuid[]) GROUP BY 1, 2, 3, 4 HAVING count(*) > 1 LIMIT 5`,
      [caseIds],
    );
    expect(twice.rows).toEqual([]);
    expect(await stageEntered()).toBe(expected);

    phase('every notification in');
    // Each unit's ballot once, and the tally is the ground truth.
    expect(
      await count(
        `SELECT count(*) AS n FROM events WHERE type = 'BallotCast' AND data->>'resolutionId' = $1`,
        [resolutionId],
      ),
    ).toBe(BALLOTS);
    const closed = await actors
      .as(actors.secretary)
      .post(`/resolutions/${resolutionId}/close`)
      .expect(200);
    const tally = closed.body as Record<
      'participated' | 'for' | 'against' | 'abstain',
      { units: number; areaHundredths: number }
    > & { passed: boolean };
    const truth = groundTruth(voters);
    for (const choice of ['for', 'against', 'abstain'] as const)
      expect([tally[choice].units, tally[choice].areaHundredths]).toEqual(truth[choice]);
    expect(tally.participated.units).toBe(BALLOTS);
    expect(tally.passed).toBe(true);
  }, 900_000);
});
