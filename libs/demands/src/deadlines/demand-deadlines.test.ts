import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { DEFAULT_DEMAND_SETTINGS, formatDemandNumber } from '@yishi/domain';
import { createRedisConnection, QUEUES, type DemandTimerJobData } from '@yishi/messaging';
import { testRedisUrl, type TestDatabase } from '../../../../test/support/database';
import { httpActors } from '../../../../test/support/http-actors';
import { startDemoPlatform, type TestPlatform } from '../../../../test/support/platform';
import { until } from '../../../../test/support/wait';
import { DemandRepository } from '../demand-repository';
import { DemandDeadlineJobs } from './demand-deadline.jobs';

/*
 * A demand's accept deadline watched by its timers on the demo platform, with the community's
 * demandAcceptHours at 0.001 (3.6 seconds): the grid's worker reminded before it (at half the
 * window), the secretary told at it, the street officer a window later, each once and in Chinese
 * with the deadline in China Standard Time, and the grid's group-chat robot told of the missed
 * deadline once; a demand accepted in time hears nothing; and the
 * reconciler re-creates the timers Redis lost. A demand resolved long ago (its history written with
 * past times) whose confirmation window has passed is closed unevaluated by its timer, and counts
 * in the yardsticks as finished, never struck off, with no answer.
 */
jest.setTimeout(90_000);

const ESTATE = '金泰和庄';
const CST_TIME = /\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/;

interface Notice {
  kind: string;
  title: string;
  body: string;
}

