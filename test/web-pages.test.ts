import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { type Server } from 'node:http';
import path from 'node:path';
import { type Page } from 'playwright-core';
import {
  addWorkingDays,
  type CaseCommand,
  formatChineseDate,
  isWorkingDay,
  type Party,
  shanghaiDateOf,
} from '@yishi/domain';
import { CaseRepository } from '@yishi/cases';
import { client, login } from './support/api';
import {
  artifactsDir,
  BrowserPages,
  ensureWebBuild,
  launchChromium,
  listenLocally,
  PHONE,
  screenshot,
} from './support/browser';
import { caseInFollowUp } from './support/case-fixture';
import { type TestDatabase } from './support/database';
import { startDemoPlatform, type TestPlatform } from './support/platform';
import { until } from './support/wait';

/*
 * Issue 19, item 10, in Chromium at phone size (390×844): a task's due date counted in working
 * days, a closed case's archive (PDF and HTML), an oversize photo refused before it is sent, the
 * 各方签收 table readable, the statistics page's dates in Chinese form (on an English-language
 * browser) and its stage durations in hours. Screenshots under test/artifacts/web-pages/.
 */

const MAX_UPLOAD = 64 * 1024;
const SCOPE = { estate: '金泰和庄', building: '12号楼', entrance: '2单元' };
const VOTER = 'yezhu-12-2-301';

