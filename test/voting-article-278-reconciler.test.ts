import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { type Redis } from 'ioredis';
import { QUEUES } from '@yishi/messaging';
import { CaseRepository } from '@yishi/cases';
import { closeVotingJobId } from '@yishi/voting';
import { type TestDatabase } from './support/database';
import { type TestPlatform } from './support/platform';
import { reconcileOnce } from './support/reconcile';
import { until } from './support/wait';
import { useArticle278Platform } from './support/article-278-platform';

/*
 * Issue 5 over HTTP on the whole platform (see voting-article-278.test.ts): the reconciler re-adds a
 * lost or failed close job, and freezes the electorate of a resolution whose VotingOpened was lost.
 */

describe('owners vote under Article 278: the reconciler repairs the close and the electorate (HTTP)', () => {
  const voting = useArticle278Platform('voting-278-reconcile');
  const { userIds, as, newCase, draft, vote, caseView } = voting;
  let db: TestDatabase;
  let platform: TestPlatform;
  let redis: Redis;
  let closeQueue: Queue;
  let deadlines: Queue;
  beforeAll(() => {
    ({ db, platform, redis, closeQueue, deadlines } = voting);
  });

  it('the reconciler re-adds a lost close job, and a failed one that kept its id', async () => {
    const caseId = await newCase('13号楼绿化');
    const resolutionId = await draft(caseId, new Date(Date.now() + 3_600_000).toISOString());
    const id = closeVotingJobId(resolutionId);
    await until(async () => (await closeQueue.getJob(id)) !== undefined, 15_000, 'the close job');
    const reconcile = () => reconcileOnce(deadlines, db.pool);

    // Lost with Redis: added again, delayed to closesAt.
    await (await closeQueue.getJob(id))!.remove();
    expect((await reconcile()).closeVotingJobs).toBeGreaterThanOrEqual(1);
    expect(await (await closeQueue.getJob(id))!.getState()).toBe('delayed');

    // Failed for good (here: data saying it ran early, one attempt): BullMQ keeps it, with its id.
    await (await closeQueue.getJob(id))!.remove();
    const wrongClosesAt = new Date(Date.now() + 86_400_000).toISOString();
    await closeQueue.add(
      'close-voting',
      { resolutionId, caseId, closesAt: wrongClosesAt },
      { jobId: id, attempts: 1 },
    );
    await until(
      async () => (await (await closeQueue.getJob(id))?.getState()) === 'failed',
      15_000,
      'the close job to fail',
    );
    expect((await reconcile()).closeVotingJobs).toBeGreaterThanOrEqual(1);
    const readded = (await closeQueue.getJob(id))!;
    expect(await readded.getState()).toBe('delayed');
    expect((readded.data as { closesAt: string }).closesAt).not.toBe(wrongClosesAt);
    // A pending job is left alone.
    const before = readded.timestamp;
    await reconcile();
    expect((await closeQueue.getJob(id))!.timestamp).toBe(before);
  });

  it('the reconciler freezes the electorate of a resolution whose VotingOpened was lost', async () => {
    const caseId = await newCase('13号楼外墙');
    // The API drafts and opens voting in one request; here it "died" between the two: the
    // ResolutionDrafted is on the case, and the reactions that would open voting are held back.
    const domainEvents = new Queue(QUEUES.domainEvents, {
      connection: redis,
      prefix: platform.runtime.config.queuePrefix,
    });
    await domainEvents.pause();
    try {
      const resolutionId = randomUUID();
      await new CaseRepository(platform.runtime.store).execute(
        caseId,
        {
          type: 'DraftResolution',
          data: {
            resolutionId,
            title: '关于外墙修缮的决议',
            text: '使用专项维修资金修缮13号楼外墙。',
            rule: 'civil-code-278',
            matter: 'ordinary',
            closesAt: new Date(Date.now() + 3_600_000).toISOString(),
          },
        },
        { actorId: userIds.shuji! },
      );
      const openedEvents = async () =>
        (
          await db.pool.query<{ n: string }>(
            `SELECT count(*) AS n FROM events WHERE stream_id = $1 AND type = 'VotingOpened'`,
            [`resolution-${resolutionId}`],
          )
        ).rows[0]!.n;
      expect(await openedEvents()).toBe('0');
      // The reconciler walks the open cases of the read model: once it holds the draft.
      await until(
        async () => (await caseView(caseId)).resolutions.some((r) => r.id === resolutionId),
        10_000,
        'the draft in the case view',
      );

      expect((await reconcileOnce(deadlines, db.pool)).votingOpened).toBeGreaterThanOrEqual(1);
      expect(await openedEvents()).toBe('1');
      const resolution = (await as('shuji').get(`/resolutions/${resolutionId}`).expect(200))
        .body as { status: string; electorate: { units: number } };
      expect(resolution.status).toBe('open');
      expect(resolution.electorate.units).toBeGreaterThan(0);
      await vote('yezhu-13-1-302', resolutionId, { choice: 'for' }).expect(201);

      // The held-back reactions run late and open nothing twice.
      await domainEvents.resume();
      await until(
        async () => (await domainEvents.getJobCounts('wait', 'active', 'delayed')).wait === 0,
        20_000,
        'the held-back reactions',
      );
      await until(
        async () => (await domainEvents.getJobCounts('active')).active === 0,
        20_000,
        'the reactions to finish',
      );
      expect(await openedEvents()).toBe('1');
    } finally {
      await domainEvents.resume();
      await domainEvents.close();
    }
  });
});
