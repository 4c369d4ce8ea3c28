import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { FlowProducer, Queue, QueueEvents, UnrecoverableError, Worker } from 'bullmq';
import { PARTIES, type Party } from '@yishi/domain';
import { createRedisConnection, QUEUES, type NotificationRequest } from '@yishi/messaging';
import {
  createTestDatabase,
  testQueuePrefix,
  testRedisUrl,
  type TestDatabase,
} from '../../../test/support/database';
import {
  addNotificationFlow,
  AliyunSmsSender,
  buildNotificationFlow,
  DEFAULT_NOTIFICATION_FLOW_OPTIONS,
  channelWorkerSettings,
  createNotificationProcessor,
  deliverSms,
  deliverToInbox,
  listDeadLetters,
  listInbox,
  notificationJobId,
  verifyWebhook,
  type SmsChannel,
} from './index';

/**
 * The fan-out flow end to end on real PostgreSQL and Redis (a BullMQ prefix of its own), with
 * local HTTP servers standing in for a webhook receiver and Alibaba Cloud's SMS API.
 */

const SMS_KEY_ID = 'LTAI-test-key';
const SMS_SECRET = 'test-sms-secret';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Alibaba Cloud's RPC signature recomputed the way its documentation describes it. */
function expectedAliyunSignature(method: string, params: Record<string, string>): string {
  const enc = (s: string) =>
    encodeURIComponent(s).replace(
      /[!'()*]/g,
      (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
    );
  const canonical = Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${enc(k)}=${enc(params[k]!)}`)
    .join('&');
  return createHmac('sha1', `${SMS_SECRET}&`)
    .update(`${method}&${enc('/')}&${enc(canonical)}`)
    .digest('base64');
}

describe('notification fan-out (real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  const prefix = testQueuePrefix('notifications');
  const connections: ReturnType<typeof createRedisConnection>[] = [];
  let flows: FlowProducer;
  let queueEvents: QueueEvents;
  let webhookQueue: Queue;
  let smsQueue: Queue;
  let retryQueue: Queue;
  const workers: Worker[] = [];

  // The webhook receiver: answers each path from its script (then 200), keeps what it got.
  let hooks: Server;
  let hooksUrl: string;
  const hookScripts = new Map<string, number[]>();
  const hookCalls: { path: string; body: string; signature: string; eventId: string }[] = [];
  const HOOK_SECRET = 'whsec_integration_test_secret';

  // The fake SMS API: checks the signature, answers each phone from its script (then OK).
  let smsApi: Server;
  let smsUrl: string;
  const smsScripts = new Map<string, string[]>();
  const smsCalls: { phone: string; params: Record<string, string>; signatureOk: boolean }[] = [];

  const smsChannel = (): SmsChannel => ({
    sender: new AliyunSmsSender({
      endpoint: `${smsUrl}/`,
      accessKeyId: SMS_KEY_ID,
      accessKeySecret: SMS_SECRET,
      signName: '议事平台',
      timeoutMs: 2_000,
    }),
    templateCodes: { 'stage-entered': 'SMS_100001', escalated: 'SMS_100002' },
  });

  const connection = (role: 'worker' | 'producer') => {
    const c = createRedisConnection(testRedisUrl(), role, 'notifications-test');
    connections.push(c);
    return c;
  };

  async function community(name: string): Promise<string> {
    const id = randomUUID();
    await db.pool.query(`INSERT INTO communities (id, name) VALUES ($1, $2)`, [id, name]);
    return id;
  }

  async function member(
    communityId: string,
    roles: string[],
    party: Party | null,
    phone: string | null = null,
  ): Promise<string> {
    const id = randomUUID();
    await db.pool.query(
      `INSERT INTO users (id, username, display_name, phone, password_hash)
       VALUES ($1, $2, $3, $4, 'x')`,
      [id, `u-${id}`, '测试用户', phone],
    );
    await db.pool.query(
      `INSERT INTO memberships (community_id, user_id, roles, party) VALUES ($1, $2, $3, $4)`,
      [communityId, id, roles, party],
    );
    return id;
  }

  const request = (communityId: string, more: Partial<NotificationRequest> = {}) =>
    ({
      sourceEventId: randomUUID(),
      communityId,
      caseId: randomUUID(),
      caseTitle: '12号楼2单元下水道反复堵塞',
      kind: 'stage-entered',
      stage: 'analysis',
      parties: [...PARTIES],
      deadline: '2026-03-05T10:00:00Z',
      ...more,
    }) satisfies NotificationRequest;

  async function runFlow(r: NotificationRequest): Promise<unknown> {
    const node = await addNotificationFlow(flows, r);
    return node.job.waitUntilFinished(queueEvents, 20_000);
  }

  const inboxRows = async (sourceEventId: string) =>
    (
      await db.pool.query<{ recipient_id: string; party: string; title: string; body: string }>(
        `SELECT recipient_id, party, title, body FROM notifications WHERE source_event_id = $1
          ORDER BY recipient_id`,
        [sourceEventId],
      )
    ).rows;

  beforeAll(async () => {
    db = await createTestDatabase();
    hooks = createServer((req, res) => {
      void readBody(req).then((body) => {
        const path = req.url ?? '/';
        hookCalls.push({
          path,
          body,
          signature: String(req.headers['x-yishi-signature']),
          eventId: String(req.headers['x-yishi-event-id']),
        });
        const status = hookScripts.get(path)?.shift() ?? 200;
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'no');
      });
    });
    hooksUrl = await listen(hooks);
    smsApi = createServer((req, res) => {
      void readBody(req).then((body) => {
        const params = Object.fromEntries(new URLSearchParams(body).entries());
        const signatureOk =
          req.method === 'POST' &&
          params.AccessKeyId === SMS_KEY_ID &&
          params.Signature === expectedAliyunSignature('POST', params);
        smsCalls.push({
          phone: params.PhoneNumbers ?? '',
          params: JSON.parse(params.TemplateParam ?? '{}') as Record<string, string>,
          signatureOk,
        });
        const code = signatureOk
          ? (smsScripts.get(params.PhoneNumbers ?? '')?.shift() ?? 'OK')
          : 'SignatureDoesNotMatch';
        res
          .writeHead(code === 'OK' ? 200 : code.startsWith('isp.') ? 500 : 400, {
            'content-type': 'application/json',
          })
          .end(
            JSON.stringify({
              RequestId: randomUUID(),
              Code: code,
              Message: code === 'OK' ? 'OK' : `fake ${code}`,
              ...(code === 'OK' ? { BizId: `biz-${smsCalls.length}` } : {}),
            }),
          );
      });
    });
    smsUrl = await listen(smsApi);

    const processor = createNotificationProcessor({
      db: db.pool,
      sms: smsChannel(),
      webhookTimeoutMs: 2_000,
    });
    // Retries within tens of milliseconds, so the tests wait for real retries, not for a mock.
    const settings = channelWorkerSettings({ baseMs: 20, capMs: 200 });
    for (const name of [QUEUES.notifications, QUEUES.notificationWebhooks, QUEUES.notificationSms])
      workers.push(
        new Worker(name, processor, {
          connection: connection('worker'),
          prefix,
          concurrency: 10,
          settings,
        }),
      );
    flows = new FlowProducer({ connection: connection('producer'), prefix });
    queueEvents = new QueueEvents(QUEUES.notifications, {
      connection: connection('worker'),
      prefix,
    });
    await queueEvents.waitUntilReady();
    webhookQueue = new Queue(QUEUES.notificationWebhooks, {
      connection: connection('producer'),
      prefix,
    });
    smsQueue = new Queue(QUEUES.notificationSms, { connection: connection('producer'), prefix });
    retryQueue = new Queue('inbox-retry-test', { connection: connection('producer'), prefix });
  });

  afterAll(async () => {
    // Workers first (they may still hold jobs), then producers and listeners.
    await Promise.all(workers.map((w) => w.close()));
    await Promise.all([
      flows.close(),
      queueEvents.close(),
      webhookQueue.close(),
      smsQueue.close(),
      retryQueue.obliterate({ force: true }).then(() => retryQueue.close()),
    ]);
    for (const c of connections) c.disconnect();
    await new Promise((r) => hooks.close(r));
    await new Promise((r) => smsApi.close(r));
    await db.drop();
  });

  describe('inbox', () => {
    let c: string;
    const byParty = new Map<Party, string[]>();
    let secretary: string;
    let officer: string;

    beforeAll(async () => {
      c = await community('收件社区');
      for (const party of PARTIES)
        byParty.set(party, [
          await member(c, ['party-member'], party),
          await member(c, ['party-member', 'resident'], party),
        ]);
      secretary = await member(c, ['secretary'], 'party-organisation');
      officer = await member(c, ['street-officer'], null);
      await member(c, ['resident'], null);
    });

    it('one row per member of each party, the secretary with the party organisation, in Chinese', async () => {
      const r = request(c);
      const summary = await runFlow(r);
      expect(summary).toMatchObject({ sourceEventId: r.sourceEventId, parties: 5, failed: [] });
      const rows = await inboxRows(r.sourceEventId);
      const expected = [...byParty.entries()].flatMap(([party, ids]) =>
        ids.map((id) => ({ id, party })),
      );
      expected.push({ id: secretary, party: 'party-organisation' });
      expect(
        rows
          .map((row) => ({ id: row.recipient_id, party: row.party }))
          .sort((a, b) => a.id.localeCompare(b.id)),
      ).toEqual(expected.sort((a, b) => a.id.localeCompare(b.id)));
      expect(rows.map((row) => row.recipient_id)).not.toContain(officer);
      expect(rows[0]!.body).toBe(
        '【议事】案件《12号楼2单元下水道反复堵塞》进入「分析研判」阶段，请于2026年3月5日 18:00前签收。',
      );
    });

    it('the inbox alone: one inbox-all job writes the same rows as the tree, each party its text, once', async () => {
      // A community of its own: the tests below count the rows of `c`.
      const own = await community('单通道社区');
      for (const party of PARTIES) await member(own, ['party-member'], party);
      await member(own, ['secretary'], 'party-organisation');
      await member(own, ['street-officer'], null);
      const tree = request(own);
      await runFlow(tree);
      const single = request(own);
      const run = async (): Promise<unknown> =>
        (await addNotificationFlow(flows, single, undefined, ['inbox'])).job.waitUntilFinished(
          queueEvents,
          20_000,
        ) as Promise<unknown>;
      expect(await run()).toEqual({ inserted: 6 });
      const strip = (rows: Awaited<ReturnType<typeof inboxRows>>) =>
        rows.map(({ recipient_id, party, title, body }) => ({ recipient_id, party, title, body }));
      const rows = await inboxRows(single.sourceEventId);
      expect(strip(rows)).toEqual(strip(await inboxRows(tree.sourceEventId)));
      // Added again (same job id, kept): nothing; its job gone: it runs, the unique key holds.
      await run();
      const notifications = new Queue(QUEUES.notifications, {
        connection: connection('producer'),
        prefix,
      });
      await notifications.remove(notificationJobId(single, undefined, 'inbox'));
      await notifications.close();
      expect(await run()).toEqual({ inserted: 0 });
      expect(await inboxRows(single.sourceEventId)).toEqual(rows);
    });

    it('exactly once when the same flow is added twice, and again after its jobs are gone', async () => {
      const r = request(c);
      await runFlow(r);
      const first = await inboxRows(r.sourceEventId);
      expect(first).toHaveLength(11);
      // Same job ids: BullMQ keeps the completed jobs and ignores the second add.
      await runFlow(r);
      expect(await inboxRows(r.sourceEventId)).toEqual(first);
      // Jobs removed (retention over, or Redis emptied): the flow runs again, the unique key holds.
      const notifications = new Queue(QUEUES.notifications, {
        connection: connection('producer'),
        prefix,
      });
      await notifications.remove(notificationJobId(r), { removeChildren: true });
      await notifications.close();
      await runFlow(r);
      expect(await inboxRows(r.sourceEventId)).toEqual(first);
    });

    it('exactly once when a job is retried after its insert committed (a crash before ack)', async () => {
      const r = request(c);
      let runs = 0;
      const worker = new Worker(
        'inbox-retry-test',
        async () => {
          runs++;
          const result = await deliverToInbox(db.pool, r, 'property-company');
          // The first run "dies" after the commit, as a worker killed mid-job would.
          if (runs === 1) throw new Error('crash after commit');
          return result;
        },
        { connection: connection('worker'), prefix },
      );
      const events = new QueueEvents('inbox-retry-test', {
        connection: connection('worker'),
        prefix,
      });
      await events.waitUntilReady();
      try {
        const job = await retryQueue.add(
          'inbox',
          {},
          { attempts: 3, backoff: { type: 'fixed', delay: 10 } },
        );
        await expect(job.waitUntilFinished(events, 10_000)).resolves.toEqual({ inserted: 0 });
        expect(runs).toBe(2);
        expect(await inboxRows(r.sourceEventId)).toHaveLength(2);
      } finally {
        await worker.close();
        await events.close();
      }
    });

    it('escalations go to the street officers', async () => {
      const r = request(c, { kind: 'escalated', parties: ['property-company'] });
      await runFlow(r);
      const rows = await inboxRows(r.sourceEventId);
      expect(rows.map((row) => row.recipient_id)).toEqual([officer]);
      expect(rows[0]!.title).toBe('吹哨报到：物业服务企业未按时签收');
    });

    it('lists newest first, filters unread, pages', async () => {
      const me = byParty.get('owners-committee')![0]!;
      const all = await listInbox(db.pool, me, { limit: 50, offset: 0 });
      expect(all.total).toBe(2);
      const page = await listInbox(db.pool, me, { limit: 1, offset: 1 });
      expect(page).toEqual({ items: [all.items[1]], total: 2 });
      expect(Date.parse(all.items[0]!.createdAt)).toBeGreaterThanOrEqual(
        Date.parse(all.items[1]!.createdAt),
      );
      await db.pool.query(`UPDATE notifications SET read_at = now() WHERE id = $1`, [
        all.items[0]!.id,
      ]);
      expect(await listInbox(db.pool, me, { unread: true, limit: 50, offset: 0 })).toEqual({
        items: [all.items[1]],
        total: 1,
      });
    });
  });

  describe('webhooks', () => {
    async function subscribe(communityId: string, path: string): Promise<string> {
      const id = randomUUID();
      await db.pool.query(
        `INSERT INTO webhook_subscriptions (id, community_id, url, secret) VALUES ($1, $2, $3, $4)`,
        [id, communityId, `${hooksUrl}${path}`, HOOK_SECRET],
      );
      return id;
    }

    const deliveries = async (sourceEventId: string) =>
      (
        await db.pool.query<{ status: string; attempts: number; last_status: number | null }>(
          `SELECT status, attempts, last_status FROM webhook_deliveries WHERE source_event_id = $1`,
          [sourceEventId],
        )
      ).rows;

    it('a 500 is retried with backoff and then delivered, signed; the parent completes', async () => {
      const c = await community('重试社区');
      await member(c, ['party-member'], 'property-company');
      await subscribe(c, '/flaky');
      hookScripts.set('/flaky', [500, 503]);
      const r = request(c, { parties: ['property-company'] });
      const summary = await runFlow(r);
      expect(summary).toMatchObject({ failed: [] });
      expect(await deliveries(r.sourceEventId)).toEqual([
        { status: 'delivered', attempts: 3, last_status: 200 },
      ]);
      const calls = hookCalls.filter((h) => h.path === '/flaky');
      expect(calls).toHaveLength(3);
      for (const call of calls) {
        expect(verifyWebhook(HOOK_SECRET, call.body, call.signature).ok).toBe(true);
        expect(JSON.parse(call.body)).toMatchObject({
          id: call.eventId,
          sourceEventId: r.sourceEventId,
          kind: 'stage-entered',
          party: 'property-company',
          title: '案件进入「分析研判」阶段',
        });
      }
      expect(new Set(calls.map((call) => call.eventId)).size).toBe(1);
    });

    it('a 400 is dead-lettered at once, never retried, and never hangs the parent', async () => {
      const c = await community('死信社区');
      await member(c, ['party-member'], 'owners-committee');
      const good = await subscribe(c, '/good');
      const bad = await subscribe(c, '/rejects');
      hookScripts.set('/rejects', [400, 400, 400]);
      const r = request(c, { parties: ['owners-committee', 'property-company'] });
      const summary = (await runFlow(r)) as { failed: string[] };
      // The root ran: the party job completed, listing its failed (ignored) webhook child.
      expect(summary.failed).toEqual([]);
      expect(hookCalls.filter((h) => h.path === '/rejects')).toHaveLength(2); // one per party
      const webhookJob = await webhookQueue.getJob(
        notificationJobId(r, 'owners-committee', 'webhook'),
      );
      expect(await webhookJob!.getState()).toBe('failed');
      expect(webhookJob!.attemptsMade).toBe(1);
      const partyQueue = new Queue(QUEUES.notifications, {
        connection: connection('producer'),
        prefix,
      });
      const partyJob = await partyQueue.getJob(notificationJobId(r, 'owners-committee'));
      expect((partyJob!.returnvalue as { failed: string[] }).failed).toEqual([
        expect.stringContaining(notificationJobId(r, 'owners-committee', 'webhook')),
      ]);
      await partyQueue.close();
      const rows = (
        await db.pool.query<{ subscription_id: string; status: string; attempts: number }>(
          `SELECT subscription_id, status, attempts FROM webhook_deliveries
            WHERE source_event_id = $1 AND party = 'owners-committee'`,
          [r.sourceEventId],
        )
      ).rows;
      expect(rows.find((x) => x.subscription_id === good)).toMatchObject({ status: 'delivered' });
      expect(rows.find((x) => x.subscription_id === bad)).toMatchObject({
        status: 'dead',
        attempts: 1,
      });
      const dead = await listDeadLetters(db.pool, { communityId: c, limit: 10, offset: 0 });
      expect(dead.total).toBe(2);
      expect(dead.items[0]).toMatchObject({
        webhookId: bad,
        communityId: c,
        url: `${hooksUrl}/rejects`,
        sourceEventId: r.sourceEventId,
        attempts: 1,
        lastStatus: 400,
        lastError: 'HTTP 400 no',
      });
      // The inbox, a sibling of the dead webhook, was delivered.
      expect(await inboxRows(r.sourceEventId)).toHaveLength(1);
    });

    it('control: without a failure policy the same failed child leaves its parent waiting', async () => {
      const worker = new Worker(
        'hang-control',
        (job) => {
          if (job.name === 'child') throw new UnrecoverableError('dead');
          return Promise.resolve('parent ran');
        },
        { connection: connection('worker'), prefix },
      );
      const events = new QueueEvents('hang-control', { connection: connection('worker'), prefix });
      await events.waitUntilReady();
      const queue = new Queue('hang-control', { connection: connection('producer'), prefix });
      try {
        const flow = (policy: boolean) =>
          flows.add({
            name: 'parent',
            queueName: 'hang-control',
            children: [
              {
                name: 'child',
                queueName: 'hang-control',
                opts: policy ? { ignoreDependencyOnFailure: true } : {},
              },
            ],
          });
        const hanging = await flow(false);
        await expect(hanging.children![0]!.job.waitUntilFinished(events, 5_000)).rejects.toThrow(
          'dead',
        );
        await new Promise((r) => setTimeout(r, 300));
        expect(await hanging.job.getState()).toBe('waiting-children');
        const guarded = await flow(true);
        await expect(guarded.job.waitUntilFinished(events, 5_000)).resolves.toBe('parent ran');
      } finally {
        await worker.close();
        await events.close();
        await queue.obliterate({ force: true });
        await queue.close();
      }
    });

    it('retries used up: dead-lettered, and the parent still completes', async () => {
      const c = await community('超时社区');
      await member(c, ['party-member'], 'partner-units');
      await subscribe(c, '/down');
      hookScripts.set(
        '/down',
        Array.from({ length: 20 }, () => 503),
      );
      const r = request(c, { parties: ['partner-units'] });
      // A small attempt budget keeps the test short; the default is 12.
      const node = await flows.add(
        buildNotificationFlow(r, { ...DEFAULT_NOTIFICATION_FLOW_OPTIONS, webhookAttempts: 3 }),
      );
      await node.job.waitUntilFinished(queueEvents, 20_000);
      expect(await deliveries(r.sourceEventId)).toEqual([
        { status: 'dead', attempts: 3, last_status: 503 },
      ]);
    });
  });

  describe('SMS', () => {
    it('sends through the fake provider with a valid signature; a bad number is dead at once, a provider error retried', async () => {
      const c = await community('短信社区');
      await member(c, ['party-member'], 'property-company', '13800000001');
      await member(c, ['party-member'], 'property-company', '13800000002');
      await member(c, ['party-member'], 'property-company', '13800000003');
      await member(c, ['party-member'], 'property-company', null);
      smsScripts.set('13800000002', ['isv.MOBILE_NUMBER_ILLEGAL']);
      smsScripts.set('13800000003', ['isp.SYSTEM_ERROR']);
      const r = request(c, { parties: ['property-company'] });
      const summary = await runFlow(r);
      expect(summary).toMatchObject({ failed: [] });
      const rows = (
        await db.pool.query<{
          phone: string | null;
          status: string;
          attempts: number;
          last_error: string | null;
        }>(
          `SELECT phone, status, attempts, last_error FROM sms_deliveries
            WHERE source_event_id = $1 ORDER BY phone NULLS LAST`,
          [r.sourceEventId],
        )
      ).rows;
      expect(rows).toEqual([
        { phone: '13800000001', status: 'sent', attempts: 1, last_error: null },
        {
          phone: '13800000002',
          status: 'dead',
          attempts: 1,
          last_error: 'isv.MOBILE_NUMBER_ILLEGAL: fake isv.MOBILE_NUMBER_ILLEGAL',
        },
        { phone: '13800000003', status: 'sent', attempts: 2, last_error: null },
        { phone: null, status: 'skipped', attempts: 0, last_error: 'no phone number' },
      ]);
      const calls = smsCalls.filter((s) => s.phone.startsWith('1380000000'));
      expect(calls).toHaveLength(4); // 1, 2 once; 3 twice
      expect(calls.every((s) => s.signatureOk)).toBe(true);
      expect(calls[0]!.params).toEqual({
        case: '12号楼2单元下水道反复堵塞',
        party: '物业服务企业',
        stage: '分析研判',
        deadline: '2026年3月5日 18:00',
      });
      const smsJob = await smsQueue.getJob(notificationJobId(r, 'property-company', 'sms'));
      expect(await smsJob!.getState()).toBe('failed');
    });

    it('a wrong secret is refused by the provider and not retried', async () => {
      const c = await community('密钥社区');
      await member(c, ['party-member'], 'owners-committee', '13900000001');
      const r = request(c, { parties: ['owners-committee'] });
      const wrong: SmsChannel = {
        sender: new AliyunSmsSender({
          endpoint: `${smsUrl}/`,
          accessKeyId: SMS_KEY_ID,
          accessKeySecret: 'not-the-secret',
          signName: '议事平台',
        }),
        templateCodes: { 'stage-entered': 'SMS_100001' },
      };
      const result = await deliverSms(db.pool, wrong, r, 'owners-committee', {
        maxAttempts: 5,
        finalAttempt: false,
      });
      expect(result).toEqual({ sent: 0, skipped: 0, dead: 1, pending: 0 });
    });

    it('with no provider (SMS_PROVIDER=none) deliveries are recorded as skipped, not failed', async () => {
      const c = await community('无短信社区');
      await member(c, ['party-member'], 'owners-committee', '13700000001');
      const r = request(c, { parties: ['owners-committee'] });
      const none: SmsChannel = { sender: undefined, templateCodes: {} };
      const result = await deliverSms(db.pool, none, r, 'owners-committee', {
        maxAttempts: 5,
        finalAttempt: false,
      });
      expect(result).toEqual({ sent: 0, skipped: 1, dead: 0, pending: 0 });
      const { rows } = await db.pool.query<{ last_error: string }>(
        `SELECT last_error FROM sms_deliveries WHERE source_event_id = $1`,
        [r.sourceEventId],
      );
      expect(rows[0]!.last_error).toBe('no SMS provider configured (SMS_PROVIDER=none)');
    });
  });
});
