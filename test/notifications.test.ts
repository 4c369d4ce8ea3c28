import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { PARTIES } from '@yishi/domain';
import { type NotificationRequest } from '@yishi/messaging';
import { NotificationFlows, verifyWebhook } from '@yishi/notifications';
import { client, login, TEST_ADMIN } from './support/api';
import { createTestDatabase, testRedisUrl, type TestDatabase } from './support/database';
import { startTestPlatform, type TestPlatform } from './support/platform';
import { untilSettled } from './support/settled';
import { until } from './support/wait';

interface Item {
  id: string;
  caseId: string | null;
  communityId: string;
  party: string | null;
  kind: string;
  stage: string | null;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}
interface Page {
  items: Item[];
  total: number;
}
interface ErrorBody {
  error: { code: string; message: string; details: Record<string, unknown> };
}

const code = (res: { body: unknown }) => (res.body as ErrorBody).error.code;

describe('notifications over HTTP (the whole platform, real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let admin: string;
  let secretary: string;
  let wuye: string;
  let yeweihui: string;
  let jiedao: string;
  let resident: string;
  let demoId: string;
  let otherId: string;
  const caseId = randomUUID();

  const stageEntered = (stage: NotificationRequest['stage']): NotificationRequest => ({
    sourceEventId: randomUUID(),
    communityId: demoId,
    caseId,
    caseTitle: '12号楼2单元下水道反复堵塞',
    kind: 'stage-entered',
    stage,
    parties: [...PARTIES],
    deadline: '2026-03-05T10:00:00Z',
  });

  async function inbox(token: string, query = ''): Promise<Page> {
    return (await client(server, token).get(`/me/notifications${query}`).expect(200)).body as Page;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    platform = await startTestPlatform({
      databaseUrl: db.url,
      redisUrl: testRedisUrl(),
      label: 'notifications-http',
      env: { ADMIN_USERNAME: TEST_ADMIN.username, ADMIN_PASSWORD: TEST_ADMIN.password },
    });
    server = platform.app.getHttpServer();
    admin = await login(server, TEST_ADMIN.username, TEST_ADMIN.password);
    secretary = await login(server, 'shuji');
    wuye = await login(server, 'wuye');
    yeweihui = await login(server, 'yeweihui');
    jiedao = await login(server, 'jiedao');
    resident = await login(server, 'yezhu-12-2-301');
    const list = await client(server, admin).get('/communities').expect(200);
    demoId = (list.body as { items: { id: string; name: string }[] }).items.find(
      (c) => c.name === '学苑社区',
    )!.id;
    otherId = (
      (await client(server, admin).post('/communities', { name: '通知社区' }).expect(201)).body as {
        id: string;
      }
    ).id;

    // First start seeded the demo's cases, whose stage entries, votes and tasks notified the
    // parties: wait for that fan-out to finish, then clear it, so this file counts only its own.
    await untilSettled(platform, db.pool);
    expect((await inbox(wuye)).total).toBeGreaterThan(0);
    expect((await inbox(yeweihui)).total).toBeGreaterThan(0);
    await db.pool.query(`DELETE FROM notifications`);

    // Two stage entries through the platform's own flow producer and workers.
    // One after the other, so "newest first" has a defined answer.
    const flows = platform.app.get(NotificationFlows);
    for (const [n, stage] of [
      [1, 'gathering'],
      [2, 'analysis'],
    ] as const) {
      await flows.add(stageEntered(stage));
      await until(
        async () => (await inbox(wuye)).total === n && (await inbox(secretary)).total === n,
        15_000,
        `stage-entered notification ${n} in the inboxes`,
      );
    }
  });
  afterAll(async () => {
    await platform.close();
    await db.drop();
  });

  describe('GET /me/notifications', () => {
    it('lists my notifications, newest first, in Chinese, with the contract fields', async () => {
      const page = await inbox(wuye);
      expect(page.total).toBe(2);
      expect(page.items[0]).toEqual({
        id: expect.any(String) as string,
        caseId,
        communityId: demoId,
        party: 'property-company',
        kind: 'stage-entered',
        stage: 'analysis',
        resolutionId: null,
        demandId: null,
        whistleId: null,
        title: '案件进入「分析研判」阶段',
        body: '【议事】案件《12号楼2单元下水道反复堵塞》进入「分析研判」阶段，请于2026年3月5日 18:00前签收。',
        createdAt: expect.any(String) as string,
        readAt: null,
      });
      expect(page.items[1]!.stage).toBe('gathering');
    });

    it('the secretary gets the party organisation’s; residents and street officers get none', async () => {
      expect((await inbox(secretary)).items.map((i) => i.party)).toEqual([
        'party-organisation',
        'party-organisation',
      ]);
      expect(await inbox(resident)).toEqual({ items: [], total: 0 });
      expect(await inbox(jiedao)).toEqual({ items: [], total: 0 });
    });

    it('pages and filters unread', async () => {
      const all = await inbox(yeweihui);
      expect(await inbox(yeweihui, '?limit=1&offset=1')).toEqual({
        items: [all.items[1]],
        total: 2,
      });
      await client(server, yeweihui).post(`/me/notifications/${all.items[0]!.id}/read`).expect(200);
      expect(await inbox(yeweihui, '?unread=true')).toEqual({ items: [all.items[1]], total: 1 });
      expect((await inbox(yeweihui, '?unread=false')).total).toBe(2);
    });

    it('bad input is a 400 with a code; no token is a 401', async () => {
      for (const query of ['?unread=maybe', '?limit=0', '?limit=501', '?offset=-1', '?sort=asc']) {
        const res = await client(server, wuye).get(`/me/notifications${query}`);
        expect([query, res.status, code(res)]).toEqual([query, 400, 'VALIDATION_FAILED']);
      }
      const res = await client(server).get('/me/notifications');
      expect([res.status, code(res)]).toEqual([401, 'UNAUTHENTICATED']);
    });
  });

  describe('POST /me/notifications/:id/read', () => {
    it('marks my notification read once; again it keeps the first time', async () => {
      const [item] = (await inbox(wuye)).items;
      const first = await client(server, wuye).post(`/me/notifications/${item!.id}/read`);
      expect(first.status).toBe(200);
      expect((first.body as Item).readAt).toEqual(expect.any(String));
      const again = await client(server, wuye)
        .post(`/me/notifications/${item!.id}/read`)
        .expect(200);
      expect((again.body as Item).readAt).toBe((first.body as Item).readAt);
    });

    it("someone else's notification is not found, exactly like a missing one, and stays unread", async () => {
      const [theirs] = (await inbox(yeweihui, '?unread=true')).items;
      const res = await client(server, wuye).post(`/me/notifications/${theirs!.id}/read`);
      const missing = await client(server, wuye).post(`/me/notifications/${randomUUID()}/read`);
      expect([res.status, code(res)]).toEqual([404, 'NOT_FOUND']);
      expect([missing.status, code(missing)]).toEqual([404, 'NOT_FOUND']);
      expect((res.body as ErrorBody).error.message).toBe((missing.body as ErrorBody).error.message);
      expect((await inbox(yeweihui, '?unread=true')).items.map((i) => i.id)).toContain(theirs!.id);
      // Not even the admin marks another user's notification.
      await client(server, admin).post(`/me/notifications/${theirs!.id}/read`).expect(404);
    });

    it('a malformed id is a 404, no token a 401', async () => {
      const res = await client(server, wuye).post('/me/notifications/not-a-uuid/read');
      expect([res.status, code(res)]).toEqual([404, 'NOT_FOUND']);
      await client(server).post(`/me/notifications/${randomUUID()}/read`).expect(401);
    });
  });

  describe('webhooks', () => {
    const path = () => `/communities/${demoId}/webhooks`;

    it('the secretary adds one; the secret is shown once and never listed', async () => {
      const created = await client(server, secretary).post(path(), {
        url: 'https://hooks.example.cn/yishi',
      });
      expect(created.status).toBe(201);
      const body = created.body as { id: string; url: string; active: boolean; secret: string };
      expect(body).toMatchObject({
        url: 'https://hooks.example.cn/yishi',
        active: true,
        communityId: demoId,
      });
      expect(body.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
      const own = await client(server, admin)
        .post(path(), { url: 'http://127.0.0.1:9/hook', secret: 'my-own-secret-0123456789' })
        .expect(201);
      expect((own.body as { secret: string }).secret).toBe('my-own-secret-0123456789');
      const list = await client(server, secretary).get(path()).expect(200);
      expect((list.body as { items: { url: string }[] }).items.map((w) => w.url)).toEqual([
        'https://hooks.example.cn/yishi',
        'http://127.0.0.1:9/hook',
      ]);
      expect(list.text).not.toContain(body.secret);
      expect(list.text).not.toContain('my-own-secret-0123456789');
      expect(list.text).not.toContain('secret');
    });

    it('refuses bad input with 400 naming the field, a duplicate with 409', async () => {
      const cases: [object, string][] = [
        [{ url: 'http://hooks.example.cn/yishi' }, 'url'],
        [{ url: 'not a url' }, 'url'],
        [{ url: 'https://user:pw@hooks.example.cn/' }, 'url'],
        [{ url: 42 }, 'url'],
        [{}, 'url'],
        [{ url: 'https://hooks.example.cn/2', secret: 'short' }, 'secret'],
        [{ url: 'https://hooks.example.cn/3', extra: true }, 'extra'],
      ];
      for (const [body, field] of cases) {
        const res = await client(server, secretary).post(path(), body);
        expect([JSON.stringify(body), res.status, code(res)]).toEqual([
          JSON.stringify(body),
          400,
          'VALIDATION_FAILED',
        ]);
        const fields = (res.body as ErrorBody).error.details.fields as { field: string }[];
        expect(fields.map((f) => f.field)).toContain(field);
      }
      const dup = await client(server, secretary).post(path(), {
        url: 'https://hooks.example.cn/yishi',
      });
      expect([dup.status, code(dup)]).toEqual([409, 'ALREADY_EXISTS']);
    });

    it('only the admin and the secretary manage them, in their own community', async () => {
      for (const token of [wuye, resident, jiedao]) {
        await client(server, token).get(path()).expect(403);
        await client(server, token).post(path(), { url: 'https://x.example.cn/' }).expect(403);
      }
      await client(server, secretary).get(`/communities/${otherId}/webhooks`).expect(403);
      await client(server, admin).get(`/communities/${otherId}/webhooks`).expect(200);
      await client(server, secretary).get(`/communities/${randomUUID()}/webhooks`).expect(404);
    });

    it('delete: 204, then gone from the list; again, or from another community, 404', async () => {
      const created = await client(server, secretary)
        .post(path(), { url: 'https://hooks.example.cn/temporary' })
        .expect(201);
      const id = (created.body as { id: string }).id;
      const wrong = await client(server, admin).delete(`/communities/${otherId}/webhooks/${id}`);
      expect([wrong.status, code(wrong)]).toEqual([404, 'NOT_FOUND']);
      await client(server, secretary).delete(`${path()}/${id}`).expect(204);
      const list = await client(server, secretary).get(path()).expect(200);
      expect((list.body as { items: { id: string }[] }).items.map((w) => w.id)).not.toContain(id);
      await client(server, secretary).delete(`${path()}/${id}`).expect(404);
      await client(server, wuye).delete(`${path()}/${id}`).expect(403);
      // Deleting frees the URL for a new webhook.
      await client(server, secretary)
        .post(path(), { url: 'https://hooks.example.cn/temporary' })
        .expect(201);
    });

    it('creations and deletions are in the audit log', async () => {
      const audit = await client(server, secretary).get(`/communities/${demoId}/audit`).expect(200);
      const actions = (audit.body as { items: { action: string }[] }).items.map((a) => a.action);
      expect(actions).toEqual(expect.arrayContaining(['webhook.created', 'webhook.deleted']));
    });
  });

  describe('GET /admin/webhook-dead-letters', () => {
    it('shows a delivery the receiver refused (410: dead at once), signed and complete', async () => {
      const received: { signature: string; body: string }[] = [];
      const receiver = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          received.push({
            signature: String(req.headers['x-yishi-signature']),
            body: Buffer.concat(chunks).toString('utf8'),
          });
          res.writeHead(410).end('gone');
        });
      });
      await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
      try {
        const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/gone`;
        const hook = await client(server, admin)
          .post(`/communities/${otherId}/webhooks`, { url })
          .expect(201);
        const { id: webhookId, secret } = hook.body as { id: string; secret: string };
        const r: NotificationRequest = {
          ...stageEntered('deliberation'),
          communityId: otherId,
          parties: ['owners-committee'],
        };
        await platform.app.get(NotificationFlows).add(r);
        let page: { items: Record<string, unknown>[]; total: number } = { items: [], total: 0 };
        await until(
          async () => {
            page = (
              await client(server, admin)
                .get(`/admin/webhook-dead-letters?communityId=${otherId}`)
                .expect(200)
            ).body as typeof page;
            return page.total === 1;
          },
          15_000,
          'a dead letter',
        );
        expect(page.items[0]).toMatchObject({
          webhookId,
          communityId: otherId,
          url,
          sourceEventId: r.sourceEventId,
          kind: 'stage-entered',
          party: 'owners-committee',
          attempts: 1,
          lastStatus: 410,
          lastError: 'HTTP 410 gone',
          payload: expect.objectContaining({ title: '案件进入「议事会商」阶段' }) as unknown,
        });
        expect(received).toHaveLength(1);
        expect(verifyWebhook(secret, received[0]!.body, received[0]!.signature).ok).toBe(true);
        const demoOnly = await client(server, admin)
          .get(`/admin/webhook-dead-letters?communityId=${demoId}`)
          .expect(200);
        expect(demoOnly.body).toEqual({ items: [], total: 0 });
      } finally {
        await new Promise((r) => receiver.close(r));
      }
    });

    it('is the admin’s only; filters by community; bad input is a 400', async () => {
      await client(server, admin).get('/admin/webhook-dead-letters?limit=10&offset=0').expect(200);
      for (const token of [secretary, wuye]) {
        const res = await client(server, token).get('/admin/webhook-dead-letters');
        expect([res.status, code(res)]).toEqual([403, 'FORBIDDEN']);
      }
      const bad = await client(server, admin).get('/admin/webhook-dead-letters?communityId=x');
      expect([bad.status, code(bad)]).toEqual([400, 'VALIDATION_FAILED']);
    });
  });
});
