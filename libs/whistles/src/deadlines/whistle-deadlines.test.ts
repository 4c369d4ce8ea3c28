import { randomUUID } from 'node:crypto';
import { type Server } from 'node:http';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { createRedisConnection, QUEUES, type WhistleTimerJobData } from '@yishi/messaging';
import { testRedisUrl, type TestDatabase } from '../../../../test/support/database';
import { httpActors } from '../../../../test/support/http-actors';
import { startDemoPlatform, type TestPlatform } from '../../../../test/support/platform';
import { until } from '../../../../test/support/wait';
import { WhistleRepository } from '../whistle-repository';
import { WhistleDeadlineJobs } from './whistle-deadline.jobs';

/*
 * A whistle's deadline timers on the demo platform (学苑社区 of 秀谷镇; 城管执法中队: chengguan,
 * chengguan2; jiedao in the street's office). A whistle issued ten days ago with half an office
 * hour to accept (its history written with a past time, as the demands' lapse test does): its
 * timers run at once, the department's members are reminded and the street's officers told it is
 * overdue, each once however often the timers run again, with one WhistleOverdueEscalated. A
 * whistle accepted in time: its accept timers, run now, do nothing. Its answer timers wait; Redis
 * loses them and the reconciler puts them back with the same ids.
 */
jest.setTimeout(90_000);

const CST_TIME = /\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/;
const DAY = 24 * 3_600_000;

interface Written {
  id: string;
}

