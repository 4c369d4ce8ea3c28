import { Agent, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { Client } from 'pg';
import { client, login } from './support/api';
import { type TestDatabase } from './support/database';
import { startDemoPlatform, type TestPlatform } from './support/platform';
import { until } from './support/wait';

/*
 * Shutdown over a real socket: a keep-alive connection whose request was still running when the
 * server began to close goes idle after the close began. Node closes the connections idle when the
 * close starts, not the ones that go idle later; such a connection then held the close until its
 * keep-alive timeout (Fastify's 72 s). The platform closes connections as they go idle
 * (libs/platform/src/bootstrap.ts), and requests in flight still get their answer.
 */
describe('HTTP shutdown', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;

  beforeEach(async () => {
    ({ db, platform, server } = await startDemoPlatform('http-close'));
  });
  afterEach(async () => {
    await db.drop();
  });

  it('answers a request in flight and then closes its keep-alive connection without waiting for its timeout', async () => {
    const token = await login(server, 'shuji');
    const me = await client(server, token).get('/me').expect(200);
    const communityId = (me.body as { memberships: { communityId: string }[] }).memberships[0]!
      .communityId;
    const list = await client(server, token).get(`/communities/${communityId}/cases`).expect(200);
    const caseId = (list.body as { items: { id: string }[] }).items[0]!.id;

    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = (path: string) =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port, path, agent, headers: { authorization: `Bearer ${token}` } },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end();
      });
    expect(await get('/health')).toBe(200);

    // The case view read waits on a lock held here, so the request outlives the start of the close.
    const locker = new Client({ connectionString: db.url });
    await locker.connect();
    const close = { started: 0, ended: 0 };
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE case_views IN ACCESS EXCLUSIVE MODE');
      const inFlight = get(`/api/v1/cases/${caseId}`);
      await until(
        async () =>
          (
            await locker.query<{ n: number }>(
              `SELECT count(*)::int AS n FROM pg_locks WHERE relation = 'case_views'::regclass
                AND NOT granted`,
            )
          ).rows[0]!.n > 0,
        10_000,
        'the request waiting on the lock',
      );
      close.started = Date.now();
      const closing = platform.close().then(() => (close.ended = Date.now()));
      // The server stops listening as soon as its close begins; the request is still waiting.
      await until(() => !server.listening, 30_000, 'the HTTP server closing');
      await locker.query('COMMIT');
      expect(await inFlight).toBe(200);
      await closing;
    } finally {
      await locker.end();
      agent.destroy();
    }
    // Without closing connections as they go idle, this took the keep-alive timeout (72 s).
    expect(close.ended - close.started).toBeLessThan(15_000);
  }, 120_000);

  it('closes a connection that never sent a request (Node counts it as busy until its headers time out)', async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const dropped = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => undefined);
    // Half a request line: a client that connected and then stalled.
    socket.write('GET /heal');
    const started = Date.now();
    await platform.close();
    await dropped;
    // Without closing it, this took Node's headers timeout (60 s) plus its 30 s check interval.
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 120_000);
});
