import { createServer, request as httpRequest, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createRedisConnection } from '@yishi/messaging';
import { RedisRateLimiter } from '@yishi/platform';
import { client, login, TEST_ADMIN } from './support/api';
import { testRedisUrl, type TestDatabase } from './support/database';
import { startDemoPlatform, type TestPlatform } from './support/platform';

/*
 * Issue 8, part 4 over HTTP (real PostgreSQL and Redis): write rate limits per user and per address
 * (429 RATE_LIMITED with Retry-After), request body caps (413 PAYLOAD_TOO_LARGE), page sizes.
 */

interface ErrorBody {
  error: { code: string; message: string; details: Record<string, unknown> };
}
const error = (body: unknown) => (body as ErrorBody).error;

describe('write rate limits, body caps and page sizes over HTTP', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let communityId: string;
  let shuji: string;
  let dangwei: string;
  let admin: string;

  beforeAll(async () => {
    ({ db, platform, server } = await startDemoPlatform('limits', {
      RATE_LIMIT_WINDOW_SECONDS: '60',
      RATE_LIMIT_USER_WRITES: '3',
      // The three logins below count: they are writes from this address too.
      RATE_LIMIT_ADDRESS_WRITES: '8',
      BODY_LIMIT_JSON_BYTES: '2048',
      BODY_LIMIT_TEXT_BYTES: '4096',
    }));
    shuji = await login(server, 'shuji');
    dangwei = await login(server, 'dangwei');
    admin = await login(server, TEST_ADMIN.username, TEST_ADMIN.password);
    const me = await client(server, shuji).get('/me').expect(200);
    communityId = (me.body as { memberships: { communityId: string }[] }).memberships[0]!
      .communityId;
  });
  afterAll(async () => {
    await platform.close();
    await db.drop();
  });

  const caseBody = (description: string) => ({
    mechanism: 'five-party-hall',
    title: '限流',
    description,
    category: '设施维修',
    scope: { estate: '金泰和庄', building: '10号楼' },
  });

  it('refuses a body over the cap with 413 PAYLOAD_TOO_LARGE, JSON and CSV alike (before any write is counted)', async () => {
    const json = await client(server, shuji).post(
      `/communities/${communityId}/cases`,
      caseBody('议'.repeat(1000)), // 3,000 bytes of UTF-8
    );
    expect(json.status).toBe(413);
    expect(error(json.body)).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      details: { limitBytes: 2048 },
    });
    const rows = Array.from({ length: 200 }, (_, i) => `金泰和庄,10号楼,1单元,${9000 + i},88.5`);
    const csv = await request(server)
      .post(`/api/v1/communities/${communityId}/units`)
      .set('Authorization', `Bearer ${shuji}`)
      .set('Content-Type', 'text/csv; charset=utf-8')
      .send(`estate,building,entrance,room,area\n${rows.join('\n')}\n`);
    expect(csv.status).toBe(413);
    expect(error(csv.body)).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      details: { limitBytes: 4096 },
    });
    expect(JSON.stringify([json.body, csv.body])).not.toMatch(/at .*\.[jt]s|node_modules/);
  });

  it('reads bodies as the contract says: malformed JSON 400, other charsets and compressed bodies 415, a far-over length 413 unread; the router refuses in the contract body too', async () => {
    const token = (
      contentType: string,
      body: string | Buffer,
      headers: Record<string, string> = {},
    ) =>
      request(server)
        .post('/api/v1/auth/token')
        // Another address, so that the one request counted as a write (the empty body) leaves
        // this address's limit to the test below.
        .set({ 'Content-Type': contentType, 'X-Forwarded-For': '10.9.9.9', ...headers })
        .send(body);
    const malformed = await token('application/json', '{"username": ');
    expect(malformed.status).toBe(400);
    expect(error(malformed.body)).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { body: 'malformed JSON' },
    });
    // An empty JSON body is an empty object: the fields are then missing (400 naming them).
    const empty = await token('application/json', '');
    expect(empty.status).toBe(400);
    expect(JSON.stringify(error(empty.body).details)).toContain('username');
    const gbk = await token('application/json; charset=gbk', '{"username":"a","password":"b"}');
    expect(gbk.status).toBe(415);
    expect(error(gbk.body)).toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      details: { charset: 'gbk' },
    });
    const gzipped = await token('application/json', '{}', { 'Content-Encoding': 'gzip' });
    expect(gzipped.status).toBe(415);
    expect(error(gzipped.body)).toMatchObject({ details: { encoding: 'gzip' } });
    // Declared at over four times the cap: refused before a byte of it is read.
    const listening = createServer((req, res) => server.emit('request', req, res));
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
    const address = listening.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const huge = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/v1/auth/token',
          headers: { 'Content-Type': 'application/json', 'Content-Length': 10 * 2048 },
        },
        (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      req.write('{"username":'); // and nothing more: the answer must not wait for the rest
    }).finally(() => {
      listening.closeAllConnections();
      listening.close();
    });
    expect(huge.status).toBe(413);
    expect(error(JSON.parse(huge.body))).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });

    const badUrl = await client(server, shuji).get('/communities/%ff%fe');
    expect(badUrl.status).toBe(400);
    expect(error(badUrl.body)).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { url: 'malformed' },
    });
    const longId = await client(server, shuji).get(`/communities/${'a'.repeat(500)}`);
    expect(longId.status).toBe(404);
    expect(error(longId.body).code).toBe('NOT_FOUND');
  });

  it('caps every paged list at 500: limit 501 is 400 naming `limit`, 500 is served', async () => {
    const lists: [string, string][] = [
      [shuji, `/communities/${communityId}/units`],
      [shuji, `/communities/${communityId}/cases`],
      [shuji, `/communities/${communityId}/audit`],
      [shuji, `/me/notifications`],
      [admin, `/audit`],
      [admin, `/admin/webhook-dead-letters`],
    ];
    for (const [token, path] of lists) {
      const over = await client(server, token).get(`${path}?limit=501`);
      expect([path, over.status]).toEqual([path, 400]);
      expect(error(over.body).code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(error(over.body).details)).toContain('limit');
      for (const bad of ['0', '-1', 'abc', '1e3'])
        expect([
          path,
          bad,
          (await client(server, token).get(`${path}?limit=${bad}`)).status,
        ]).toEqual([path, bad, 400]);
      await client(server, token).get(`${path}?limit=500`).expect(200);
    }
  });

  it('limits writes per user: the fourth within the window is 429 with Retry-After; reads go on', async () => {
    const shujiApi = client(server, shuji);
    const opened = await shujiApi
      .post(`/communities/${communityId}/cases`, caseBody('一'))
      .expect(201);
    const caseId = (opened.body as { id: string }).id;
    await shujiApi.post(`/cases/${caseId}/opinions`, { content: '意见一' }).expect(201);
    await shujiApi.post(`/cases/${caseId}/opinions`, { content: '意见二' }).expect(201);
    const limited = await shujiApi.post(`/cases/${caseId}/opinions`, { content: '意见三' });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(error(limited.body)).toMatchObject({
      code: 'RATE_LIMITED',
      details: { retryAfterSeconds: retryAfter },
    });
    expect(error(limited.body).message).toContain('您的账号');
    // Nothing was written by the refused request; reads are not limited.
    const opinions = async () =>
      (
        await db.pool.query<{ content: string }>(
          `SELECT data->>'content' AS content FROM events
            WHERE stream_id = $1 AND type = 'OpinionPosted' ORDER BY stream_position`,
          [`case-${caseId}`],
        )
      ).rows.map((r) => r.content);
    expect(await opinions()).toEqual(['意见一', '意见二']);
    await shujiApi.get(`/cases/${caseId}`).expect(200);

    // Another user from the same address has writes left, until the address's limit (8) is hit.
    const dangweiApi = client(server, dangwei);
    await dangweiApi.post(`/cases/${caseId}/opinions`, { content: '党委意见一' }).expect(201);
    await dangweiApi.post(`/cases/${caseId}/opinions`, { content: '党委意见二' }).expect(201);
    const byAddress = await dangweiApi.post(`/cases/${caseId}/opinions`, { content: '三' });
    expect(byAddress.status).toBe(429);
    expect(byAddress.headers['retry-after']).toMatch(/^\d+$/);
    expect(error(byAddress.body).message).toContain('网络地址');
    // Logging in is a write from this address as well.
    const signIn = await request(server)
      .post('/api/v1/auth/token')
      .send({ username: 'wuye', password: 'yishi-demo' });
    expect(signIn.status).toBe(429);
    expect(await opinions()).toEqual(['意见一', '意见二', '党委意见一', '党委意见二']);
  });
});

