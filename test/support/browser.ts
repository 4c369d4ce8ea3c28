import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import path from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { webBuildDirectory } from '@yishi/platform';
import { DEMO_PASSWORD } from './api';
import { type TestDatabase } from './database';
import { httpActors } from './http-actors';
import { startDemoPlatform, type TestPlatform } from './platform';
import { until } from './wait';

/*
 * What the browser tests share: Debian's Chromium through playwright-core, pages in contexts that
 * are closed at the end, signing in through the login form, screenshots under test/artifacts/
 * (with the page's width and an axe-core check), and the demo platform serving the web app to one
 * test file (`useWebPlatform`). Each test still says its own viewport, locale, time zone and other
 * context options.
 */

const ROOT = path.join(__dirname, '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const PHONE = { width: 390, height: 844 };
/** A phone in China: Chinese, Beijing time, no animations. */
export const CHINA_PHONE: BrowserContextOptions = {
  viewport: PHONE,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
  reducedMotion: 'reduce',
};

/** The web app's build, made once if it is missing (the platform serves it from there). */
export function ensureWebBuild(): void {
  if (!existsSync(path.join(webBuildDirectory(), 'index.html')))
    execFileSync('npm', ['run', 'build:web', '--silent'], { cwd: ROOT, stdio: 'inherit' });
}

/** test/artifacts/<name>, created: where a test's screenshots go. */
export function artifactsDir(name: string): string {
  const dir = path.join(ROOT, 'test', 'artifacts', name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Listens on a free local port; the base address of the platform. */
export async function listenLocally(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * Chromium, headless. `quietNetwork` also stops QUIC and Chromium's own background traffic
 * (updates, sync), for tests that must see only the app's requests.
 * (launch() always starts on a fresh temporary profile: it refuses --user-data-dir in args.)
 */
export async function launchChromium(options: { quietNetwork?: boolean } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does)`);
  const quiet = options.quietNetwork
    ? [
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ]
    : [];
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', ...quiet],
  });
}

/**
 * Fills the login form with a demo account and sends it (what follows is the caller's to wait for).
 * The form is the first page of a new browser context: the whole app's first JavaScript, parsed
 * while other test files (a chaos stack starting its own PostgreSQL) may hold both cores, so it
 * waits up to a minute for it (20 s did not always do on CI).
 */
export async function submitSignIn(page: Page, username: string): Promise<void> {
  await page.getByLabel('用户名').fill(username, { timeout: 60_000 });
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
}

/** A full-page screenshot, <dir>/<name>.png. */
export async function screenshot(page: Page, dir: string, name: string): Promise<void> {
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** A protected photo (the image named `name`) shown from its blob: loaded, with real pixels. */
export async function photoShown(page: Page, name: string): Promise<void> {
  const img = page.getByRole('img', { name, exact: true });
  await img.waitFor();
  await until(
    () =>
      img.evaluate((el) => {
        const image = el as unknown as { complete: boolean; naturalWidth: number };
        return image.complete && image.naturalWidth > 0;
      }),
    10_000,
    `${name} shown with its pixels`,
  );
}

let axe: string | undefined;

/**
 * A screenshot (<dir>/<name>.png), then the page as it is now: nothing wider than the screen (a
 * phone page scrolls down, never sideways), and no serious or critical axe-core violation.
 * axe-core goes in as an inline script, which the app's CSP refuses (as it should: web-security
 * checks it): the page's context needs `bypassCSP: true`.
 */
export async function checkPage(page: Page, dir: string, name: string): Promise<void> {
  await screenshot(page, dir, name);
  const widths = await page.evaluate(
    '({ page: document.documentElement.scrollWidth, screen: window.innerWidth })',
  );
  const { page: pageWidth, screen } = widths as { page: number; screen: number };
  expect({ page: name, width: pageWidth }).toEqual({ page: name, width: screen });
  axe ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: axe });
  const serious = await page.evaluate(async () => {
    // In the page: axe-core, just injected, checks the whole document.
    const inPage = globalThis as unknown as {
      axe: { run: (context: unknown) => Promise<unknown> };
      document: unknown;
    };
    const result = (await inPage.axe.run(inPage.document)) as {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: unknown[] }[];
      }[];
    };
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 3),
      }));
  });
  expect({ page: name, serious }).toEqual({ page: name, serious: [] });
}

/** Pages of one browser on one platform; every context it opens is closed by close(). */
export class BrowserPages {
  private readonly contexts: BrowserContext[] = [];

  constructor(
    readonly browser: Browser,
    readonly base: string,
  ) {}

  /** A page in a new context; `prepare` runs on the context before the page opens. */
  async newPage(
    options: BrowserContextOptions,
    prepare?: (context: BrowserContext) => Promise<unknown>,
  ): Promise<Page> {
    const context = await this.browser.newContext(options);
    this.contexts.push(context);
    if (prepare) await prepare(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return page;
  }

  /** A page signed in as a demo account through the login form, once 退出 shows. */
  async signedIn(username: string, options: BrowserContextOptions): Promise<Page> {
    const page = await this.newPage(options);
    await page.goto(`${this.base}/`);
    await submitSignIn(page, username);
    await page.getByRole('button', { name: '退出' }).waitFor();
    return page;
  }

  /** Closes every context (one a test closed already is fine), then the browser. */
  async close(): Promise<void> {
    for (const c of this.contexts) await c.close().catch(() => undefined);
    await this.browser.close();
  }
}

/** The demo platform serving the web app to one test file, and its Chromium; set in its beforeAll. */
export interface WebPlatform {
  readonly db: TestDatabase;
  readonly platform: TestPlatform;
  readonly server: Server;
  /** The platform's address (the web app at `/`, the API under `/api/v1`). */
  readonly base: string;
  /** The demo community (the secretary `shuji`'s). */
  readonly communityId: string;
  readonly pages: BrowserPages;
  /** test/artifacts/web: where the screenshots go. */
  readonly artifacts: string;
  /** The demo accounts over HTTP; `shuji` and the file's `users` are signed in. */
  readonly actors: ReturnType<typeof httpActors>;
}

/**
 * Registers the beforeAll that starts the demo platform with the web app (`env` on top of a
 * reconciler that stays quiet for the test) and Chromium, and signs in `shuji` and `users` over
 * HTTP; and the afterAll that closes them. A file's own beforeAll, registered after this call,
 * runs after it.
 */
export function useWebPlatform(
  label: string,
  options: { env?: Record<string, string>; users?: readonly string[] } = {},
): WebPlatform {
  // Filled in by the beforeAll (as useWebApp does in web-app.ts): read its fields in tests only.
  const web = {} as { -readonly [K in keyof WebPlatform]: WebPlatform[K] };
  const actors = httpActors(() => web.server);
  web.actors = actors;

  beforeAll(async () => {
    ensureWebBuild();
    web.artifacts = artifactsDir('web');
    Object.assign(
      web,
      await startDemoPlatform(
        label,
        { RECONCILE_EVERY_MS: String(3_600_000), ...options.env },
        { webApp: true },
      ),
    );
    web.base = await listenLocally(web.server);
    await actors.signIn('shuji', ...(options.users ?? []));
    const me = await actors.as('shuji').get('/me').expect(200);
    web.communityId = (
      me.body as { memberships: { communityId: string }[] }
    ).memberships[0]!.communityId;
    web.pages = new BrowserPages(await launchChromium({ quietNetwork: true }), web.base);
  }, 120_000);

  afterAll(async () => {
    // Each only if the beforeAll got that far.
    await (web.pages as BrowserPages | undefined)?.close();
    await (web.platform as TestPlatform | undefined)?.close();
    await (web.db as TestDatabase | undefined)?.drop();
  });

  return web;
}
