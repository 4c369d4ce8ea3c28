import { type Server } from 'node:http';
import { formatChineseTime } from '@yishi/domain';
import { PARTY_ACCOUNTS, rawBytes } from './support/api';
import { caseInDeliberation } from './support/case-fixture';
import { type TestDatabase } from './support/database';
import { httpActors } from './support/http-actors';
import { pdfText } from './support/pdf';
import { startDemoPlatform, type TestPlatform } from './support/platform';

/*
 * Issue 19, items 5 and 7: what people read carries no code and no ISO time. A gate's refusal names
 * its time in China Standard Time, Chinese form; the archive (HTML and PDF), the publication and the
 * statistics CSV say every code in Chinese, from the one label table (libs/domain/src/labels.ts).
 */

const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
/** Codes that once showed in the archive and the exports; none may be read by a person. */
const CODES = [
  'online',
  'civil-code-278',
  'ordinary',
  'simple-majority',
  'five-party-hall',
  'property-company',
  'CaseOpened',
  'DemandSubmitted',
  'ResolutionDrafted',
  'CaseClosed',
];

const text = (res: { text?: string; body: unknown }): string =>
  typeof res.body === 'string' ? res.body : (res.text ?? '');
const asString = <T extends { buffer(v: boolean): T; parse(p: unknown): T }>(req: T): T =>
  req.buffer(true).parse((res: NodeJS.ReadableStream, cb: (e: null, d: string) => void) => {
    let data = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (data += chunk));
    res.on('end', () => cb(null, data));
  });

