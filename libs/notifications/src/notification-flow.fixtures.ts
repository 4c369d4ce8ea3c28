import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { FlowProducer, Queue, QueueEvents, Worker } from 'bullmq';
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
  channelWorkerSettings,
  createNotificationProcessor,
  type SmsChannel,
} from './index';

/*
 * What the notification flow tests share: the fan-out's workers on real PostgreSQL and Redis (a
 * BullMQ prefix of its own), a local webhook receiver and a fake Alibaba Cloud SMS API that answer
 * from scripts and keep what they got, and the steps that add members and run a flow.
 */

export const SMS_KEY_ID = 'LTAI-test-key';
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

/** Registers the beforeAll that starts the workers and the fake receivers, and the afterAll. */
export function useNotificationFlow(label: string) {
  let db: TestDatabase;
  const prefix = testQueuePrefix(label);
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

  return {
    get db() {
      return db;
    },
    get flows() {
      return flows;
    },
    get queueEvents() {
      return queueEvents;
    },
    get webhookQueue() {
      return webhookQueue;
    },
    get smsQueue() {
      return smsQueue;
    },
    get retryQueue() {
      return retryQueue;
    },
    get hooksUrl() {
      return hooksUrl;
    },
    get smsUrl() {
      return smsUrl;
    },
    prefix,
    connections,
    workers,
    hookScripts,
    hookCalls,
    HOOK_SECRET,
    smsScripts,
    smsCalls,
    smsChannel,
    connection,
    community,
    member,
    request,
    runFlow,
    inboxRows,
  };
}