describe('RedisRateLimiter (real Redis): a sliding window over several keys at once', () => {
  const redis = createRedisConnection(testRedisUrl(), 'producer', 'rate-limit-test');
  const prefix = `{rate-test-${randomBytes(3).toString('hex')}}`;
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('admits up to the limit, refuses with the wait, admits again once the window moves on', async () => {
    const limiter = new RedisRateLimiter(redis, prefix, 1);
    const limits = [{ key: 'user:a', max: 2 }];
    expect(await limiter.hit(limits)).toEqual({ allowed: true });
    expect(await limiter.hit(limits)).toEqual({ allowed: true });
    expect(await limiter.hit(limits)).toEqual({
      allowed: false,
      retryAfterSeconds: 1,
      limitKey: 'user:a',
    });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await limiter.hit(limits)).toEqual({ allowed: true });
  });

  it('a hit refused by one key is counted against none; 0 means no limit', async () => {
    const limiter = new RedisRateLimiter(redis, prefix, 60);
    expect(await limiter.hit([{ key: 'addr:x', max: 1 }])).toEqual({ allowed: true });
    const refused = await limiter.hit([
      { key: 'addr:x', max: 1 },
      { key: 'user:b', max: 1 },
    ]);
    expect(refused).toMatchObject({ allowed: false, limitKey: 'addr:x' });
    // user:b was not charged for the refused hit.
    expect(await limiter.hit([{ key: 'user:b', max: 1 }])).toEqual({ allowed: true });
    for (let i = 0; i < 5; i++)
      expect(await limiter.hit([{ key: 'user:c', max: 0 }])).toEqual({ allowed: true });
    expect(await redis.exists(`${prefix}:rate:user:c`)).toBe(0);
  });

  it('calls the script by its SHA-1, and sends its text again when Redis has forgotten it', async () => {
    const limiter = new RedisRateLimiter(redis, prefix, 60);
    // What this client sends, in order (not MONITOR: on a Redis other instances share, its stream
    // carries everyone's traffic).
    const evalsha = jest.spyOn(redis, 'evalsha');
    const evalText = jest.spyOn(redis, 'eval');
    let sent: string[];
    try {
      await redis.script('FLUSH');
      expect(await limiter.hit([{ key: 'user:d', max: 2 }])).toEqual({ allowed: true });
      expect(await limiter.hit([{ key: 'user:d', max: 2 }])).toEqual({ allowed: true });
      expect(await limiter.hit([{ key: 'user:d', max: 2 }])).toMatchObject({ allowed: false });
      sent = [
        ...evalsha.mock.invocationCallOrder.map((order) => ({ order, command: 'evalsha' })),
        ...evalText.mock.invocationCallOrder.map((order) => ({ order, command: 'eval' })),
      ]
        .sort((x, y) => x.order - y.order)
        .map((c) => c.command);
    } finally {
      evalsha.mockRestore();
      evalText.mockRestore();
    }
    // The first call finds the cache empty (EVALSHA, NOSCRIPT), sends the text once (EVAL); the
    // rest are EVALSHA only.
    expect(sent).toEqual(['evalsha', 'eval', 'evalsha', 'evalsha']);
  });
});
