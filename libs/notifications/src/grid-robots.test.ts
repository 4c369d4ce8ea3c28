import { createServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { type Server } from 'node:http';
import { Writable } from 'node:stream';
import { Queue } from 'bullmq';
import { type Redis } from 'ioredis';
import pino from 'pino';
import {
  createQueueWorker,
  createRedisConnection,
  QUEUES,
  type QueueWorker,
} from '@yishi/messaging';
import { Metrics } from '@yishi/observability';
import { type Runtime } from '@yishi/platform';
import { type TestDatabase, testQueuePrefix, testRedisUrl } from '../../../test/support/database';
import { httpActors } from '../../../test/support/http-actors';
import { startDemoPlatform, type TestPlatform } from '../../../test/support/platform';
import { until } from '../../../test/support/wait';
import { channelWorkerSettings, createNotificationProcessor } from './processor';
import { deliverGridRobot } from './robots/robot-delivery';
import { dingTalkSignature } from './robots/robot-signing';
import { gridRobotJobId, GridRobots, type GridRobotMessage } from './robots/grid-robots';
import { createSmsChannel } from './sms/factory';

/*
 * A grid's group-chat robot end to end: set over HTTP on the demo platform (学苑社区, 金泰和庄),
 * tested, and sent to by the `grid-robot` job on a real queue, against a stand-in robot on
 * 127.0.0.1 that answers as WeCom and DingTalk do (HTTP 200 with {errcode, errmsg}) and checks
 * DingTalk's signature. The robot's key and secret never show in an answer, a row or a log line.
 */

const ESTATE = '金泰和庄';
const DING_TOKEN = 'dingtoken0123456789abcdef';
const DING_SECRET = 'SEC0d1e2a3d4b5e6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2';
const WECOM_KEY = '693a91f6-7b3c-4bc4-97a0-0ec2a1fa5aaa';

interface RobotCall {
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: { msgtype: string; markdown: Record<string, string> };
}

/** The stand-in robot: scripted errcodes per robot key (0 once the script runs out). */
function standInRobot() {
  const calls: RobotCall[] = [];
  const scripts = new Map<string, number[]>();
  const server: HttpServer = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://robot');
      const call = {
        path: url.pathname,
        query: url.searchParams,
        body: JSON.parse(raw) as RobotCall['body'],
      };
      calls.push(call);
      const robotKey = url.searchParams.get('key') ?? url.searchParams.get('access_token') ?? '';
      let errcode = scripts.get(robotKey)?.shift() ?? 0;
      if (url.pathname === '/robot/send' && url.searchParams.has('sign')) {
        const timestamp = Number(url.searchParams.get('timestamp'));
        const fresh = Math.abs(Date.now() - timestamp) < 3_600_000;
        if (!fresh || url.searchParams.get('sign') !== dingTalkSignature(DING_SECRET, timestamp))
          errcode = 310000;
      }
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ errcode, errmsg: errcode === 0 ? 'ok' : `fake error ${errcode}` }));
    });
  });
  return { calls, scripts, server };
}

