import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { type AddressInfo } from 'node:net';
import path from 'node:path';
import { type Server } from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';
import { webBuildDirectory } from '@yishi/platform';
import { type TestDatabase } from './support/database';
import { startDemoPlatform, type TestPlatform } from './support/platform';

/*
 * A form sent with a mistake, corrected and sent again, on a phone (390 × 844), in Chromium: the
 * corrected form goes through without a reload (issue 19: the first answer, a 400, bound the form's
 * Idempotency-Key, and the corrected body got 422 "请刷新页面后重新提交").
 */
const ROOT = path.join(__dirname, '..');
const ARTIFACTS = path.join(ROOT, 'test', 'artifacts', 'web');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('web app: a corrected form is sent', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(path.join(webBuildDirectory(), 'index.html')))
      execFileSync('npm', ['run', 'build:web', '--silent'], { cwd: ROOT, stdio: 'inherit' });
    if (!existsSync(CHROMIUM))
      throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does)`);
    mkdirSync(ARTIFACTS, { recursive: true });
    ({ db, platform, server } = await startDemoPlatform('web-forms', {}, { webApp: true }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server.close(resolve));
    await platform.close();
    await db.drop();
  });

  async function phone(): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return page;
  }

  it('a new case refused for its blank title is opened once the title is filled in', async () => {
    const page = await phone();
    await page.goto(`${base}/`);
    await page.getByLabel('用户名').fill('shuji');
    await page.getByLabel('密码').fill('yishi-demo');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('button', { name: '退出' }).waitFor();
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
    await page.screenshot({ path: path.join(ARTIFACTS, 'phone-form-refused.png'), fullPage: true });

    // Corrected in place (what was typed is kept), sent again: opened, no reload.
    expect(await page.getByLabel('情况描述').inputValue()).toBe(
      '地下车库入口的照明坏了，晚上很黑。',
    );
    await page.getByLabel('标题').fill('地下车库照明维修');
    await page.getByRole('button', { name: '立项' }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: '地下车库照明维修' }).waitFor();
    await page.screenshot({
      path: path.join(ARTIFACTS, 'phone-form-corrected.png'),
      fullPage: true,
    });

    expect(sent.map((s) => s.status)).toEqual([400, 201]);
    // The corrected body went under a key of its own.
    expect(sent[0]!.key).toBeDefined();
    expect(sent[1]!.key).toBeDefined();
    expect(sent[1]!.key).not.toBe(sent[0]!.key);
    await page.context().close();
  });
});
