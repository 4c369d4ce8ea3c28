import { type Server } from 'node:http';
import {
  artifactsDir,
  BrowserPages,
  ensureWebBuild,
  launchChromium,
  listenLocally,
  PHONE,
  screenshot,
} from './support/browser';
import { type TestDatabase } from './support/database';
import { startDemoPlatform, type TestPlatform } from './support/platform';

/*
 * A form sent with a mistake, corrected and sent again, on a phone (390 × 844), in Chromium: the
 * corrected form goes through without a reload (issue 19: the first answer, a 400, bound the form's
 * Idempotency-Key, and the corrected body got 422 "请刷新页面后重新提交").
 */

describe('web app: a corrected form is sent', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let base: string;
  let pages: BrowserPages;
  let artifacts: string;

  beforeAll(async () => {
    ensureWebBuild();
    artifacts = artifactsDir('web');
    ({ db, platform, server } = await startDemoPlatform('web-forms', {}, { webApp: true }));
    base = await listenLocally(server);
    pages = new BrowserPages(await launchChromium({ quietNetwork: true }), base);
  });
  afterAll(async () => {
    await pages?.close();
    await new Promise((resolve) => server.close(resolve));
    await platform.close();
    await db.drop();
  });

  it('a new case refused for its blank title is opened once the title is filled in', async () => {
    const page = await pages.signedIn('shuji', {
      viewport: PHONE,
      locale: 'zh-CN',
      reducedMotion: 'reduce',
    });
    await page.goto(`${base}/console/new`);

    const sent: { key: string | undefined; status: number }[] = [];
    page.on('response', (res) => {
      const req = res.request();
      if (req.method() === 'POST' && req.url().endsWith('/cases'))
        sent.push({ key: req.headers()['idempotency-key'], status: res.status() });
    });
    // Spaces pass the browser's `required`; the server trims them and refuses the empty title.
    await page.getByLabel('标题').fill('   ');
    await page.getByLabel('情况描述').fill('地下车库入口的照明坏了，晚上很黑。');
    await page.getByLabel('小区', { exact: true }).selectOption('金泰和庄');
    await page.getByRole('button', { name: '立项' }).click();
    const error = page.getByRole('alert');
    await error.waitFor();
    expect(await error.textContent()).not.toContain('刷新');
    await screenshot(page, artifacts, 'phone-form-refused');

    // Corrected in place (what was typed is kept), sent again: opened, no reload.
    expect(await page.getByLabel('情况描述').inputValue()).toBe(
      '地下车库入口的照明坏了，晚上很黑。',
    );
    await page.getByLabel('标题').fill('地下车库照明维修');
    await page.getByRole('button', { name: '立项' }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: '地下车库照明维修' }).waitFor();
    await screenshot(page, artifacts, 'phone-form-corrected');

    expect(sent.map((s) => s.status)).toEqual([400, 201]);
    // The corrected body went under a key of its own.
    expect(sent[0]!.key).toBeDefined();
    expect(sent[1]!.key).toBeDefined();
    expect(sent[1]!.key).not.toBe(sent[0]!.key);
    await page.context().close();
  });
});
