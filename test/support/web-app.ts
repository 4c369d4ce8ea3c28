import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { type AddressInfo } from 'node:net';
import path from 'node:path';
import { type Server } from 'node:http';
import { crc32, deflateSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { webBuildDirectory } from '@yishi/platform';
import { client, login, PARTY_ACCOUNTS } from './api';
import { checkPage, submitSignIn } from './browser';
import { type TestDatabase } from './database';
import { startDemoPlatform, type TestPlatform } from './platform';

/*
 * What the web-app tests (web-consultation, web-vote-follow-up) share: the demo platform serving the
 * web app, Debian's Chromium, the secretary's settings for a case that closes within the test, and
 * the page helpers (screenshot + axe-core check, ECharts bars). Each file starts its own platform.
 */

const ROOT = path.join(__dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'test', 'artifacts', 'web');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const PHONE = { width: 375, height: 740 };
export const DESKTOP = { width: 1280, height: 860 };
export const OWNER = 'yezhu-12-2-101';
export const REPRESENTATIVE = PARTY_ACCOUNTS['resident-representatives'];

/** Vite's manifest of the web build: which file each source chunk became. */
export function webManifest(): Record<string, { file: string } | undefined> {
  const file = path.join(webBuildDirectory(), '.vite', 'manifest.json');
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, { file: string } | undefined>;
}

/** The platform and the browser of one test file, set in its beforeAll. */
export interface WebApp {
  server: Server;
  base: string;
  communityId: string;
  readonly tokens: Record<string, string>;
  readonly as: (who: string) => ReturnType<typeof client>;
  readonly open: (viewport: { width: number; height: number }) => Promise<Page>;
  readonly signIn: (page: Page, username: string) => Promise<void>;
  /** A screenshot under test/artifacts/web/ and an axe-core check of the page as it is now. */
  readonly check: (page: Page, name: string) => Promise<void>;
  /** An ECharts chart once drawn: its accessible name, its bars' lengths by colour, its texts. */
  readonly echart: (
    page: Page,
    testId: string,
  ) => Promise<{ name: string | null; bars: Record<string, number[]>; texts: string[] }>;
  readonly count: (bars: Record<string, number[]>) => Record<string, number>;
  readonly caseView: (caseId: string) => Promise<{
    stage: string;
    status: string;
    resolutions: { id: string; status: string }[];
    closure: { outcome: string } | null;
  }>;
}

/**
 * Registers the beforeAll that starts the platform (web app served at `/`) and Chromium, and the
 * afterAll that closes them; `afterClose` runs once the platform has closed, before the database goes.
 */
export function useWebApp(label: string, hooks: { afterClose?: () => Promise<void> } = {}): WebApp {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let base: string;
  let browser: Browser;
  const tokens: Record<string, string> = {};
  const as = (who: string) => client(server, tokens[who]);
  const contexts: BrowserContext[] = [];
  const web = { tokens, as } as WebApp;

  beforeAll(async () => {
    if (!existsSync(path.join(webBuildDirectory(), 'index.html')))
      execFileSync('npm', ['run', 'build:web', '--silent'], { cwd: ROOT, stdio: 'inherit' });
    if (!existsSync(CHROMIUM))
      throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does)`);
    mkdirSync(ARTIFACTS, { recursive: true });
    ({ db, platform, server } = await startDemoPlatform(label, {}, { webApp: true }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const who of ['shuji', 'dangwei', REPRESENTATIVE, OWNER])
      tokens[who] = await login(server, who);
    const me = await as('shuji').get('/me').expect(200);
    const communityId = (me.body as { memberships: { communityId: string }[] }).memberships[0]!
      .communityId;
    // No notice period, and a 7.2 s evaluation window: the case closes within the test. One owner
    // evaluates of the entrance's 12 units: exactly the minimum response of 1/12.
    await as('shuji')
      .patch(`/communities/${communityId}/settings`, {
        noticePeriodHours: 0,
        evaluationWindowHours: 0.002,
        minEvaluationResponse: '1/12',
      })
      .expect(200);
    // launch() always starts Chromium on a fresh temporary profile (its own --user-data-dir, which
    // it refuses in args); the network is closed, so nothing in the background may reach out.
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
    Object.assign(web, { server, base, communityId });
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    // With a stream still open, close() returns only because the controller ends it.
    await platform?.close();
    await hooks.afterClose?.();
    await db?.drop();
  });

  async function open(viewport: { width: number; height: number }): Promise<Page> {
    // Reduced motion: the charts draw at once (no entry animation), so screenshots and the bars'
    // measured lengths are of the final state.
    const context = await browser.newContext({
      viewport,
      locale: 'zh-CN',
      reducedMotion: 'reduce',
      // axe-core is injected as an inline script, which the app's CSP refuses (as it should);
      // the CSP itself is checked in web-security.test.ts.
      bypassCSP: true,
    });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return page;
  }

  async function signIn(page: Page, username: string): Promise<void> {
    await page.goto(`${base}/`);
    await submitSignIn(page, username);
    await page.getByRole('button', { name: '退出' }).waitFor();
  }

  /** A screenshot under test/artifacts/web/ and an axe-core check of the page as it is now. */
  const check = (page: Page, name: string): Promise<void> => checkPage(page, ARTIFACTS, name);

  /**
   * An ECharts chart (by its container's test id) once drawn: the accessible name ECharts' aria
   * gives the container, the lengths of its SVG's bars by colour (in data order), and its texts
   * (axis labels, bar labels, legend).
   */
  async function echart(page: Page, testId: string) {
    const chart = page.getByTestId(testId);
    await chart.locator('svg text').first().waitFor();
    expect(await chart.getAttribute('role')).toBe('img');
    const paths = await chart.locator('svg path').evaluateAll((elements) =>
      elements.map((e) => {
        const attribute = (name: string) =>
          (e as unknown as { getAttribute(n: string): string | null }).getAttribute(name);
        return { fill: attribute('fill'), transform: attribute('transform'), d: attribute('d') };
      }),
    );
    // A horizontal bar is "M x y l length 0 l 0 height l -length 0 Z" in place (the legend's
    // swatches are moved there by a transform); a value of 0 is a bar of length 0.
    const bars: Record<string, number[]> = {};
    for (const { fill, transform, d } of paths) {
      const bar = /^M[\d.]+ [\d.]+l([\d.]+) 0l0 [\d.]+l-?[\d.]+ 0Z$/.exec(d ?? '');
      if (bar === null || fill === null || transform !== null) continue;
      (bars[fill] ??= []).push(Number(bar[1]));
    }
    return {
      name: await chart.getAttribute('aria-label'),
      bars,
      texts: (await chart.locator('svg text').allTextContents()).map((t) => t.trim()),
    };
  }
  const count = (bars: Record<string, number[]>) =>
    Object.fromEntries(Object.entries(bars).map(([fill, lengths]) => [fill, lengths.length]));

  const caseView = async (caseId: string) =>
    (await as('shuji').get(`/cases/${caseId}`).expect(200)).body as {
      stage: string;
      status: string;
      resolutions: { id: string; status: string }[];
      closure: { outcome: string } | null;
    };

  return Object.assign(web, { open, signIn, check, echart, count, caseView });
}

/** A PNG of one colour (the evidence upload sniffs its bytes: it must be a real image). */
export function solidPng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array(width).fill(rgb).flat())]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array(height).fill(row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
