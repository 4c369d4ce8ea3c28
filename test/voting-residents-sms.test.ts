import { createServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type Server } from 'node:http';
import { caseInDeliberation } from './support/case-fixture';
import { type TestDatabase } from './support/database';
import { httpActors } from './support/http-actors';
import { startDemoPlatform, type TestPlatform } from './support/platform';
import { until } from './support/wait';

/*
 * Issue 19: where SMS is in use (a provider, and a template for `voting-opened` in
 * SMS_TEMPLATE_CODES), the owners called to vote and the building lead are texted too, through a
 * fake Alibaba Cloud SMS API; owners outside the electorate are not. Issue 22: a department's
 * members are texted a new whistle where `whistle-issued` has a template.
 */

const TEMPLATE = 'SMS_200001';
const WHISTLE_TEMPLATE = 'SMS_200002';

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => resolve(body));
  });

describe('residents and voting: the call to vote by SMS where a template is set (HTTP)', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let smsApi: HttpServer;
  const texts: { phone: string; template: string; params: Record<string, string> }[] = [];
  const { as, signIn } = httpActors(() => server);

  beforeAll(async () => {
    smsApi = createServer((req, res) => {
      void readBody(req).then((body) => {
        const p = Object.fromEntries(new URLSearchParams(body).entries());
        texts.push({
          phone: p.PhoneNumbers ?? '',
          template: p.TemplateCode ?? '',
          params: JSON.parse(p.TemplateParam ?? '{}') as Record<string, string>,
        });
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ Code: 'OK', Message: 'OK', BizId: `biz-${texts.length}` }));
      });
    });
    await new Promise<void>((resolve) => smsApi.listen(0, '127.0.0.1', resolve));
    const { port } = smsApi.address() as AddressInfo;
    ({ db, platform, server } = await startDemoPlatform('voting-residents-sms', {
      RECONCILE_EVERY_MS: String(3_600_000),
      SMS_PROVIDER: 'aliyun',
      SMS_ENDPOINT: `http://127.0.0.1:${port}/`,
      SMS_ACCESS_KEY_ID: 'test-key',
      SMS_ACCESS_KEY_SECRET: 'test-secret',
      SMS_SIGN_NAME: '议事平台',
      SMS_TEMPLATE_CODES: `voting-opened=${TEMPLATE},whistle-issued=${WHISTLE_TEMPLATE}`,
    }));
  }, 90_000);

  afterAll(async () => {
    await platform.close();
    await db.drop();
    await new Promise((resolve) => smsApi.close(resolve));
  });

  it('texts the owners with a phone number and the lead; not an owner elsewhere', async () => {
    await signIn('shuji');
    const communityId = (
      (await as('shuji').get('/me').expect(200)).body as { memberships: { communityId: string }[] }
    ).memberships[0]!.communityId;
    const phones: Record<string, string> = {
      'yezhu-12-2-301': '13812000301',
      'yezhu-12-1-101': '13812000101',
      loudongzhang: '13812000000',
      // An owner elsewhere: not in this vote, nor in the demo's own open vote (11号楼), which
      // would rightly text them.
      'yezhu-10-1-101': '13811000101',
    };
    for (const [username, phone] of Object.entries(phones))
      await db.pool.query(`UPDATE users SET phone = $2 WHERE username = $1`, [username, phone]);
    const caseId = await caseInDeliberation({
      store: platform.runtime.store,
      communityId,
      scope: { estate: '金泰和庄', building: '12号楼', entrance: null },
      title: '12号楼屋面防水',
    });
    await as('shuji')
      .post(`/cases/${caseId}/resolutions`, {
        title: '关于12号楼屋面防水的决议',
        text: '使用维修资金重做屋面防水。',
        rule: 'simple-majority',
        matter: 'ordinary',
        closesAt: new Date(Date.now() + 2 * 3_600_000).toISOString(),
      })
      .expect(201);
    const rows = async () =>
      (
        await db.pool.query<{ phone: string | null; status: string; party: string | null }>(
          `SELECT d.phone, d.status, d.party FROM sms_deliveries d
            WHERE d.kind = 'voting-opened' AND d.community_id = $1 AND d.params->>'case' = $2`,
          [communityId, '12号楼屋面防水'],
        )
      ).rows;
    // 24 owners of 12号楼 and its lead: a row each; sent where there is a phone number. (The demo's
    // own open vote, seeded at start, has rows of its own: they name another case.)
    await until(
      async () => {
        const all = await rows();
        return all.length === 25 && all.every((r) => r.status !== 'pending');
      },
      20_000,
      'the SMS rows of voting-opened',
    );
    const all = await rows();
    expect(all.filter((r) => r.status === 'sent').map((r) => r.phone)).toEqual(
      expect.arrayContaining(['13812000301', '13812000101', '13812000000']),
    );
    expect(all.filter((r) => r.status === 'sent')).toHaveLength(3);
    expect(all.filter((r) => r.status === 'skipped')).toHaveLength(22);
    expect(new Set(all.map((r) => r.party))).toEqual(new Set([null]));
    const sent = texts.filter((t) => t.template === TEMPLATE && t.params.case === '12号楼屋面防水');
    expect(sent.map((t) => t.phone).sort()).toEqual(
      ['13812000000', '13812000101', '13812000301'].sort(),
    );
    expect(sent[0]!.params).toEqual({
      case: '12号楼屋面防水',
      subject: '关于12号楼屋面防水的决议',
      deadline: expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/) as unknown,
    });
    expect(texts.map((t) => t.phone)).not.toContain('13811000101');
  });

  it("texts a new whistle to the department's members with a phone number", async () => {
    await signIn('shuji', 'jiedao');
    const communityId = (
      (await as('shuji').get('/me').expect(200)).body as { memberships: { communityId: string }[] }
    ).memberships[0]!.communityId;
    const streetId = (
      (await as('shuji').get(`/communities/${communityId}`).expect(200)).body as {
        streetId: string;
      }
    ).streetId;
    const chengguan = (
      (await as('jiedao').get(`/streets/${streetId}`).expect(200)).body as {
        departments: { id: string; name: string }[];
      }
    ).departments.find((d) => d.name === '城管执法中队')!.id;
    await db.pool.query(`UPDATE users SET phone = '13900000001' WHERE username = 'chengguan'`);
    await as('shuji')
      .post(`/communities/${communityId}/whistles`, {
        subject: '学苑路占道经营',
        description: '早市摊点占用人行道',
        departmentIds: [chengguan],
      })
      .expect(201);
    const rows = async () =>
      (
        await db.pool.query<{ phone: string | null; status: string }>(
          `SELECT phone, status FROM sms_deliveries
            WHERE kind = 'whistle-issued' AND params->>'case' = '学苑路占道经营'`,
        )
      ).rows;
    // chengguan and chengguan2 (no phone number): a row each.
    await until(
      async () => {
        const all = await rows();
        return all.length === 2 && all.every((r) => r.status !== 'pending');
      },
      20_000,
      'the SMS rows of whistle-issued',
    );
    expect((await rows()).map((r) => `${r.phone ?? '无号码'} ${r.status}`).sort()).toEqual([
      '13900000001 sent',
      '无号码 skipped',
    ]);
    const [text] = texts.filter((t) => t.template === WHISTLE_TEMPLATE);
    expect(text).toEqual({
      phone: '13900000001',
      template: WHISTLE_TEMPLATE,
      params: {
        case: '学苑路占道经营',
        deadline: expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/) as unknown,
      },
    });
  });
});
