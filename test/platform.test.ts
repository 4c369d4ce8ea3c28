import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { type ErrorBody, QueueRegistry as QueueRegistryToken } from '@yishi/platform';
import { resolvePostgres, resolveRedis, type ResolvedService } from '@yishi/dev-services';
import { createTestDatabase, testRedisUrl, type TestDatabase } from './support/database';
import { freePort } from './support/processes';
import { until } from './support/wait';
import { startTestPlatform, type TestPlatform } from './support/platform';
import { offlineOpenApiDocument } from '../apps/api/src/openapi/offline-document';

const ROOT = path.resolve(__dirname, '..');

describe('platform over HTTP (real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let platform: TestPlatform;

  beforeAll(async () => {
    db = await createTestDatabase();
    platform = await startTestPlatform({
      databaseUrl: db.url,
      redisUrl: testRedisUrl(),
      label: 'http',
    });
  });
  afterAll(async () => {
    await platform.close();
    await db.drop();
  });

  it('reports health', async () => {
    const res = await request(platform.app.getHttpServer()).get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', postgres: 'up', redis: 'up' });
  });

  it('serves the OpenAPI document and UI', async () => {
    const doc = await request(platform.app.getHttpServer()).get('/docs-json').expect(200);
    expect((doc.body as { openapi: string }).openapi).toMatch(/^3\./);
    expect(Object.keys((doc.body as { paths: object }).paths)).toEqual(
      expect.arrayContaining(['/health', '/metrics']),
    );
    await request(platform.app.getHttpServer()).get('/docs').expect(200);
    // What `npm run lint:openapi` lints and the web app's types come from: the same document.
    expect(doc.body).toEqual(JSON.parse(JSON.stringify(await offlineOpenApiDocument())));
  });

  it('answers every error with the contract body and a code', async () => {
    const server = platform.app.getHttpServer();
    const missing = await request(server).get('/api/v1/no-such-thing').expect(404);
    expect(missing.body).toMatchObject({ error: { code: 'NOT_FOUND', details: {} } });
    expect(typeof (missing.body as ErrorBody).error.message).toBe('string');
    const malformed = await request(server)
      .post('/api/v1/anything')
      .set('Content-Type', 'application/json')
      .send('{"a":')
      .expect(400);
    expect((malformed.body as ErrorBody).error.code).toBe('VALIDATION_FAILED');
    const huge = await request(server)
      .post('/api/v1/anything')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ text: '议'.repeat(600_000) }))
      .expect(413);
    expect((huge.body as ErrorBody).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(JSON.stringify([missing.body, malformed.body, huge.body])).not.toMatch(
      /at .*\.ts|SELECT|node_modules/,
    );
  });

  it('carries the correlation id from the request header into the response', async () => {
    const res = await request(platform.app.getHttpServer())
      .get('/health')
      .set('X-Correlation-Id', 'trace-123')
      .expect(200);
    expect(res.headers['x-correlation-id']).toBe('trace-123');
  });

  it('exposes Prometheus metrics: append latency, relay lag, queue depths', async () => {
    await platform.runtime.store.append(`probe-${randomUUID()}`, 'no-stream', [
      { type: 'Probe', data: {} },
    ]);
    await until(async () => {
      const text = (await request(platform.app.getHttpServer()).get('/metrics')).text;
      return /yishi_relay_events_total [1-9]/.test(text);
    });
    const text = (await request(platform.app.getHttpServer()).get('/metrics').expect(200)).text;
    expect(text).toMatch(/yishi_event_append_duration_seconds_count [1-9]/);
    expect(text).toMatch(/yishi_relay_lag_seconds_count [1-9]/);
    expect(text).toMatch(/yishi_queue_depth\{queue="domain-events",state="completed"\}/);
    expect(text).toMatch(/yishi_job_failures_total/);
    expect(text).toMatch(/yishi_relay_leader 1/);
  });

  it('keeps the stream catalogue read model current', async () => {
    const stream = `resolution-${randomUUID()}`;
    await platform.runtime.store.append(stream, 'no-stream', [
      { type: 'A', data: {} },
      { type: 'B', data: {} },
    ]);
    await until(
      async () => {
        const { rows } = await platform.runtime.pool.query<{
          event_count: string;
          category: string;
        }>('SELECT event_count, category FROM stream_catalogue WHERE stream_id = $1', [stream]);
        return rows[0]?.event_count === '2' && rows[0].category === 'resolution';
      },
      10_000,
      'catalogue row',
    );
  });
});