describe("a whistle's deadline timers (real PostgreSQL and Redis)", () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let redis: Redis;
  let queue: Queue;
  let communityId: string;
  let streetId: string;
  let chengguan: string;
  const { as, signIn, userIds } = httpActors(() => server);

  /** The inbox rows of `kind` of `who` that name the subject. */
  const inbox = async (who: string, kind: string, subject: string) =>
    (
      await db.pool.query<{ title: string; body: string }>(
        `SELECT n.title, n.body FROM notifications n JOIN users u ON u.id = n.recipient_id
          WHERE u.username = $1 AND n.kind = $2 AND n.body LIKE $3`,
        [who, kind, `%${subject}%`],
      )
    ).rows;
  const escalations = async (whistleId: string) =>
    Number(
      (
        await db.pool.query<{ n: string }>(
          `SELECT count(*) AS n FROM events
            WHERE stream_id = $1 AND type = 'WhistleOverdueEscalated'`,
          [`whistle-${whistleId}`],
        )
      ).rows[0]!.n,
    );
  const timersOf = async (whistleId: string) =>
    (await queue.getJobs(['delayed', 'waiting', 'active', 'completed'])).filter(
      (j) => (j.data as WhistleTimerJobData | undefined)?.whistleId === whistleId,
    );

  beforeAll(async () => {
    // Only the runs this test starts by hand (and the one at start) reconcile.
    ({ db, platform, server } = await startDemoPlatform('whistle-deadlines', {
      RECONCILE_EVERY_MS: String(3_600_000),
    }));
    redis = createRedisConnection(testRedisUrl(), 'worker', 'yishi-test-whistle-deadlines');
    queue = new Queue(QUEUES.whistleDeadlines, {
      connection: redis,
      prefix: platform.runtime.config.queuePrefix,
    });
    await signIn('shuji', 'jiedao', 'chengguan', 'chengguan2');
    const me = await as('shuji').get('/me').expect(200);
    communityId = (me.body as { memberships: { communityId: string }[] }).memberships[0]!
      .communityId;
    const community = await as('shuji').get(`/communities/${communityId}`).expect(200);
    streetId = (community.body as { streetId: string }).streetId;
    const street = await as('jiedao').get(`/streets/${streetId}`).expect(200);
    chengguan = (street.body as { departments: { id: string; name: string }[] }).departments.find(
      (d) => d.name === '城管执法中队',
    )!.id;
  });
  afterAll(async () => {
    await queue?.close();
    redis?.disconnect();
    await platform?.close();
    await db?.drop();
  });

  it('reminds the department, then tells the street officers once; accepted in time, neither', async () => {
    const whistles = platform.app.get(WhistleRepository, { strict: false });
    const jobs = platform.app.get(WhistleDeadlineJobs, { strict: false });
    const missed = randomUUID();
    const subject = '学苑路井盖缺失';
    await whistles.execute(
      missed,
      {
        type: 'IssueWhistle',
        data: {
          whistleId: missed,
          communityId,
          streetId,
          subject,
          description: '居民反映夜间行人有跌落危险',
          departmentIds: [chengguan],
          acceptWithinWorkingHours: 0.5,
          resolveWithinWorkingDays: 5,
        },
      },
      {
        actorId: userIds.shuji!,
        streetDepartmentIds: [chengguan],
        now: new Date(Date.now() - 10 * DAY).toISOString(),
      },
    );

    await until(
      async () => (await inbox('jiedao', 'whistle-overdue', subject)).length > 0,
      30_000,
      "the street officer's notice",
    );
    for (const who of ['chengguan', 'chengguan2']) {
      const [reminder] = await inbox(who, 'whistle-reminder', subject);
      expect(reminder?.title).toBe(`吹哨签收提醒：《${subject}》`);
      expect(reminder!.body).toMatch(CST_TIME);
    }
    // Each names the whistle, so the inbox opens it.
    const named = await db.pool.query<{ whistle_id: string | null }>(
      `SELECT DISTINCT whistle_id FROM notifications WHERE body LIKE $1`,
      [`%${subject}%`],
    );
    expect(named.rows).toEqual([{ whistle_id: missed }]);
    const [overdue] = await inbox('jiedao', 'whistle-overdue', subject);
    expect(overdue!.title).toBe(`吹哨报到：吹哨逾期《${subject}》`);
    expect(overdue!.body).toContain('城管执法中队仍未签收');
    expect(overdue!.body).toMatch(CST_TIME);
    // The department hears no escalation, the street no reminder.
    expect(await inbox('chengguan', 'whistle-overdue', subject)).toEqual([]);
    expect(await inbox('jiedao', 'whistle-reminder', subject)).toEqual([]);
    const view = (await as('shuji').get(`/whistles/${missed}?minVersion=2`).expect(200)).body as {
      timeline: { label: string }[];
    };
    expect(view.timeline.map((t) => t.label)).toContain('逾期上报街道');

    // However often its timers run again, one escalation and one notice each.
    const ran = await timersOf(missed);
    expect(ran.map((j) => (j.data as WhistleTimerJobData).kind).sort()).toEqual([
      'accept-overdue',
      'accept-reminder',
    ]);
    for (const j of ran) await jobs.timerDue(j.data as WhistleTimerJobData);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await escalations(missed)).toBe(1);
    expect(await inbox('chengguan', 'whistle-reminder', subject)).toHaveLength(1);
    expect(await inbox('chengguan2', 'whistle-reminder', subject)).toHaveLength(1);
    expect(await inbox('jiedao', 'whistle-overdue', subject)).toHaveLength(1);

    // Accepted in time: its accept timers, run now, find it moved on.
    const inTimeSubject = '学苑路路灯不亮';
    const inTime = (
      await as('shuji')
        .post(`/communities/${communityId}/whistles`, {
          subject: inTimeSubject,
          description: '三盏路灯不亮',
          departmentIds: [chengguan],
          acceptWithinWorkingHours: 0.5,
        })
        .expect(201)
    ).body as Written;
    // Its accept timers are planned before it is accepted (a worker that sees the acceptance first
    // plans none, rightly).
    const acceptKinds = async () =>
      (await timersOf(inTime.id))
        .map((j) => (j.data as WhistleTimerJobData).kind)
        .filter((k) => k.startsWith('accept-'));
    await until(async () => (await acceptKinds()).length === 2, 15_000, 'the accept timers');
    await as('chengguan').post(`/whistles/${inTime.id}/acceptance`, {}).expect(201);
    await until(
      async () =>
        (await timersOf(inTime.id)).some((j) =>
          (j.data as WhistleTimerJobData).kind.startsWith('answer-'),
        ),
      15_000,
      'the answer timers',
    );
    const acceptTimers = (await timersOf(inTime.id)).filter((j) =>
      (j.data as WhistleTimerJobData).kind.startsWith('accept-'),
    );
    expect(acceptTimers.map((j) => (j.data as WhistleTimerJobData).kind).sort()).toEqual([
      'accept-overdue',
      'accept-reminder',
    ]);
    for (const j of acceptTimers) await jobs.timerDue(j.data as WhistleTimerJobData);
    expect(await escalations(inTime.id)).toBe(0);
    expect(await inbox('chengguan', 'whistle-reminder', inTimeSubject)).toEqual([]);
    expect(await inbox('jiedao', 'whistle-overdue', inTimeSubject)).toEqual([]);

    // Its answer timers wait (5 working days); Redis loses them, the reconciler puts them back.
    const answerTimers = async () =>
      (await queue.getDelayed()).filter(
        (j) =>
          (j.data as WhistleTimerJobData).whistleId === inTime.id &&
          (j.data as WhistleTimerJobData).kind.startsWith('answer-'),
      );
    const waiting = await answerTimers();
    expect(waiting.map((j) => (j.data as WhistleTimerJobData).kind).sort()).toEqual([
      'answer-overdue',
      'answer-reminder',
    ]);
    const ids = waiting.map((j) => j.id).sort();
    expect(ids[0]).toContain(`whistle-timer_${inTime.id}_${chengguan}_answer-`);
    for (const j of waiting) await j.remove();
    expect(await answerTimers()).toEqual([]);
    expect(await jobs.reconcile()).toBe(2);
    expect((await answerTimers()).map((j) => j.id).sort()).toEqual(ids);
    expect(await jobs.reconcile()).toBe(0);
  });
});
