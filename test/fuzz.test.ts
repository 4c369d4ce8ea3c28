import fc from 'fast-check';
import request from 'supertest';
import { client, login, TEST_ADMIN } from './support/api';
import { type Server } from 'node:http';
import { startDemoPlatform, startTestPlatform, type TestPlatform } from './support/platform';
import { testRedisUrl, type TestDatabase } from './support/database';
import { until } from './support/wait';

/**
 * Malformed requests, generated from the OpenAPI document, against every operation: wrong types,
 * missing and extra fields, huge strings, invalid UTF-8, deep nesting, huge numbers, hostile ids.
 * No response may be a 5xx or take over a second, and a rejected request must leave the database
 * exactly as it was. The API runs alone (no worker), so nothing else writes meanwhile.
 * FUZZ_SEED replays a run; FUZZ_RUNS sets the requests per operation.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 24);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
/** Tables a rejected request may legitimately write: failed logins are counted. */
const MAY_CHANGE = new Set(['login_throttle', 'migrations']);

interface Schema {
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  $ref?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  minLength?: number;
}
interface Operation {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  body?: Schema;
  query: string[];
}
interface Attempt {
  op: Operation;
  as: 'admin' | 'secretary' | 'owner' | 'anonymous';
  path: string;
  query: Record<string, string>;
  /** A JSON value, or raw bytes sent as application/json (invalid UTF-8, broken JSON). */
  body: { json: unknown } | { raw: Buffer; type: string } | undefined;
  what: string;
}

function deep(levels: number): string {
  return '['.repeat(levels) + ']'.repeat(levels);
}