describe('platform when a dependency fails', () => {
  let dataDir: string;
  let postgres: ResolvedService;
  let redis: ResolvedService;
  let pgPort: number;
  let redisPort: number;
  let closedPort: number;
  let platform: TestPlatform;
  const log = (): void => undefined;

  const startPostgres = () => resolvePostgres({ dataDir, port: pgPort, log });
  const startRedis = () =>
    resolveRedis({ dataDir, port: redisPort, loopbackPort: closedPort, log });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'yishi-faults-'));
    [pgPort, redisPort, closedPort] = await Promise.all([freePort(), freePort(), freePort()]);
    postgres = await startPostgres();
    redis = await startRedis();
    platform = await startTestPlatform({
      databaseUrl: postgres.url,
      redisUrl: redis.url,
      label: 'faults',
    });
  });
  afterAll(async () => {
    await platform.close();
    await redis.stop();
    await postgres.stop();
  });

  it('answers 503 while PostgreSQL is down and recovers by itself', async () => {
    const server = platform.app.getHttpServer();
    await request(server).get('/health').expect(200);
    await postgres.stop();
    const down = await request(server).get('/health').expect(503);
    expect(down.body).toMatchObject({
      postgres: 'down',
      redis: 'up',
      error: { code: 'UNAVAILABLE' },
    });
    const stream = `probe-${randomUUID()}`;
    await expect(
      platform.runtime.store.append(stream, 'no-stream', [{ type: 'Lost', data: {} }]),
    ).rejects.toThrow();

    postgres = await startPostgres();
    await until(
      async () => (await request(server).get('/health')).status === 200,
      15_000,
      'health after restart',
    );
    expect(await platform.runtime.store.streamVersion(stream)).toBeUndefined(); // nothing half written
  });

  it('keeps recording events while Redis is down; the relay catches up when it returns', async () => {
    const server = platform.app.getHttpServer();
    const queue = platform.app.get(QueueRegistryToken).get('domain-events');
    await redis.stop();
    await until(
      async () => (await request(server).get('/health')).status === 503,
      10_000,
      'redis down',
    );
    const stream = `probe-${randomUUID()}`;
    const result = await platform.runtime.store.append(stream, 'no-stream', [
      { type: 'RecordedWhileRedisDown', data: { n: 1 } },
      { type: 'RecordedWhileRedisDown', data: { n: 2 } },
    ]);
    expect(result.nextExpectedVersion).toBe(2);
    // Write rate limits fail open (docs/http-hardening.md): a write is still answered (a wrong
    // login: 401), neither refused nor a 503.
    const signIn = await request(server)
      .post('/api/v1/auth/token')
      .send({ username: 'nobody', password: 'wrong-password' });
    expect(signIn.status).toBe(401);

    redis = await startRedis();
    await until(
      async () => (await request(server).get('/health')).status === 200,
      15_000,
      'health after redis restart',
    );
    const [first, second] = await platform.runtime.store.readStream(stream);
    await until(
      async () => {
        // One job for the two events of the one append (the relay's groups). The queue's own
        // connection may still be reconnecting after health is back.
        const job = await queue
          .getJob(`${first!.eventId}_${second!.eventId}`)
          .catch(() => undefined);
        return job !== undefined;
      },
      20_000,
      'relay catch-up',
    );
  });
});

describe('configuration', () => {
  it('stops start-up with a message naming each invalid variable', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: 'abc', REDIS_URL: 'http://nope', LOG_LEVEL: 'loud' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/PORT/);
    expect(stderr).toMatch(/REDIS_URL/);
    expect(stderr).toMatch(/LOG_LEVEL/);
    expect(stderr).not.toMatch(/http:\/\/nope/); // secrets-bearing values are not echoed
  });
});
