import { createServer, type Server as HttpServer } from 'node:http';
import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { type Redis } from 'ioredis';
import { createRedisConnection, EventReactions, QUEUES } from '@yishi/messaging';
import { type TestDatabase, testRedisUrl } from '../../../../test/support/database';
import { httpActors } from '../../../../test/support/http-actors';
import { demoCommunityUnits } from '../../../../test/support/demo-units';
import { startDemoPlatform, type TestPlatform } from '../../../../test/support/platform';
import { until } from '../../../../test/support/wait';

/*
 * The ledger's posts to a grid's group-chat robot, through the whole platform (relay, reaction,
 * `grid-robot` job) on the demo data (学苑社区, 金泰和庄), against a stand-in WeCom robot on
 * 127.0.0.1: a demand received in a grid with a robot is posted once with its number, and once more
 * when it is struck off (销号); a grid without a robot gets nothing; a replayed event posts nothing.
 */
const ESTATE = '金泰和庄';
const WECOM_KEY = '693a91f6-7b3c-4bc4-97a0-0ec2a1fa5bbb';

interface Written {
  id: string;
  number: string;
  status: string;
}

describe('demand posts to grid robots (real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let communityId: string;
  let robotGrid: string;
  let quietGrid: string;
  let producer: Redis;
  let domainEvents: Queue;
  let units: Record<string, string> = {};
  const posts: string[] = [];
  const robot: HttpServer = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      posts.push((JSON.parse(raw) as { markdown: { content: string } }).markdown.content);
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
    });
  });
  const { as, signIn } = httpActors(() => server);

  const postsOf = (number: string) => posts.filter((p) => p.includes(number));
  const submit = async (unit: string, content: string): Promise<Written> =>
    (
      await as('shuji')
        .post(`/communities/${communityId}/demands`, {
          content,
          category: 'public-facilities',
          unitId: units[unit],
          source: 'door-to-door',
        })
        .expect(201)
    ).body as Written;
  const events = (demandId: string) => platform.runtime.store.readStream(`demand-${demandId}`);
  /** Until the relay's job for the event has run every reaction. */
  const reacted = (eventId: string) =>
    until(
      async () => (await domainEvents.getJobState(eventId)) === 'completed',
      20_000,
      `reactions to ${eventId}`,
    );

  beforeAll(async () => {
    await new Promise<void>((resolve) => robot.listen(0, '127.0.0.1', resolve));
    const robotBase = `http://127.0.0.1:${(robot.address() as AddressInfo).port}`;
    ({ db, platform, server } = await startDemoPlatform('demand-robot-posts'));
    producer = createRedisConnection(testRedisUrl(), 'producer', 'demand-robot-posts-test');
    domainEvents = new Queue(QUEUES.domainEvents, {
      connection: producer,
      prefix: platform.runtime.config.queuePrefix,
    });
    await signIn('shuji');
    ({ communityId, units } = await demoCommunityUnits(as('shuji')));
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
    robotGrid = await grid('第一网格', '12号楼');
    quietGrid = await grid('第二网格', '10号楼');
    await as('shuji')
      .put(`/grids/${robotGrid}/robot`, {
        kind: 'wecom',
        webhookUrl: `${robotBase}/cgi-bin/webhook/send?key=${WECOM_KEY}`,
      })
      .expect(200);
  });

  afterAll(async () => {
    await domainEvents?.close();
    producer?.disconnect();
    await platform?.close();
    await db?.drop();
    await new Promise((r) => robot.close(r));
  });

  it('posts a new demand of a grid with a robot once, with its number, and its 销号 once', async () => {
    const demand = await submit('12-2-301', '12号楼2单元门口的路灯不亮');
    await until(() => postsOf(demand.number).length > 0, 20_000, 'the new-demand post');
    const [received] = postsOf(demand.number);
    expect(received).toContain(`【新诉求】${demand.number}`);
    expect(received).toContain('公共设施');
    expect(received).toContain(`${ESTATE} 12号楼`);
    expect(received).toContain('待签收');

    // The relay's job again (at least once): the message is keyed by the event, nothing new.
    const [first] = await events(demand.id);
    await reacted(first!.eventId);
    await platform.app.get(EventReactions).dispatch(first!);

    const path = `/demands/${demand.id}`;
    await as('shuji').post(`${path}/acceptance`, {}).expect(201);
    await as('shuji')
      .post(`${path}/assignment`, { party: 'property-company', dueInWorkingDays: 3 })
      .expect(201);
    await as('shuji').post(`${path}/resolution`, { note: '已更换灯泡' }).expect(201);
    await as('shuji').post(`${path}/confirmation`, { rating: 'satisfied' }).expect(201);
    await until(() => postsOf(demand.number).length > 1, 20_000, 'the 销号 post');
    expect(postsOf(demand.number)[1]).toContain(`【诉求办结】${demand.number}`);

    const all = await events(demand.id);
    for (const e of all) await reacted(e.eventId);
    const deliveries = async () =>
      (
        await db.pool.query<{ kind: string; status: string }>(
          `SELECT kind, status FROM grid_robot_deliveries WHERE grid_id = $1 ORDER BY kind`,
          [robotGrid],
        )
      ).rows;
    await until(
      async () => (await deliveries()).every((r) => r.status === 'delivered'),
      10_000,
      'the deliveries recorded',
    );
    expect(await deliveries()).toEqual([
      { kind: 'demand-closed', status: 'delivered' },
      { kind: 'demand-received', status: 'delivered' },
    ]);
    expect(postsOf(demand.number)).toHaveLength(2);
  });

  it('posts nothing for a grid without a robot', async () => {
    const demand = await submit('10-1-101', '10号楼1单元门口的路灯不亮');
    const [first] = await events(demand.id);
    await reacted(first!.eventId);
    const { rows } = await db.pool.query(`SELECT 1 FROM grid_robot_deliveries WHERE grid_id = $1`, [
      quietGrid,
    ]);
    expect(rows).toEqual([]);
    expect(postsOf(demand.number)).toEqual([]);
  });
});