describe('words people read: Chinese labels and China Standard Time', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let communityId: string;
  const { as, signIn, waitFor, acknowledge, view } = httpActors(() => server);

  beforeAll(async () => {
    ({ db, platform, server } = await startDemoPlatform('words'));
    await signIn('shuji', 'yezhu-12-2-301', ...Object.values(PARTY_ACCOUNTS));
    communityId = (
      (await as('shuji').get('/me').expect(200)).body as { memberships: { communityId: string }[] }
    ).memberships[0]!.communityId;
  }, 60_000);
  afterAll(async () => {
    await platform.close();
    await db.drop();
  });

  it('tells a client the upload limit (GET /me), so it can refuse a larger file before sending', async () => {
    const me = await as('shuji').get('/me').expect(200);
    expect((me.body as { limits: unknown }).limits).toEqual({ uploadMaxBytes: 10 * 1024 * 1024 });
  });

  it('refuses an advance before the notice period ends with the time in Chinese CST, not ISO', async () => {
    await as('shuji')
      .patch(`/communities/${communityId}/settings`, { noticePeriodHours: 72 })
      .expect(200);
    const opened = await as('shuji')
      .post(`/communities/${communityId}/cases`, {
        mechanism: 'neighbourhood-consultation',
        title: '12号楼2单元楼道照明',
        description: '楼道灯坏了',
        category: '设施维修',
        scope: { estate: '金泰和庄', building: '12号楼', entrance: '2单元' },
      })
      .expect(201);
    const caseId = (opened.body as { id: string }).id;
    const parties = ['party-organisation', 'resident-representatives'] as const;
    await as('yezhu-12-2-301')
      .post(`/cases/${caseId}/demands`, { content: '楼道灯不亮', source: 'online' })
      .expect(201);
    await acknowledge(caseId, 'gathering', parties);
    await as('shuji').post(`/cases/${caseId}/advance`, { to: 'analysis' }).expect(202);
    await waitFor(caseId, 'analysis', (c) => c.stage === 'analysis');
    await as('shuji')
      .post(`/cases/${caseId}/analysis`, {
        summary: '灯具老化',
        leadParty: 'property-company',
        options: [{ title: '更换灯具', description: '物业更换' }],
      })
      .expect(201);
    await acknowledge(caseId, 'analysis', parties);
    await as('shuji').post(`/cases/${caseId}/advance`, { to: 'deliberation' }).expect(202);
    await waitFor(caseId, 'the advance refused', (c) => c.lastAdvanceRejection !== null);
    const c = await view(caseId);
    const unmet = c.lastAdvanceRejection!.unmet.find((u) => u.condition === 'notice-period')!;
    const endsAt = c.notice!.noticePeriodEndsAt;
    expect(unmet.message).toBe(`公告期未满，${formatChineseTime(endsAt)} 后方可进入议事会商`);
    expect(unmet.message).toMatch(/^公告期未满，\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d 后/);
    expect(unmet.message).not.toMatch(ISO);
    // The ISO instant stays in the machine-readable part.
    expect((unmet as { until?: string }).until).toBe(endsAt);
    await as('shuji')
      .patch(`/communities/${communityId}/settings`, { noticePeriodHours: 0 })
      .expect(200);
  });

  it('shows no code in the archive (HTML and PDF), the publication and the statistics CSV', async () => {
    const caseId = await caseInDeliberation({
      store: platform.runtime.store,
      communityId,
      scope: { estate: '金泰和庄', building: '12号楼', entrance: '2单元' },
      title: '12号楼2单元加装电梯',
    });
    await waitFor(caseId, 'deliberation', (c) => c.stage === 'deliberation');
    const drafted = await as('shuji')
      .post(`/cases/${caseId}/resolutions`, {
        title: '关于12号楼2单元加装电梯的决议',
        text: '使用专项维修资金加装电梯。',
        rule: 'civil-code-278',
        matter: 'ordinary',
        closesAt: new Date(Date.now() + 3_600_000).toISOString(),
      })
      .expect(201);
    const resolutionId = (drafted.body as { id: string }).id;
    // Too few owners take part: the vote fails and its result is published.
    await as('shuji').post(`/resolutions/${resolutionId}/close`).expect(200);
    await waitFor(caseId, 'the vote counted', (c) =>
      c.resolutions.some((r) => r.id === resolutionId && r.status === 'failed'),
    );
    await as('shuji')
      .post(`/cases/${caseId}/close`, { outcome: 'unresolved', reason: '业主参与不足' })
      .expect(200);
    await waitFor(caseId, 'closed', (c) => c.status === 'closed');

    const html = text(await as('shuji').get(`/cases/${caseId}/archive/html`).expect(200));
    const pdf = await as('shuji')
      .get(`/cases/${caseId}/archive/pdf`)
      .buffer(true)
      .parse(rawBytes)
      .expect(200);
    const pdfWords = (await pdfText(pdf.body as Buffer)).replace(/\s/g, '');
    const publication = text(
      await asString(as('shuji').get(`/resolutions/${resolutionId}/publication.csv`)).expect(200),
    );
    const publicationHtml = text(
      await as('shuji').get(`/resolutions/${resolutionId}/publication?format=html`).expect(200),
    );
    const stats = text(
      await asString(
        as('shuji').get(
          `/communities/${communityId}/stats/export?from=${encodeURIComponent('2026-01-01T00:00:00+08:00')}`,
        ),
      ).expect(200),
    );

    // The archive: the channel, the rule with its matter, the mechanism, the event types in Chinese.
    for (const words of [
      '线上提交',
      '民法典第二百七十八条·一般事项',
      '五方议事厅',
      '案件立项',
      '案件销号',
      '未通过',
    ])
      expect({ where: 'html', has: words, ok: html.includes(words) }).toEqual({
        where: 'html',
        has: words,
        ok: true,
      });
    // (A table cell's text wraps, so the PDF's text interleaves neighbouring cells: short phrases.)
    for (const words of ['线上提交', '民法典第二百七十八', '一般事项', '案件立项', '案件销号'])
      expect({ where: 'pdf', has: words, ok: pdfWords.includes(words) }).toEqual({
        where: 'pdf',
        has: words,
        ok: true,
      });
    expect(publication).toContain('民法典第二百七十八条·一般事项');
    expect(publicationHtml).toContain('民法典第二百七十八条·一般事项');
    expect(stats).toContain('2026年1月1日 00:00');

    const visible = {
      html: html.replace(/<[^>]*>/g, ' '),
      pdf: pdfWords,
      publication,
      publicationHtml: publicationHtml.replace(/<[^>]*>/g, ' '),
      stats,
    };
    for (const [where, words] of Object.entries(visible)) {
      const codes = CODES.filter((code) =>
        new RegExp(`(^|[^A-Za-z-])${code}([^A-Za-z-]|$)`).test(words),
      );
      expect({ where, codes }).toEqual({ where, codes: [] });
      expect({ where, iso: ISO.exec(words)?.[0] ?? null }).toEqual({ where, iso: null });
    }
  });
});