describe('web pages at phone size: due dates, archive, uploads, 签收, statistics', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let base: string;
  let pages: BrowserPages;
  let artifacts: string;
  let communityId: string;
  let caseId: string;
  const tokens: Record<string, string> = {};
  const as = (who: string) => client(server, tokens[who]);

  beforeAll(async () => {
    ensureWebBuild();
    artifacts = artifactsDir('web-pages');
    ({ db, platform, server } = await startDemoPlatform(
      'web_pages',
      { EVIDENCE_MAX_BYTES: String(MAX_UPLOAD) },
      { webApp: true },
    ));
    base = await listenLocally(server);
    for (const who of ['shuji', 'wuye', VOTER]) tokens[who] = await login(server, who);
    communityId = (
      (await as('shuji').get('/me').expect(200)).body as { memberships: { communityId: string }[] }
    ).memberships[0]!.communityId;
    const voterId = ((await as(VOTER).get('/me').expect(200)).body as { id: string }).id;
    ({ caseId } = await caseInFollowUp({
      store: platform.runtime.store,
      pool: db.pool,
      communityId,
      scope: SCOPE,
      voterId,
      leadParty: 'property-company',
      assigneeParty: 'property-company',
    }));
    pages = new BrowserPages(await launchChromium(), base);
  }, 120_000);

  afterAll(async () => {
    await pages?.close();
    await platform?.close();
    await db?.drop();
  });

  /** A phone; English-language by default, as the phone in the issue was. */
  const phone = (who: string, locale = 'en-US'): Promise<Page> =>
    pages.signedIn(who, { viewport: PHONE, locale, reducedMotion: 'reduce' });
  const shot = (page: Page, name: string) => screenshot(page, artifacts, name);
  const tasks = async () =>
    (
      (await as('shuji').get(`/cases/${caseId}`).expect(200)).body as {
        tasks: { id: string; title: string; dueAt: string }[];
      }
    ).tasks;

  it('counts a task’s due date in working days, as the API does', async () => {
    const page = await phone('shuji');
    await page.goto(`${base}/cases/${caseId}`);
    const form = page.getByRole('form', { name: '分派任务' });
    await form.getByRole('textbox', { name: '任务' }).fill('清理化粪池');
    await form.getByLabel('负责方').selectOption('property-company');
    // The form's one number: how many days (working days, the label says).
    await form.getByRole('spinbutton').fill('5');
    const before = new Date().toISOString();
    const expected = shanghaiDateOf(addWorkingDays(before, 5));
    await form.getByRole('button', { name: '分派任务' }).click();
    await page.getByText('任务已分派').waitFor();
    let dueAt = '';
    await until(
      async () =>
        (dueAt = (await tasks()).find((t) => t.title === '清理化粪池')?.dueAt ?? '') !== '',
      10_000,
      'the task in the case view',
    );
    expect(isWorkingDay(shanghaiDateOf(dueAt))).toBe(true);
    expect(shanghaiDateOf(dueAt)).toBe(expected);
    // The form says the date too, by the same calendar, and that it counts working days.
    await form.getByLabel('几个工作日内完成').waitFor();
    await form
      .getByTestId('working-days-due')
      .getByText(`截止 ${formatChineseDate(addWorkingDays(before, 5))}`)
      .waitFor();
    await shot(page, 'phone-task-due');
  });

  it('refuses a photo over the upload limit before sending it, and sends one under it', async () => {
    const page = await phone('wuye');
    const uploads: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/evidence')) uploads.push(r.url());
    });
    await page.goto(`${base}/cases/${caseId}`);
    const album = page.getByLabel('从相册选择').first();
    await album.setInputFiles({
      name: '现场大图.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100 * 1024, 7)]),
    });
    await page.getByText('文件太大了（100 KB），不能超过 64 KB').first().waitFor();
    expect(uploads).toEqual([]);
    await shot(page, 'phone-upload-too-large');
    await album.setInputFiles({
      name: '现场.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]),
    });
    await page.getByText('照片已上传，报告进度时一并提交').first().waitFor();
    expect(uploads).toHaveLength(1);
  });

  it('shows 各方签收 on a phone with every value on one line', async () => {
    const page = await phone('shuji');
    await page.goto(`${base}/cases/${caseId}`);
    const table = page.getByRole('table', { name: '各方在各阶段的签收情况' });
    await table.getByTestId('ack-property-company').waitFor();
    // Lines of text in each cell: one per distinct top of the text's boxes.
    const cells = await table.locator('tbody th, tbody td').evaluateAll((elements) =>
      elements.map((e) => {
        const doc = (e as unknown as { ownerDocument: { createRange(): unknown } }).ownerDocument;
        const range = doc.createRange() as {
          selectNodeContents(n: unknown): void;
          getClientRects(): ArrayLike<{ top: number; width: number }>;
        };
        range.selectNodeContents(e);
        const tops = new Set(
          Array.from(range.getClientRects())
            .filter((r) => r.width > 0)
            .map((r) => Math.round(r.top)),
        );
        return { text: (e as unknown as { textContent: string }).textContent, lines: tops.size };
      }),
    );
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells.filter((c) =>
      /^(待签收|已签收|逾期未签收|已吹哨|可选参与|—)$/.test(c.text),
    ))
      expect(cell).toEqual({ text: cell.text, lines: 1 });
    for (const cell of cells.filter((c) =>
      /^(社区党组织|业主委员会|物业服务企业|居民代表|共建单位)/.test(c.text),
    ))
      expect(cell).toEqual({ text: cell.text, lines: 1 });
    // A time fits on one line, and the page does not scroll sideways.
    for (const cell of cells.filter((c) => /^\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d$/.test(c.text)))
      expect(cell).toEqual({ text: cell.text, lines: 1 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBe(PHONE.width);
    await table.screenshot({ path: path.join(artifacts, 'phone-parties.png') });
  });

  it('links a closed case to its archive, as a PDF and a printable page', async () => {
    await as('shuji')
      .post(`/cases/${caseId}/close`, { outcome: 'unresolved', reason: '资金未落实' })
      .expect(200);
    await until(
      async () =>
        ((await as('shuji').get(`/cases/${caseId}`)).body as { status?: string }).status ===
        'closed',
      10_000,
      'closed',
    );
    const page = await phone(VOTER);
    await page.goto(`${base}/cases/${caseId}`);
    const archive = page.getByRole('region', { name: '协商档案' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      archive.getByRole('button', { name: '下载协商档案 PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^协商档案-.*\.pdf$/);
    const file = await download.path();
    expect(execFileSync('head', ['-c', '5', file]).toString()).toBe('%PDF-');
    const [popup] = await Promise.all([
      page.context().waitForEvent('page'),
      archive.getByRole('button', { name: '查看协商档案（网页，可打印）' }).click(),
    ]);
    await popup.getByText('一、基本情况').waitFor();
    await popup.getByText('线上提交').first().waitFor();
    await shot(page, 'phone-case-closed');
  });

  it('reads the statistics dates in Chinese form and the stage durations in hours', async () => {
    // A case opened on Tuesday 1 December 2026 at 09:00 (Beijing time) that left gathering at
    // 14:00: 5 hours of working time, written through the decider with that clock.
    const id = randomUUID();
    const cases = platform.app.get(CaseRepository);
    const at = (iso: string) => () => iso;
    const run = (command: CaseCommand, when: string, party?: Party) =>
      cases.execute(id, command, {
        actorId: 'test-stats',
        now: at(when),
        ...(party === undefined ? {} : { party }),
      });
    await run(
      {
        type: 'OpenCase',
        data: {
          caseId: id,
          communityId,
          mechanism: 'neighbourhood-consultation',
          title: '统计用案件',
          description: '',
          category: '测试',
          scope: SCOPE,
          settings: {
            acknowledgementHours: 48,
            reminderBeforeHours: 24,
            noticePeriodHours: 0,
            evaluationWindowHours: 168,
            satisfactionThreshold: { numerator: 2, denominator: 3 },
          },
        },
      },
      '2026-12-01T09:00:00+08:00',
    );
    await run(
      { type: 'SubmitDemand', data: { demandId: randomUUID(), content: '诉求', source: 'online' } },
      '2026-12-01T09:30:00+08:00',
    );
    const { state } = await cases.load(id);
    for (const party of state!.parties.filter((p) => p.required).map((p) => p.party))
      await run(
        { type: 'Acknowledge', data: { party, stage: 'gathering' } },
        '2026-12-01T10:00:00+08:00',
        party,
      );
    await run({ type: 'EvaluateAdvance', data: { to: 'analysis' } }, '2026-12-01T14:00:00+08:00');
    expect((await cases.load(id)).state?.stage).toBe('analysis');

    const page = await phone('shuji');
    await page.goto(`${base}/stats`);
    await page.getByRole('img', { name: /^立项与办结/ }).waitFor();
    // No native date input (it follows the browser's locale: mm/dd/yyyy here), but 年/月/日.
    expect(await page.locator('input[type="date"]').count()).toBe(0);
    for (const label of ['立项日期从', '到']) {
      await page.getByLabel(`${label}：年`, { exact: true }).selectOption('2026');
      await page.getByLabel(`${label}：月`, { exact: true }).selectOption('12');
      await page.getByLabel(`${label}：日`, { exact: true }).selectOption('1');
    }
    const shown = await page
      .getByRole('group', { name: '立项日期从' })
      .locator('select')
      .evaluateAll((selects) =>
        selects
          .map((s) => {
            const select = s as unknown as { selectedOptions: ArrayLike<{ textContent: string }> };
            return select.selectedOptions[0]?.textContent ?? '';
          })
          .join(''),
      );
    expect(shown).toBe('2026年12月1日');
    await page.getByRole('button', { name: '查询' }).click();
    const chart = page.getByRole('img', { name: /^各阶段平均用时：了解诉求 5 小时/ });
    await chart.waitFor();
    await page.getByRole('heading', { name: '各阶段平均用时（小时）' }).waitFor();
    const texts = (
      await page.getByTestId('chart-stages').locator('svg text').allTextContents()
    ).map((t) => t.trim());
    expect(texts).toContain('5小时');
    expect(texts).not.toContain('0.0');
    // The scale is in hours too (its ticks are round numbers of hours).
    expect(texts.some((t) => /^[1-9]\d*小时$/.test(t))).toBe(true);
    await shot(page, 'phone-stats');
  });
});