describe('fuzzing every endpoint from the OpenAPI document', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let schemas: Record<string, Schema>;
  let operations: Operation[];
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    // First start with the worker, so the demo case is projected; then the API alone.
    const first = await startDemoPlatform('fuzz');
    db = first.db;
    const secretary = await login(first.server, 'shuji');
    const me = await client(first.server, secretary).get('/me').expect(200);
    ids.communityId = (
      me.body as { memberships: { communityId: string }[] }
    ).memberships[0]!.communityId;
    ids.userId = (me.body as { id: string }).id;
    await until(
      async () => {
        const res = await client(first.server, secretary).get(
          `/communities/${ids.communityId}/cases`,
        );
        ids.caseId = (res.body as { items?: { id: string }[] }).items?.[0]?.id ?? '';
        return ids.caseId !== '';
      },
      30_000,
      'the demo case in the case list',
    );
    await first.platform.close();
    platform = await startTestPlatform({
      databaseUrl: db.url,
      redisUrl: testRedisUrl(),
      label: 'fuzz',
      env: { ADMIN_USERNAME: TEST_ADMIN.username, ADMIN_PASSWORD: TEST_ADMIN.password },
      withWorker: false,
    });
    server = platform.app.getHttpServer();
    const doc = (await request(server).get('/docs-json').expect(200)).body as {
      paths: Record<
        string,
        Record<string, { requestBody?: unknown; parameters?: { name: string; in: string }[] }>
      >;
      components: { schemas: Record<string, Schema> };
    };
    schemas = doc.components.schemas;
    operations = [];
    for (const [path, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops)) {
        const content = (op.requestBody as { content?: Record<string, { schema?: Schema }> })
          ?.content?.['application/json']?.schema;
        operations.push({
          method: method as Operation['method'],
          path,
          body: content,
          query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        });
      }
    tokens.admin = await login(server, TEST_ADMIN.username, TEST_ADMIN.password);
    tokens.secretary = await login(server, 'shuji');
    tokens.owner = await login(server, 'yezhu-12-2-301');
  }, 120_000);

  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  function resolve(schema: Schema): Schema {
    if (schema.$ref === undefined) return schema;
    const name = schema.$ref.split('/').pop()!;
    return schemas[name] ?? {};
  }

  /** A plausible valid value, so that one mutation at a time reaches the validation behind it. */
  function plausible(schema: Schema, depth = 0): unknown {
    const s = resolve(schema);
    if (s.enum !== undefined && s.enum.length > 0) return s.enum[0];
    if (s.format === 'uuid') return ids.caseId;
    if (s.format === 'date-time') return new Date(Date.now() + 86_400_000).toISOString();
    switch (s.type) {
      case 'string':
        return '测试'.padEnd(Math.max(2, s.minLength ?? 2), '文');
      case 'number':
      case 'integer':
        return s.minimum ?? 1;
      case 'boolean':
        return true;
      case 'array':
        return s.items === undefined || depth > 4 ? [] : [plausible(s.items, depth + 1)];
      case 'object':
      case undefined: {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(s.properties ?? {}))
          if (depth < 5) out[k] = plausible(v, depth + 1);
        return out;
      }
    }
  }

  const hostileIds = [
    '..%2F..%2Fetc%2Fpasswd',
    '%2e%2e%2f%2e%2e%2f',
    'not-a-uuid',
    '00000000-0000-0000-0000-000000000000',
    '%00',
    'a'.repeat(3000),
    encodeURIComponent("' OR 1=1 --"),
    encodeURIComponent('１２３'),
    encodeURIComponent('\u{1F600}'),
    '%ff%fe',
  ];
  const wrongValues: unknown[] = [
    null,
    Number.MAX_SAFE_INTEGER * 1024,
    -1,
    1.5,
    1e308,
    true,
    [],
    {},
    [[[[[]]]]],
    '',
    'x'.repeat(100_000),
    '\u0000',
    '\ud800',
    '<script>alert(1)</script>',
    { $gt: '' },
    '2026-02-30T25:61:00Z',
  ];

  function attempts(op: Operation): fc.Arbitrary<Attempt> {
    const pathArb = fc
      .tuple(
        ...[...op.path.matchAll(/\{(\w+)\}/g)].map((m) =>
          fc.oneof(
            { weight: 3, arbitrary: fc.constant(ids[m[1]!] ?? ids.caseId!) },
            { weight: 2, arbitrary: fc.constantFrom(...hostileIds) },
            { weight: 1, arbitrary: fc.uuid() },
          ),
        ),
      )
      .map((values) => {
        let i = 0;
        return op.path.replace(/\{\w+\}/g, () => values[i++]!);
      });
    const queryArb = fc.dictionary(
      fc.constantFrom(...(op.query.length > 0 ? op.query : ['unexpected'])),
      fc.constantFrom(
        '-1',
        '1e12',
        'abc',
        '',
        '0',
        '9007199254740993',
        'true',
        '%00',
        '\u0000',
        '\ud800',
        'x'.repeat(5000),
        '[object Object]',
      ),
      { maxKeys: 3 },
    );
    const base = op.body === undefined ? undefined : plausible(op.body);
    const props =
      base !== null && typeof base === 'object' && !Array.isArray(base) ? Object.keys(base) : [];
    const bodyArb: fc.Arbitrary<Pick<Attempt, 'body' | 'what'>> = fc.oneof(
      fc.constant({ body: base === undefined ? undefined : { json: base }, what: 'plausible' }),
      props.length === 0
        ? fc.constant({ body: { json: {} }, what: 'empty object' })
        : fc.tuple(fc.constantFrom(...props), fc.constantFrom(...wrongValues)).map(([k, v]) => ({
            body: { json: { ...(base as object), [k]: v } },
            what: `${k} = ${JSON.stringify(v)?.slice(0, 40)}`,
          })),
      props.length === 0
        ? fc.constant({ body: { json: [] }, what: 'array' })
        : fc.constantFrom(...props).map((k) => {
            const copy = { ...(base as Record<string, unknown>) };
            delete copy[k];
            return { body: { json: copy }, what: `missing ${k}` };
          }),
      fc.constant({
        body: {
          json: { ...(base as object), __proto__: { admin: true }, isAdmin: true, extra: 1 },
        },
        what: 'extra fields',
      }),
      fc.constantFrom(null, [], 'text', 42, true).map((v) => ({
        body: { json: v },
        what: `top-level ${JSON.stringify(v)}`,
      })),
      fc
        .constantFrom(
          {
            raw: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x7d]),
            what: 'invalid UTF-8',
          },
          { raw: Buffer.from('{"title": "未闭合'), what: 'broken JSON' },
          { raw: Buffer.from(deep(20_000)), what: 'deep nesting 20000' },
          {
            raw: Buffer.from(`{"a":${'{"a":'.repeat(2000)}1${'}'.repeat(2001)}`),
            what: 'deep objects 2000',
          },
          { raw: Buffer.from('{"percent": 1e400, "choice": 1e400}'), what: 'number overflow' },
          { raw: Buffer.from('{"percent": NaN}'), what: 'NaN token' },
          { raw: Buffer.from('{"a":1,"a":2}'), what: 'duplicate keys' },
          { raw: Buffer.from(''), what: 'empty body' },
        )
        .map(({ raw, what }) => ({ body: { raw, type: 'application/json' }, what })),
      fc.constant({
        body: { raw: Buffer.from('title=x'), type: 'application/x-www-form-urlencoded' },
        what: 'form body',
      }),
      fc.constant({ body: { raw: Buffer.from('<a/>'), type: 'text/xml' }, what: 'xml body' }),
    );
    return fc
      .record({
        as: fc.constantFrom<Attempt['as'][]>('admin', 'secretary', 'owner', 'anonymous'),
        path: pathArb,
        query: queryArb,
        body: bodyArb,
      })
      .map(({ as, path, query, body }) => ({ op, as, path, query, ...body }));
  }

  /** One digest of every table a request could write. */
  async function fingerprint(): Promise<string> {
    const { rows: tables } = await db.pool.query<{ t: string }>(
      `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
    );
    const parts = tables
      .filter(({ t }) => !MAY_CHANGE.has(t))
      .map(
        ({ t }) =>
          `'${t}:' || (SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM "${t}" x)`,
      );
    const { rows } = await db.pool.query<{ f: string }>(
      `SELECT concat_ws(',', ${parts.join(', ')}) AS f`,
    );
    return rows[0]!.f;
  }

  async function send(a: Attempt): Promise<{ status: number; ms: number; body: unknown }> {
    let req = request(server)[a.op.method](a.path).query(a.query);
    if (a.as !== 'anonymous') req = req.set('Authorization', `Bearer ${tokens[a.as]}`);
    if (a.body !== undefined && 'json' in a.body)
      req = req.set('Content-Type', 'application/json').send(JSON.stringify(a.body.json));
    else if (a.body !== undefined) req = req.set('Content-Type', a.body.type).send(a.body.raw);
    const started = performance.now();
    const res = await req;
    return { status: res.status, ms: performance.now() - started, body: res.body as unknown };
  }

  it('answers every malformed request with a 4xx or a success, fast, and writes nothing on a 4xx', async () => {
    const problems: string[] = [];
    let slowest = 0;
    let before = await fingerprint();
    let sent = 0;
    for (const op of operations) {
      const samples = fc.sample(attempts(op), { numRuns: RUNS, seed: SEED + sent });
      for (const a of samples) {
        sent++;
        const res = await send(a);
        const label = `${a.op.method.toUpperCase()} ${a.path.slice(0, 120)} as ${a.as}, ${a.what}`;
        if (res.status >= 500) problems.push(`${label}: ${res.status} ${JSON.stringify(res.body)}`);
        // A shared machine stalls now and then: a slow answer that changed nothing is asked twice
        // more, and only an answer slow every time (a real hot spot) counts.
        let ms = res.ms;
        for (
          let retry = 0;
          ms > 1000 && retry < 2 && (res.status >= 400 || a.op.method === 'get');
          retry++
        )
          ms = Math.min(ms, (await send(a)).ms);
        slowest = Math.max(slowest, ms);
        if (ms > 1000) problems.push(`${label}: took ${Math.round(ms)} ms`);
        if (res.status >= 400) {
          const code = (res.body as { error?: { code?: unknown } } | undefined)?.error?.code;
          if (typeof code !== 'string')
            problems.push(
              `${label}: ${res.status} without an error code: ${JSON.stringify(res.body)}`,
            );
        }
        const after = await fingerprint();
        if (res.status >= 400 && after !== before)
          problems.push(`${label}: rejected with ${res.status} but the database changed`);
        before = after;
      }
    }
    console.log(
      `fuzz: ${sent} requests over ${operations.length} operations, seed ${SEED}, slowest ${Math.round(slowest)} ms`,
    );
    expect({ seed: SEED, problems: [...new Set(problems)].slice(0, 40) }).toEqual({
      seed: SEED,
      problems: [],
    });
  }, 600_000);

  it('refuses text PostgreSQL cannot store, in a body or a query, with 400 naming the field', async () => {
    const admin = client(server, tokens.admin);
    const before = await fingerprint();
    const body = await admin
      .post('/communities', { name: '学苑社区二', street: 'a\u0000b' })
      .expect(400);
    expect(body.body).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: { path: '$body.street' } },
    });
    const query = await admin.get(`/communities/${ids.communityId}/units?estate=a%00b`).expect(400);
    expect(query.body).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: { path: '$query.estate' } },
    });
    expect(await fingerprint()).toBe(before);
  });
});