describe("a demand's deadline timers (real PostgreSQL and Redis)", () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let communityId: string;
  let redis: Redis;
  let queue: Queue;
  const units: Record<string, string> = {};
  let gridId: string;
  const { as, signIn, userIds } = httpActors(() => server);
  /** What the grid's group-chat robot (a local stand-in for WeCom's) was sent. */
  const posts: string[] = [];
  const robot: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      posts.push((JSON.parse(raw) as { markdown: { content: string } }).markdown.content);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  const overduePosts = (number: string) =>
    posts.filter((p) => p.includes('诉求超时') && p.includes(number));

  const notices = async (who: string, kind: string, number: string): Promise<Notice[]> =>
    (
      (await as(who).get('/me/notifications?limit=100').expect(200)).body as { items: Notice[] }
    ).items.filter((n) => n.kind === kind && n.body.includes(number));
  const submit = async (content: string) =>
    (
      await as('yezhu-12-2-301')
        .post(`/communities/${communityId}/demands`, {
          source: 'online',
          content,
          category: 'public-facilities',
          unitId: units['12-2-301'],
        })
        .expect(201)
    ).body as { id: string; number: string };

  beforeAll(async () => {
    // Only the runs this test starts by hand (and the one at start) reconcile.
    ({ db, platform, server } = await startDemoPlatform('demand-deadlines', {
      RECONCILE_EVERY_MS: String(3_600_000),
    }));
    redis = createRedisConnection(testRedisUrl(), 'worker', 'yishi-test-demand-deadlines');
    queue = new Queue(QUEUES.demandDeadlines, {
      connection: redis,
      prefix: platform.runtime.config.queuePrefix,
    });
    await signIn('shuji', 'wanggeyuan', 'jiedao', 'yezhu-12-2-301');
    const me = await as('shuji').get('/me').expect(200);
    communityId = (me.body as { memberships: { communityId: string }[] }).memberships[0]!
      .communityId;
    const list = await as('shuji').get(`/communities/${communityId}/units?limit=500`).expect(200);
    for (const u of (
      list.body as { items: { id: string; building: string; entrance: string; room: string }[] }
    ).items)
      units[`${parseInt(u.building, 10)}-${parseInt(u.entrance, 10)}-${u.room}`] = u.id;
    gridId = (
      (
        await as('shuji')
          .post(`/communities/${communityId}/grids`, {
            name: '第一网格',
            buildings: [{ estate: ESTATE, building: '12号楼' }],
            workerUserIds: [userIds.wanggeyuan],
          })
          .expect(201)
      ).body as { id: string }
    ).id;
    await new Promise<void>((resolve) => robot.listen(0, '127.0.0.1', resolve));
    await as('shuji')
      .put(`/grids/${gridId}/robot`, {
        kind: 'wecom',
        webhookUrl: `http://127.0.0.1:${(robot.address() as AddressInfo).port}/cgi-bin/webhook/send?key=demand-deadlines-test`,
      })
      .expect(200);
    await as('shuji')
      .patch(`/communities/${communityId}/settings`, { demandAcceptHours: 0.001 })
      .expect(200);
  });
  afterAll(async () => {
    await queue?.close();
    redis?.disconnect();
    await platform?.close();
    await db?.drop();
    robot.close();
  });

  it('reminds the grid, then tells the secretary, then the street officer, once each', async () => {
    const missed = await submit('12号楼门口路灯坏了');
    const inTime = await submit('12号楼楼道灯不亮');
    await as('wanggeyuan').post(`/demands/${inTime.id}/acceptance`, {}).expect(201);

    await until(
      async () => (await notices('jiedao', 'demand-escalated', missed.number)).length > 0,
      30_000,
      "the street officer's notice",
    );
    const [reminder] = await notices('wanggeyuan', 'demand-reminder', missed.number);
    expect(reminder).toMatchObject({ title: '诉求签收提醒' });
    expect(reminder!.body).toMatch(CST_TIME);
    expect(reminder!.body).toContain('签收');
    const named = await db.pool.query<{ demand_id: string | null }>(
      `SELECT DISTINCT demand_id FROM notifications WHERE kind LIKE 'demand-%' AND body LIKE $1`,
      [`%${missed.number}%`],
    );
    expect(named.rows).toEqual([{ demand_id: missed.id }]);
    const [overdue] = await notices('shuji', 'demand-overdue', missed.number);
    expect(overdue).toMatchObject({ title: '诉求逾期未签收' });
    const [whistle] = await notices('jiedao', 'demand-escalated', missed.number);
    expect(whistle!.title).toBe('吹哨报到：诉求逾期未签收');
    expect(whistle!.body).toMatch(CST_TIME);
    await until(() => overduePosts(missed.number).length > 0, 20_000, "the robot's overdue post");
    expect(overduePosts(missed.number)).toHaveLength(1);
    expect(overduePosts(inTime.number)).toEqual([]);

    // Accepted in time: its accept timers ran and found it moved on.
    for (const [who, kind] of [
      ['wanggeyuan', 'demand-reminder'],
      ['shuji', 'demand-overdue'],
      ['jiedao', 'demand-escalated'],
    ] as const)
      expect(await notices(who, kind, inTime.number)).toEqual([]);

    // The resolve deadline's timers of the accepted one wait (7 working days).
    const resolveTimers = async () =>
      (await queue.getDelayed()).filter(
        (j) =>
          (j.data as DemandTimerJobData).demandId === inTime.id &&
          (j.data as DemandTimerJobData).kind.startsWith('resolve-'),
      );
    const waiting = await resolveTimers();
    expect(waiting.map((j) => (j.data as DemandTimerJobData).kind).sort()).toEqual([
      'resolve-escalated',
      'resolve-overdue',
      'resolve-reminder',
    ]);

    // Redis loses them: the reconciler puts them back, with the same ids.
    const ids = waiting.map((j) => j.id).sort();
    for (const j of waiting) await j.remove();
    const jobs = platform.app.get(DemandDeadlineJobs, { strict: false });
    expect(await jobs.reconcile()).toBeGreaterThanOrEqual(3);
    const back = await resolveTimers();
    expect(back.map((j) => j.id).sort()).toEqual(ids);

    // However often the missed one's timers run again, each notice is there once.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await notices('wanggeyuan', 'demand-reminder', missed.number)).toHaveLength(1);
    expect(await notices('shuji', 'demand-overdue', missed.number)).toHaveLength(1);
    expect(await notices('jiedao', 'demand-escalated', missed.number)).toHaveLength(1);

    // The escalation is a whistle to the street's office (一哨一评), made once, on the demand.
    const whistles = async () =>
      (
        await db.pool.query<{ whistle_id: string; subject: string; department_names: string[] }>(
          `SELECT v.whistle_id, v.subject,
                  array(SELECT d.name FROM departments d WHERE d.id = ANY (v.department_ids)) AS department_names
             FROM whistle_views v WHERE v.demand_id = $1`,
          [missed.id],
        )
      ).rows;
    await until(async () => (await whistles()).length > 0, 10_000, 'the escalation whistle');
    const made = await whistles();
    expect(made.map((w) => [w.subject, w.department_names])).toEqual([
      [`诉求${missed.number}逾期未办结`, ['街道办']],
    ]);
    const links = async () =>
      (
        (await as('shuji').get(`/demands/${missed.id}`).expect(200)).body as {
          whistles: { whistleId: string; escalationId: string | null }[];
        }
      ).whistles;
    await until(async () => (await links()).length > 0, 10_000, 'the whistle on the demand');
    const [link] = await links();
    expect(link!.whistleId).toBe(made[0]!.whistle_id);
    expect(link!.escalationId).toMatch(/^demand-timer_.+_accept-escalated_/);
  });

  it('closes a resolution nobody confirmed in its window unevaluated (LapseConfirmation)', async () => {
    const demands = platform.app.get(DemandRepository, { strict: false });
    const demandId = randomUUID();
    const day = 24 * 3_600_000;
    const now = Date.now();
    const ago = (days: number) => new Date(now - days * day).toISOString();
    const worker = { actorId: userIds.wanggeyuan!, gridIds: [gridId] };
    await demands.execute(
      demandId,
      {
        type: 'ReceiveDemand',
        data: {
          demandId,
          communityId,
          number: formatDemandNumber('XY', ago(20), 9001),
          content: '12号楼北侧井盖松动',
          category: 'public-facilities',
          unitId: units['12-2-301'],
          place: { estate: ESTATE, building: '12号楼' },
          gridId,
          source: 'online',
          settings: DEFAULT_DEMAND_SETTINGS,
        },
      },
      { actorId: userIds['yezhu-12-2-301']!, now: ago(20) },
    );
    await demands.execute(
      demandId,
      { type: 'AcceptDemand', data: {} },
      { ...worker, now: ago(19) },
    );
    // Resolved 15 days ago: the 3 working days to confirm are long past.
    await demands.execute(
      demandId,
      { type: 'ResolveDemand', data: { note: '已加固井盖', photoIds: [] } },
      { ...worker, now: ago(15) },
    );
    // Its timer runs at once (its time has passed) and closes it, unevaluated.
    await until(
      async () => (await demands.load(demandId)).state?.status === 'closed',
      20_000,
      'the lapsed demand closed',
    );
    const { state } = await demands.load(demandId);
    expect(state).toMatchObject({ status: 'closed', unevaluatedRounds: [1], confirmations: [] });
    const view = (await as('shuji').get(`/demands/${demandId}?minVersion=4`).expect(200)).body as {
      timeline: { label: string }[];
    };
    expect(view.timeline.at(-1)!.label).toBe('逾期未评价');

    // In the yardsticks: finished but never struck off, and no answer to count as satisfied.
    const range = `from=${encodeURIComponent(ago(21))}&to=${encodeURIComponent(ago(10))}`;
    const stats = (
      (await as('shuji').get(`/communities/${communityId}/stats?${range}`).expect(200)).body as {
        demands: object;
      }
    ).demands;
    expect(stats).toMatchObject({
      received: 1,
      closed: 0,
      reopened: 0,
      responseRate: 1,
      resolutionRate: 0,
      satisfactionRate: null,
      acceptedWithin24hRate: 1,
      closedWithin7DaysRate: 0,
      bases: {
        resolutionRate: { numerator: 0, denominator: 1 },
        satisfactionRate: { numerator: 0, denominator: 0 },
        closedWithin7DaysRate: { numerator: 0, denominator: 1 },
      },
    });
  });
});
