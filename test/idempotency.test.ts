import { type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { IdempotencyStore } from '@yishi/platform';
import { client, login } from './support/api';
import { caseWithOpenResolution } from './support/case-fixture';
import { type TestDatabase } from './support/database';
import { startDemoPlatform, type TestPlatform } from './support/platform';

/*
 * The Idempotency-Key header over HTTP on the whole platform (real PostgreSQL and Redis): a retry
 * replays the first answer and writes nothing twice; the key with another body is refused; a
 * duplicate that arrives while the first runs is refused, and exactly one write happens.
 */

interface ErrorBody {
  error: { code: string; message: string; details: Record<string, unknown> };
}
const code = (body: unknown) => (body as ErrorBody).error.code;

describe('Idempotency-Key on writes', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let communityId: string;
  let shuji: string;
  let owner: string;

  beforeAll(async () => {
    ({ db, platform, server } = await startDemoPlatform('idempotency'));
    shuji = await login(server, 'shuji');
    owner = await login(server, 'yezhu-11-1-101');
    const me = await client(server, shuji).get('/me').expect(200);
    communityId = (me.body as { memberships: { communityId: string }[] }).memberships[0]!
      .communityId;
  });
  afterAll(async () => {
    await platform.close();
    await db.drop();
  });

  const caseBody = (title: string) => ({
    mechanism: 'five-party-hall',
    title,
    description: '楼道灯不亮',
    category: '设施维修',
    scope: { estate: '金泰和庄', building: '11号楼', entrance: '1单元' },
  });
  const post = (token: string, path: string, body: object, key?: string) => {
    const req = request(server).post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`);
    return (key === undefined ? req : req.set('Idempotency-Key', key)).send(body);
  };
  const count = async (sql: string, params: unknown[]) =>
    Number((await db.pool.query<{ n: string }>(sql, params)).rows[0]!.n);
  const casesTitled = (title: string) =>
    count(`SELECT count(*) AS n FROM events WHERE type = 'CaseOpened' AND data->>'title' = $1`, [
      title,
    ]);
  const demandsWith = (caseId: string, content: string) =>
    count(
      `SELECT count(*) AS n FROM events WHERE type = 'DemandSubmitted' AND stream_id = $1
          AND data->>'content' = $2`,
      [`case-${caseId}`, content],
    );

  async function openCase(title: string): Promise<string> {
    const res = await post(shuji, `/communities/${communityId}/cases`, caseBody(title)).expect(201);
    return (res.body as { id: string }).id;
  }

  it('opening a case: a retry replays the same answer, marked, and opens no second case', async () => {
    const key = randomUUID();
    const first = await post(shuji, `/communities/${communityId}/cases`, caseBody('重放'), key);
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // The same body with its keys in another order is the same request.
    const { scope, ...rest } = caseBody('重放');
    const again = await post(shuji, `/communities/${communityId}/cases`, { scope, ...rest }, key);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.text).toBe(first.text);
    expect(await casesTitled('重放')).toBe(1);

    // Without the header every request is its own.
    await openCase('无键');
    await openCase('无键');
    expect(await casesTitled('无键')).toBe(2);
  });

  it('refuses the key with a different body (422) or on another route, and writes nothing', async () => {
    const key = randomUUID();
    await post(shuji, `/communities/${communityId}/cases`, caseBody('原请求'), key).expect(201);
    const changed = await post(shuji, `/communities/${communityId}/cases`, caseBody('改了'), key);
    expect(changed.status).toBe(422);
    expect(code(changed.body)).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await casesTitled('改了')).toBe(0);

    // The key belongs to its sender: another user's same key is a new request.
    const caseId = await openCase('诉求');
    const demand = { content: '电梯异响', source: 'online' };
    const mine = await post(owner, `/cases/${caseId}/demands`, demand, key).expect(201);
    const replay = await post(owner, `/cases/${caseId}/demands`, demand, key).expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(mine.body);
    expect(await demandsWith(caseId, '电梯异响')).toBe(1);

    // Same route template, another case: a different path, so a different request.
    const other = await openCase('另一个');
    const moved = await post(owner, `/cases/${other}/demands`, demand, key);
    expect(moved.status).toBe(422);
    expect(code(moved.body)).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await demandsWith(other, '电梯异响')).toBe(0);
  });

  it('concurrent duplicates: exactly one write; the others get 409 IDEMPOTENCY_KEY_IN_USE or the replay', async () => {
    const caseId = await openCase('并发');
    const key = randomUUID();
    const demand = { content: '并发诉求', source: 'door-to-door' };
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => post(owner, `/cases/${caseId}/demands`, demand, key)),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    for (const a of answers) {
      if (a.status === 409) expect(code(a.body)).toBe('IDEMPOTENCY_KEY_IN_USE');
      else expect(a.status).toBe(201);
    }
    const ids = new Set(answers.filter((a) => a.status === 201).map((a) => a.text));
    expect(ids.size).toBe(1);
    expect(await demandsWith(caseId, '并发诉求')).toBe(1);

    // Concurrent case openings with one key: one case.
    const openKey = randomUUID();
    const opened = await Promise.all(
      Array.from({ length: 6 }, () =>
        post(shuji, `/communities/${communityId}/cases`, caseBody('并发开案'), openKey),
      ),
    );
    expect(opened.every((a) => a.status === 201 || a.status === 409)).toBe(true);
    expect(await casesTitled('并发开案')).toBe(1);
  });

  it('a ballot cast twice with one key counts once and answers the same; a refused one binds nothing', async () => {
    const fixture = await caseWithOpenResolution({
      store: platform.runtime.store,
      communityId,
      scope: { estate: '金泰和庄', building: '11号楼', entrance: '1单元' },
      leadParty: 'property-company',
      assigneeParty: 'property-company',
    });
    const path = `/resolutions/${fixture.resolutionId}/ballots`;
    const key = randomUUID();
    const first = await post(owner, path, { choice: 'for' }, key).expect(201);
    const again = await post(owner, path, { choice: 'for' }, key).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    const tally = await client(server, owner)
      .get(`${path.replace('/ballots', '')}/tally`)
      .expect(200);
    expect(tally.body).toMatchObject({ participated: { units: 1 }, for: { units: 1 } });

    // A refused ballot (a second vote for the unit) wrote nothing, so its key is not bound: the
    // same request again runs again (and is refused again, by the domain, not from the store).
    const otherKey = randomUUID();
    const refused = await post(owner, path, { choice: 'against' }, otherKey).expect(409);
    expect(code(refused.body)).toBe('ALREADY_VOTED');
    const rerun = await post(owner, path, { choice: 'against' }, otherKey).expect(409);
    expect(code(rerun.body)).toBe('ALREADY_VOTED');
    expect(rerun.headers['idempotent-replayed']).toBeUndefined();
    // A validation failure binds nothing either: the corrected ballot with its key is processed
    // (here refused by the domain: the unit has voted), not 422 IDEMPOTENCY_KEY_REUSED.
    const badKey = randomUUID();
    await post(owner, path, { choice: 'maybe' }, badKey).expect(400);
    const corrected = await post(owner, path, { choice: 'against' }, badKey).expect(409);
    expect(code(corrected.body)).toBe('ALREADY_VOTED');
  });

  it('a request refused with 4xx does not bind its key: the corrected request runs, once', async () => {
    // A form sent with a mistake (400), corrected and sent with the same key: 201, and a retry of
    // the corrected one (a lost answer) is its replay. One case.
    const key = randomUUID();
    const { title: _title, ...untitled } = caseBody('更正');
    const bad = await post(shuji, `/communities/${communityId}/cases`, untitled, key).expect(400);
    expect(code(bad.body)).toBe('VALIDATION_FAILED');
    const fixed = await post(shuji, `/communities/${communityId}/cases`, caseBody('更正'), key);
    expect(fixed.status).toBe(201);
    expect(fixed.headers['idempotent-replayed']).toBeUndefined();
    const retry = await post(shuji, `/communities/${communityId}/cases`, caseBody('更正'), key);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.text).toBe(fixed.text);
    expect(await casesTitled('更正')).toBe(1);
    // Now bound to the corrected body: another body is a reuse.
    const other = await post(shuji, `/communities/${communityId}/cases`, caseBody('又改'), key);
    expect(other.status).toBe(422);
    expect(code(other.body)).toBe('IDEMPOTENCY_KEY_REUSED');

    // The same for a demand sent empty, then with its text.
    const caseId = await openCase('阶段');
    const demandKey = randomUUID();
    const empty = await post(
      owner,
      `/cases/${caseId}/demands`,
      { content: '', source: 'online' },
      demandKey,
    );
    expect(empty.status).toBe(400);
    const demand = { content: '更正后的诉求', source: 'online' };
    const sent = await post(owner, `/cases/${caseId}/demands`, demand, demandKey).expect(201);
    const replay = await post(owner, `/cases/${caseId}/demands`, demand, demandKey).expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(sent.body);
    expect(await demandsWith(caseId, '更正后的诉求')).toBe(1);
  });

  it('refuses a malformed key with 400 naming the header', async () => {
    for (const key of ['x'.repeat(256), 'clé', 'has space', '']) {
      const res = await post(shuji, `/communities/${communityId}/cases`, caseBody('坏键'), key);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        error: {
          code: 'VALIDATION_FAILED',
          details: { fields: [{ field: 'Idempotency-Key' }] },
        },
      });
    }
    expect(await casesTitled('坏键')).toBe(0);
  });

  it('forgets a key after it expires, and prunes it', async () => {
    const key = randomUUID();
    await post(shuji, `/communities/${communityId}/cases`, caseBody('过期一'), key).expect(201);
    await db.pool.query(
      `UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = $1`,
      [key],
    );
    // Expired: the key is free for a new request.
    const fresh = await post(shuji, `/communities/${communityId}/cases`, caseBody('过期二'), key);
    expect(fresh.status).toBe(201);
    expect(fresh.headers['idempotent-replayed']).toBeUndefined();
    expect(await casesTitled('过期二')).toBe(1);

    const stale = randomUUID();
    await db.pool.query(
      `INSERT INTO idempotency_keys
         (principal, route, key, fingerprint, state, request_id, lease_id, expires_at)
       VALUES ('user:x', 'POST /x', $1, 'f', 'running', $2, $2, now() - interval '1 hour')`,
      [stale, randomUUID()],
    );
    expect(await new IdempotencyStore(db.pool, 24).prune()).toBeGreaterThanOrEqual(1);
    expect(await count(`SELECT count(*) AS n FROM idempotency_keys WHERE key = $1`, [stale])).toBe(
      0,
    );
  });

  it('a crashed request leaves a reservation: 409 while its lease holds, then the retry runs once', async () => {
    const caseId = await openCase('崩溃');
    const key = randomUUID();
    const demand = { content: '崩溃后重试', source: 'online' };
    // The first attempt: reserved, never completed (the process died).
    const reserve = await post(owner, `/cases/${caseId}/demands`, demand, key).expect(201);
    await db.pool.query(
      `UPDATE idempotency_keys SET state = 'running', response_status = NULL, response_body = NULL,
              locked_until = now() + interval '1 minute' WHERE key = $1`,
      [key],
    );
    const busy = await post(owner, `/cases/${caseId}/demands`, demand, key).expect(409);
    expect(code(busy.body)).toBe('IDEMPOTENCY_KEY_IN_USE');
    // The lease lapses; the retry runs, names the same demand (an id derived from the key) and
    // the domain refuses the duplicate: still one demand.
    await db.pool.query(
      `UPDATE idempotency_keys SET locked_until = now() - interval '1 second' WHERE key = $1`,
      [key],
    );
    const retry = await post(owner, `/cases/${caseId}/demands`, demand, key);
    expect(retry.status).toBe(409);
    expect(code(retry.body)).toBe('ALREADY_EXISTS');
    expect((retry.body as ErrorBody).error.details).toMatchObject({
      demandId: (reserve.body as { id: string }).id,
    });
    expect(await demandsWith(caseId, '崩溃后重试')).toBe(1);
    // That refusal unbinds the key but keeps its request id: a further retry, even with another
    // body, names the same demand again and writes nothing.
    const changed = await post(
      owner,
      `/cases/${caseId}/demands`,
      { ...demand, content: '改过' },
      key,
    );
    expect(changed.status).toBe(409);
    expect(code(changed.body)).toBe('ALREADY_EXISTS');
    expect(await demandsWith(caseId, '改过')).toBe(0);
  });

  it('describes the header and the guards answers on every write in the OpenAPI document', async () => {
    const doc = await request(server).get('/docs-json').expect(200);
    type Operation = { parameters?: { name: string }[]; responses: Record<string, unknown> };
    const paths = (doc.body as { paths: Record<string, Record<string, Operation>> }).paths;
    const writes = Object.values(paths).flatMap((item) =>
      ['post', 'put', 'patch', 'delete'].flatMap((m) => (item[m] === undefined ? [] : [item[m]])),
    );
    expect(writes.length).toBeGreaterThan(20);
    for (const op of writes) {
      expect(op.parameters?.map((p) => p.name)).toContain('Idempotency-Key');
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['413', '422', '429']));
    }
    expect(Object.keys(paths['/api/v1/cases/{caseId}/demands']!.post!.responses)).toContain('201');
  });
});