describe('grid robots: setting, test message, delivery (real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let communityId: string;
  let dingGrid: string;
  let wecomGrid: string;
  let robotBase: string;
  const robot = standInRobot();
  const { as, signIn } = httpActors(() => server);

  // The delivery side on a queue prefix of its own, retrying within milliseconds.
  const prefix = testQueuePrefix('grid-robots');
  const logLines: string[] = [];
  const logger = pino(
    { level: 'debug' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString('utf8'));
        done();
      },
    }),
  );
  let worker: QueueWorker;
  let robots: GridRobots;
  let queue: Queue;
  let producer: Redis;

  const demand = {
    number: 'XY-20261207-0001',
    categoryLabel: '公共设施',
    content: '10号楼前的路灯坏了三天，晚上老人出门看不清。',
    place: `${ESTATE} 10号楼 1单元`,
    statusLabel: '待签收',
    dueAt: '2026-12-08T00:12:00Z',
  };
  const message = (kind: GridRobotMessage['kind'] = 'demand-received'): GridRobotMessage => ({
    sourceEventId: randomUUID(),
    kind,
    demand,
  });

  /** Posts a message and waits for its job to end; answers the job's final state. */
  async function send(gridId: string, m: GridRobotMessage): Promise<string> {
    expect(await robots.postToGridRobot(gridId, m)).toBe('queued');
    const id = gridRobotJobId(gridId, m);
    let state = '';
    await until(
      async () => {
        state = await queue.getJobState(id);
        return state === 'completed' || state === 'failed';
      },
      20_000,
      `robot job ${id}`,
    );
    return state;
  }

  const row = async (gridId: string, m: GridRobotMessage) =>
    (
      await db.pool.query<{
        status: string;
        attempts: number;
        last_errcode: number | null;
        last_error: string | null;
      }>(
        `SELECT status, attempts, last_errcode, last_error FROM grid_robot_deliveries
          WHERE grid_id = $1 AND source_event_id = $2 AND kind = $3`,
        [gridId, m.sourceEventId, m.kind],
      )
    ).rows;

  beforeAll(async () => {
    await new Promise<void>((resolve) => robot.server.listen(0, '127.0.0.1', resolve));
    robotBase = `http://127.0.0.1:${(robot.server.address() as AddressInfo).port}`;
    ({ db, platform, server } = await startDemoPlatform('grid-robots'));
    await signIn('shuji', 'wanggeyuan');
    const me = await as('shuji').get('/me').expect(200);
    communityId = (me.body as { memberships: { communityId: string }[] }).memberships[0]!
      .communityId;
    const grid = async (name: string, building: string) =>
      (
        (
          await as('shuji')
            .post(`/communities/${communityId}/grids`, {
              name,
              buildings: [{ estate: ESTATE, building }],
            })
            .expect(201)
        ).body as { id: string }
      ).id;
    dingGrid = await grid('第一网格', '10号楼');
    wecomGrid = await grid('第二网格', '11号楼');

    const runtime = {
      redisUrl: testRedisUrl(),
      config: { queuePrefix: prefix },
      logger,
    } as unknown as Runtime;
    robots = new GridRobots(runtime, db.pool);
    worker = createQueueWorker(
      { redisUrl: testRedisUrl(), prefix, lockMs: 30_000, logger, metrics: new Metrics() },
      QUEUES.notificationWebhooks,
      createNotificationProcessor({
        db: db.pool,
        sms: createSmsChannel(platform.runtime.config),
        webhookTimeoutMs: 2_000,
      }),
      { concurrency: 5, settings: channelWorkerSettings({ baseMs: 10, capMs: 50 }) },
    );
    producer = createRedisConnection(testRedisUrl(), 'producer', 'grid-robots-test');
    queue = new Queue(QUEUES.notificationWebhooks, { connection: producer, prefix });
  });

  afterAll(async () => {
    await worker?.close(5_000);
    await robots?.onApplicationShutdown();
    await queue?.close();
    producer?.disconnect();
    await platform?.close();
    await db?.drop();
    await new Promise((r) => robot.server.close(r));
  });

  it('sets a signed DingTalk robot (admin, secretary only), shows {kind, configured, host}, audits without the key', async () => {
    const webhookUrl = `${robotBase}/robot/send?access_token=${DING_TOKEN}`;
    await as('wanggeyuan')
      .put(`/grids/${dingGrid}/robot`, { kind: 'dingtalk', webhookUrl, secret: DING_SECRET })
      .expect(403);
    const set = await as('shuji')
      .put(`/grids/${dingGrid}/robot`, { kind: 'dingtalk', webhookUrl, secret: DING_SECRET })
      .expect(200);
    const host = new URL(robotBase).host;
    expect((set.body as { robot: unknown }).robot).toEqual({
      kind: 'dingtalk',
      configured: true,
      host,
    });
    await as('shuji')
      .put(`/grids/${wecomGrid}/robot`, {
        kind: 'wecom',
        webhookUrl: `${robotBase}/cgi-bin/webhook/send?key=${WECOM_KEY}`,
      })
      .expect(200);

    const list = await as('wanggeyuan').get(`/communities/${communityId}/grids`).expect(200);
    const grids = (list.body as { items: { id: string; robot: unknown }[] }).items;
    expect(grids.find((g) => g.id === dingGrid)!.robot).toEqual({
      kind: 'dingtalk',
      configured: true,
      host,
    });
    expect(grids.find((g) => g.id === wecomGrid)!.robot).toEqual({
      kind: 'wecom',
      configured: true,
      host,
    });
    const { rows: audit } = await db.pool.query<{ action: string; data: unknown }>(
      `SELECT action, data FROM audit_log WHERE entity_id = $1 AND action LIKE 'grid.robot%'`,
      [dingGrid],
    );
    expect(audit).toEqual([
      {
        action: 'grid.robot-set',
        data: { before: null, after: { kind: 'dingtalk', host, signed: true } },
      },
    ]);
    for (const text of [JSON.stringify(set.body), JSON.stringify(list.body), JSON.stringify(audit)])
      for (const secret of [DING_TOKEN, DING_SECRET, WECOM_KEY]) expect(text).not.toContain(secret);
  });

  it('refuses a URL that is not the robot endpoint and a secret that is not SEC… (400, in Chinese)', async () => {
    const refused = await as('shuji')
      .put(`/grids/${dingGrid}/robot`, {
        kind: 'wecom',
        webhookUrl: 'https://hooks.example.cn/cgi-bin/webhook/send?key=abcdefgh',
      })
      .expect(400);
    expect((refused.body as { error: { message: string } }).error.message).toContain('企业微信');
    await as('shuji')
      .put(`/grids/${dingGrid}/robot`, {
        kind: 'dingtalk',
        webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=abcdefgh',
        secret: 'not-a-dingtalk-secret',
      })
      .expect(400);
    await as('shuji')
      .put(`/grids/${dingGrid}/robot`, { kind: 'feishu', webhookUrl: 'https://x' })
      .expect(400);
  });

  it('posts a test message and answers what the robot said: signed, then a refusal', async () => {
    const ok = await as('shuji').post(`/grids/${dingGrid}/robot/test`).expect(200);
    expect(ok.body).toEqual({
      delivered: true,
      outcome: 'delivered',
      status: 200,
      errcode: 0,
      errmsg: 'ok',
      error: null,
    });
    const call = robot.calls.at(-1)!;
    expect(call.path).toBe('/robot/send');
    expect(call.query.get('access_token')).toBe(DING_TOKEN);
    expect(call.body.msgtype).toBe('markdown');
    expect(call.body.markdown.title).toBe('群机器人测试');
    expect(call.body.markdown.text).toContain('网格“第一网格”的群机器人已接通');

    robot.scripts.set(DING_TOKEN, [300001]);
    const refused = await as('shuji').post(`/grids/${dingGrid}/robot/test`).expect(200);
    expect(refused.body).toMatchObject({
      delivered: false,
      outcome: 'dead',
      errcode: 300001,
      errmsg: 'fake error 300001',
    });
    await as('wanggeyuan').post(`/grids/${dingGrid}/robot/test`).expect(403);
  });

  it('delivers a new demand to a signed DingTalk robot as markdown, once, however often it is posted', async () => {
    const before = robot.calls.length;
    const m = message();
    expect(await send(dingGrid, m)).toBe('completed');
    expect(await row(dingGrid, m)).toEqual([
      { status: 'delivered', attempts: 1, last_errcode: 0, last_error: null },
    ]);
    const call = robot.calls.at(-1)!;
    expect(robot.calls.length).toBe(before + 1);
    expect(call.query.get('sign')).toBe(
      dingTalkSignature(DING_SECRET, Number(call.query.get('timestamp'))),
    );
    expect(call.body).toEqual({
      msgtype: 'markdown',
      markdown: {
        title: '新诉求 XY-20261207-0001',
        text: expect.stringContaining('**办理时限**：2026年12月8日 08:12') as string,
      },
    });

    // The same message again: the job id is taken and the row is delivered, nothing is posted.
    expect(await robots.postToGridRobot(dingGrid, m)).toBe('queued');
    await queue.remove(gridRobotJobId(dingGrid, m));
    expect(await send(dingGrid, m)).toBe('completed');
    expect(robot.calls.length).toBe(before + 1);
  });

  it('delivers to a WeCom robot as {msgtype, markdown: {content}}', async () => {
    const m = message('demand-closed');
    expect(await send(wecomGrid, m)).toBe('completed');
    const call = robot.calls.at(-1)!;
    expect(call.path).toBe('/cgi-bin/webhook/send');
    expect(call.query.get('key')).toBe(WECOM_KEY);
    expect(call.query.has('sign')).toBe(false);
    expect(call.body).toEqual({
      msgtype: 'markdown',
      markdown: { content: expect.stringContaining('### 【诉求办结】XY-20261207-0001') as string },
    });
  });

  it('retries the rate limits (45009, 130101) and busy (-1), then delivers', async () => {
    robot.scripts.set(WECOM_KEY, [45009, -1]);
    const m = message('demand-overdue');
    expect(await send(wecomGrid, m)).toBe('completed');
    expect(await row(wecomGrid, m)).toEqual([
      { status: 'delivered', attempts: 3, last_errcode: 0, last_error: null },
    ]);
    robot.scripts.set(DING_TOKEN, [130101]);
    const d = message('demand-overdue');
    expect(await send(dingGrid, d)).toBe('completed');
    expect((await row(dingGrid, d))[0]).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('dead-letters any other errcode at once, and a rate limit that never lifts after 12 attempts', async () => {
    robot.scripts.set(WECOM_KEY, [93000]);
    const m = message();
    const calls = robot.calls.length;
    expect(await send(wecomGrid, m)).toBe('failed');
    expect(robot.calls.length).toBe(calls + 1);
    expect(await row(wecomGrid, m)).toEqual([
      {
        status: 'dead',
        attempts: 1,
        last_errcode: 93000,
        last_error: 'errcode 93000 fake error 93000',
      },
    ]);

    robot.scripts.set(
      WECOM_KEY,
      Array.from({ length: 20 }, () => 45009),
    );
    const limited = message();
    expect(await send(wecomGrid, limited)).toBe('failed');
    expect(await row(wecomGrid, limited)).toEqual([
      {
        status: 'dead',
        attempts: 12,
        last_errcode: 45009,
        last_error: 'errcode 45009 fake error 45009',
      },
    ]);
    robot.scripts.delete(WECOM_KEY);
  });

  it('never throws into the ledger: no robot, a malformed message, Redis unreachable, a robot unreachable', async () => {
    const noRobot = (
      (
        await as('shuji')
          .post(`/communities/${communityId}/grids`, {
            name: '第三网格',
            buildings: [{ estate: ESTATE, building: '12号楼' }],
          })
          .expect(201)
      ).body as { id: string }
    ).id;
    expect(await robots.postToGridRobot(noRobot, message())).toBe('no-robot');
    expect(await robots.postToGridRobot('not-a-uuid', message())).toBe('not-queued');
    expect(
      await robots.postToGridRobot(dingGrid, { ...message(), kind: 'demand-lost' as never }),
    ).toBe('not-queued');

    const offline = new GridRobots(
      {
        redisUrl: 'redis://127.0.0.1:1',
        config: { queuePrefix: prefix },
        logger,
      } as unknown as Runtime,
      db.pool,
    );
    expect(await offline.postToGridRobot(dingGrid, message())).toBe('not-queued');
    await offline.onApplicationShutdown();

    // A robot that does not answer: the post is queued all the same; the job retries on its own.
    await db.pool.query(
      `UPDATE grid_robots SET webhook_url = 'http://127.0.0.1:1/robot/send?access_token=${DING_TOKEN}'
        WHERE grid_id = $1`,
      [dingGrid],
    );
    const unreachable = message();
    expect(await robots.postToGridRobot(dingGrid, unreachable)).toBe('queued');
    await until(
      async () => (await row(dingGrid, unreachable))[0]?.status === 'dead',
      20_000,
      'the unreachable robot dead-lettered',
    );
    const [dead] = await row(dingGrid, unreachable);
    expect(dead!.attempts).toBe(12);
    expect(dead!.last_error).toContain('fetch failed');
  });

  it('drops what is pending when the robot is removed (DELETE), 404 when there is none', async () => {
    const m = message();
    await db.pool.query(
      `INSERT INTO grid_robot_deliveries (id, grid_id, source_event_id, kind, title, markdown)
       VALUES ($1, $2, $3, $4, 't', 'm')`,
      [randomUUID(), wecomGrid, m.sourceEventId, m.kind],
    );
    await as('wanggeyuan').delete(`/grids/${wecomGrid}/robot`).expect(403);
    await as('shuji').delete(`/grids/${wecomGrid}/robot`).expect(204);
    await as('shuji').delete(`/grids/${wecomGrid}/robot`).expect(404);
    await as('shuji').post(`/grids/${wecomGrid}/robot/test`).expect(404);
    expect(
      await deliverGridRobot(
        db.pool,
        { gridId: wecomGrid, ...m },
        {
          timeoutMs: 1_000,
          maxAttempts: 12,
          finalAttempt: false,
        },
      ),
    ).toBe('no-robot');
    expect((await row(wecomGrid, m))[0]).toMatchObject({
      status: 'dead',
      last_error: 'robot removed',
    });
    expect(await robots.postToGridRobot(wecomGrid, message())).toBe('no-robot');
    const list = await as('shuji').get(`/communities/${communityId}/grids`).expect(200);
    const grids = (list.body as { items: { id: string; robot: unknown }[] }).items;
    expect(grids.find((g) => g.id === wecomGrid)!.robot).toBeNull();
  });

  it('never writes the key or the secret to a log line, a delivery row or a failed job', async () => {
    expect(logLines.length).toBeGreaterThan(0); // the failed jobs and the unqueued messages
    const { rows } = await db.pool.query<{ text: string }>(
      `SELECT coalesce(string_agg(concat_ws(' ', title, markdown, last_error), ' '), '') AS text
         FROM grid_robot_deliveries`,
    );
    const failed = (await queue.getFailed()).map(
      (j) => `${j.failedReason} ${JSON.stringify(j.data)}`,
    );
    for (const text of [logLines.join('\n'), rows[0]!.text, failed.join('\n')])
      for (const secret of [DING_TOKEN, DING_SECRET, WECOM_KEY]) expect(text).not.toContain(secret);
  });
});
