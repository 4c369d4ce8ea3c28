import { randomUUID } from 'node:crypto';
import { type FlowProducer, Queue, QueueEvents, UnrecoverableError, Worker } from 'bullmq';
import { QUEUES } from '@yishi/messaging';
import { type TestDatabase } from '../../../test/support/database';
import {
  AliyunSmsSender,
  buildNotificationFlow,
  DEFAULT_NOTIFICATION_FLOW_OPTIONS,
  deliverSms,
  listDeadLetters,
  notificationJobId,
  verifyWebhook,
  type SmsChannel,
} from './index';
import { SMS_KEY_ID, useNotificationFlow } from './notification-flow.fixtures';

/**
 * The fan-out's channels end to end (see notifications.test.ts): webhooks signed and retried, and
 * SMS through a fake Alibaba Cloud API.
 */

describe('notification fan-out: webhooks and SMS (real PostgreSQL and Redis)', () => {
  const flow = useNotificationFlow('notification-channels');
  const {
    prefix,
    hookScripts,
    hookCalls,
    HOOK_SECRET,
    smsScripts,
    smsCalls,
    connection,
    community,
    member,
    request,
    runFlow,
    inboxRows,
  } = flow;
  let db: TestDatabase;
  let flows: FlowProducer;
  let queueEvents: QueueEvents;
  let webhookQueue: Queue;
  let smsQueue: Queue;
  let hooksUrl: string;
  let smsUrl: string;
  beforeAll(() => {
    ({ db, flows, queueEvents, webhookQueue, smsQueue, hooksUrl, smsUrl } = flow);
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
