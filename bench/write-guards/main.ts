/**
 * What the write guard costs (docs/http-hardening.md), in one run against one PostgreSQL and Redis:
 *
 * - over HTTP, one writer changing a community's settings (a write whose own cost does not grow
 *   as the run goes on, unlike appends to one case): without Idempotency-Key (the baseline; the
 *   rate limiter runs), with a fresh key per request (reserve + store the answer), and a replay of
 *   a stored key (no write); rounds interleaved so drift hits every mode alike;
 * - the pieces alone: the rate-limit script (user + address) against a Redis PING, and a key's
 *   reserve + complete against a one-row INSERT (both are one commit per statement).
 *
 *   npm run bench:write-guards        (REQUESTS=300 ROUNDS=3; DATABASE_URL / REDIS_URL pick the servers)
 *
 * Writes bench/results/write-guards.json.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { createRedisConnection } from '@yishi/messaging';
import { IdempotencyStore, RedisRateLimiter, requestFingerprint } from '@yishi/platform';
import { startBenchPlatform } from '../support/platform';
import { median, percentile, round } from '../support/stats';
import { writeBenchResult } from '../support/results';

const FINGERPRINT_KEY = Buffer.from('bench fingerprint key, 32+ characters long', 'utf8');
const REQUESTS = Number(process.env.REQUESTS ?? 300);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const PIECES = Number(process.env.PIECES ?? 2000);

type Sample = number[];

async function timed(n: number, fn: (i: number) => Promise<void>): Promise<Sample> {
  const out: Sample = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

function summary(sample: Sample) {
  const total = sample.reduce((a, b) => a + b, 0);
  return {
    perSecond: round((sample.length / total) * 1000, 0),
    p50Ms: round(median(sample), 2),
    p99Ms: round(percentile(sample, 99), 2),
  };
}

async function main(): Promise<void> {
  const platform = await startBenchPlatform({ label: 'guards', withWorker: false });
  const { base, runtime } = platform;
  try {
    const call = async (
      method: string,
      p: string,
      body: object,
      headers: Record<string, string> = {},
    ) => {
      const res = await fetch(`${base}${p}`, {
        method,
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status >= 300) throw new Error(`${p}: ${res.status} ${text}`);
      return JSON.parse(text) as Record<string, unknown>;
    };
    const token = (await call('POST', '/auth/token', { username: 'shuji', password: 'yishi-demo' }))
      .accessToken as string;
    const auth = { authorization: `Bearer ${token}` };
    const me = (await (await fetch(`${base}/me`, { headers: auth })).json()) as {
      memberships: { communityId: string }[];
    };
    const settings = `/communities/${me.memberships[0]!.communityId}/settings`;
    const write = (headers: Record<string, string>) =>
      call('PATCH', settings, { acknowledgementHours: 48 }, { ...auth, ...headers });
    const replayKey = randomUUID();
    await write({ 'idempotency-key': replayKey });

    const modes = {
      noKey: [] as Sample,
      freshKey: [] as Sample,
      replay: [] as Sample,
    };
    for (let round = 0; round < ROUNDS; round++) {
      modes.noKey.push(...(await timed(REQUESTS, async () => void (await write({})))));
      modes.freshKey.push(
        ...(await timed(REQUESTS, async () => {
          await write({ 'idempotency-key': randomUUID() });
        })),
      );
      modes.replay.push(
        ...(await timed(REQUESTS, async () => {
          await write({ 'idempotency-key': replayKey });
        })),
      );
    }

    // The pieces alone.
    const redis = createRedisConnection(runtime.redisUrl, 'producer', 'bench-guards');
    await new Promise((resolve) => redis.once('ready', resolve));
    const prefix = `{bench-guards-${randomUUID().slice(0, 8)}}`;
    const limiter = new RedisRateLimiter(redis, prefix, 60);
    const store = new IdempotencyStore(runtime.pool, 24);
    const pool = runtime.pool;
    await pool.query(`CREATE TABLE IF NOT EXISTS bench_guard_rows (id uuid PRIMARY KEY)`);
    const kept = { principal: 'user:bench', route: 'POST /bench', key: 'kept' };
    const first = await store.reserve(kept, 'f');
    if (first.outcome === 'reserved') await store.complete(kept, first.leaseId, 201, '{}');
    const pieces = {
      redisPing: await timed(PIECES, async () => void (await redis.ping())),
      rateLimitHit: await timed(PIECES, async (i) => {
        await limiter.hit([
          { key: `user:${i % 50}`, max: 1_000_000 },
          { key: 'addr:bench', max: 1_000_000 },
        ]);
      }),
      insertOneRow: await timed(PIECES / 4, async () => {
        await pool.query(`INSERT INTO bench_guard_rows VALUES ($1)`, [randomUUID()]);
      }),
      lookupStoredKey: await timed(PIECES / 4, async () => {
        await store.reserve({ principal: 'user:bench', route: 'POST /bench', key: 'kept' }, 'f');
      }),
      reserveAndComplete: await timed(PIECES / 4, async () => {
        const scope = { principal: 'user:bench', route: 'POST /bench', key: randomUUID() };
        const r = await store.reserve(
          scope,
          requestFingerprint(FINGERPRINT_KEY, 'POST', '/bench', { a: 1 }),
        );
        if (r.outcome !== 'reserved') throw new Error(`not reserved: ${r.outcome}`);
        await store.complete(scope, r.leaseId, 201, '{"id":"x"}');
      }),
    };
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();

    const http = {
      noKey: summary(modes.noKey),
      freshKey: summary(modes.freshKey),
      replay: summary(modes.replay),
    };
    const parts = {
      redisPing: summary(pieces.redisPing),
      rateLimitHit: summary(pieces.rateLimitHit),
      insertOneRow: summary(pieces.insertOneRow),
      lookupStoredKey: summary(pieces.lookupStoredKey),
      reserveAndComplete: summary(pieces.reserveAndComplete),
    };
    const ratios = {
      freshKeyOverNoKeyP50: round(median(modes.freshKey) / median(modes.noKey), 2),
      replayOverNoKeyP50: round(median(modes.replay) / median(modes.noKey), 2),
      rateLimitOverPingP50: round(median(pieces.rateLimitHit) / median(pieces.redisPing), 2),
      reserveCompleteOverInsertP50: round(
        median(pieces.reserveAndComplete) / median(pieces.insertOneRow),
        2,
      ),
    };
    console.log(
      `write guards: ${REQUESTS} × ${ROUNDS} sequential PATCH /communities/:id/settings per mode`,
    );
    console.table({ ...http, ...parts });
    console.log('ratios', ratios);
    await writeBenchResult('write-guards', {
      at: new Date().toISOString(),
      host: { cpus: os.cpus().length, postgres: platform.postgresSource },
      requests: REQUESTS,
      rounds: ROUNDS,
      http,
      pieces: parts,
      ratios,
    });
  } finally {
    await platform.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
