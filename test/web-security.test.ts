import path from 'node:path';
import { type Server } from 'node:http';
import { type Page } from 'playwright-core';
import { client } from './support/api';
import {
  BrowserPages,
  ensureWebBuild,
  launchChromium,
  listenLocally,
  submitSignIn,
} from './support/browser';
import { type TestDatabase } from './support/database';
import { startDemoPlatform, type TestPlatform } from './support/platform';
import { until } from './support/wait';

/*
 * Issue 19, item 18 in a real browser (Debian's Chromium through playwright-core): the web app
 * and the OpenAPI UI work under the platform's Content-Security-Policy with not one violation, and
 * no other site can frame them.
 */

const ROOT = path.join(__dirname, '..');

describe('web app and OpenAPI UI under the Content-Security-Policy (Chromium)', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let base: string;
  let pages: BrowserPages;

  beforeAll(async () => {
    ensureWebBuild();
    ({ db, platform, server } = await startDemoPlatform('web-security', {}, { webApp: true }));
    base = await listenLocally(server);
    pages = new BrowserPages(await launchChromium({ quietNetwork: true }), base);
  }, 120_000);
  afterAll(async () => {
    await pages?.close();
    await platform?.close();
    await db?.drop();
  });

  /** A page that records every CSP violation and every console error. */
  async function watchedPage(viewport = { width: 1280, height: 860 }) {
    const page = await pages.newPage({ viewport, locale: 'zh-CN', reducedMotion: 'reduce' }, (c) =>
      // (Strings: this file is compiled without the DOM's types.)
      c.addInitScript(
        `window.__cspViolations = [];
         document.addEventListener('securitypolicyviolation', (e) =>
           window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));`,
      ),
    );
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    return { page, consoleErrors };
  }

  const violations = (page: Page) => page.evaluate<string[]>('window.__cspViolations ?? []');

  it('the web app loads, signs in and shows its pages (board, a case, stats) without a CSP violation', async () => {
    const { page, consoleErrors } = await watchedPage();
    const first = await page.goto(`${base}/`);
    const headers = first!.headers();
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['x-frame-options']).toBe('DENY');

    await submitSignIn(page, 'shuji');
    await page.getByRole('heading', { name: '案件看板' }).waitFor();
    // A case page (the demo case), with its live updates (an event stream on the same origin).
    await page.locator('a[href^="/cases/"]').first().click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await page.getByTestId('case-stage').waitFor();
    // The statistics: ECharts draws its SVG and styles its elements.
    await page.goto(`${base}/stats`);
    // The statistics' chunk is the largest lazy one; two test files at a time can slow its load.
    await page.getByRole('heading', { name: '立项与办结' }).waitFor({ timeout: 60_000 });
    await page.locator('main svg').first().waitFor();
    // (Never network-idle: the live event stream stays open.) A moment for late violations.
    await page.waitForTimeout(500);

    expect(await violations(page)).toEqual([]);
    expect(consoleErrors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
    await page.screenshot({ path: path.join(ROOT, 'test', 'artifacts', 'web-security-stats.png') });

    // 退出 ends the token on the server too: a copy of it is refused afterwards.
    const token = await page.evaluate<string | null>("localStorage.getItem('yishi.token')");
    expect(token).not.toBeNull();
    await client(server, token!).get('/me').expect(200);
    await page.getByRole('button', { name: '退出' }).click();
    await page.getByLabel('用户名').waitFor({ timeout: 60_000 });
    await until(async () => (await client(server, token!).get('/me')).status === 401, 5_000);
    await page.context().close();
  }, 120_000);

  it('the OpenAPI UI at /docs renders its operations without a CSP violation', async () => {
    const { page, consoleErrors } = await watchedPage();
    const docs = await page.goto(`${base}/docs`);
    expect(docs!.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.locator('.swagger-ui .opblock').first().waitFor();
    await page.waitForTimeout(500);
    expect(await violations(page)).toEqual([]);
    expect(consoleErrors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('no other page can frame the app', async () => {
    const { page, consoleErrors } = await watchedPage();
    // Another origin (about:blank here) framing the sign-in page and the OpenAPI UI: Chromium
    // refuses to show either.
    await page.setContent(
      `<iframe src="${base}/" width="600" height="400"></iframe>` +
        `<iframe src="${base}/docs" width="600" height="400"></iframe>`,
    );
    await until(
      () => consoleErrors.filter((e) => /frame-ancestors 'none'/.test(e)).length === 2,
      10_000,
      'Chromium refusing the frame',
    );
    const framed = page.frames().find((f) => f !== page.mainFrame());
    expect(
      await framed
        ?.locator('#root')
        .count()
        .catch(() => 0),
    ).toBe(0);
    await page.context().close();
  }, 60_000);
});
