import path from 'node:path';
import { type Page } from 'playwright-core';
import { CHINA_PHONE, screenshot, submitSignIn, useWebPlatform } from './support/browser';
import { until } from './support/wait';

/*
 * Issue 21 in a real browser at phone size (390×844): the grid worker (wanggeyuan, 第一网格:
 * 10号楼) lands on 网格巡查, loses the signal, writes down an elderly resident's demand with a
 * photo, sees it waiting (待发送 1 条，未联网), reloads the page still offline (the service worker
 * opens the app, the outbox still holds the entry), and gets the signal back. The first POST of
 * the demand reaches the server but its answer is lost (the route lets it through, then cuts the
 * connection): the outbox sends it again under the same id, and the ledger holds it once. Then 签收
 * on its card. Then 退出 with an entry still on the phone: the app asks first (仍要退出 / 取消),
 * another worker signing in on that phone neither sees nor sends it, and it goes once its writer
 * signs in again. Screenshots under test/artifacts/web/.
 */

const WORKER = 'wanggeyuan';
const CONTENT = `李奶奶家楼道灯坏了一个星期，晚上上下楼看不见（巡查登记 ${Date.now()}）`;
const LEFT = `王大爷家门口的下水道堵了（退出前没有发出的登记 ${Date.now()}）`;
/** A 16×16 PNG: the camera's photo. */
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAGklEQVR4nGP8z8DwnwEPYMQjPqphVMOQ0QAAk5UD/Ro8jwwAAAAASUVORK5CYII=',
  'base64',
);

interface ListItem {
  id: string;
  number: string;
  status: string;
  source: string;
  unitId: string | null;
}

describe('web app: the grid worker records a demand without signal, and it is sent once', () => {
  const web = useWebPlatform('web-grid-round', {
    env: { SEED_DEMO_LEDGER: 'true' },
    users: [WORKER],
  });
  const { as, userIds } = web.actors;

  const shot = (page: Page, name: string) => screenshot(page, web.artifacts, name);
  const ledgerMatches = async (content = CONTENT): Promise<ListItem[]> =>
    (
      (
        await as('shuji')
          .get(`/communities/${web.communityId}/demands?q=${encodeURIComponent(content)}&limit=10`)
          .expect(200)
      ).body as { items: ListItem[] }
    ).items;
  /** The round's 代居民登记, filled in for a resident of 10号楼1单元101 (not saved). */
  const writeDown = async (page: Page, content: string, resident: string) => {
    await page.getByRole('link', { name: '代居民登记' }).click();
    await page.getByRole('heading', { name: '代居民登记' }).waitFor();
    await page.getByLabel('入户倾听').check();
    await page.getByLabel('居民姓名').fill(resident);
    await page.getByLabel('楼栋').selectOption('10号楼');
    await page.getByLabel('单元').selectOption('1单元');
    await page.getByLabel('房号').selectOption({ label: '101' });
    await page.getByLabel('问题类别').selectOption({ label: '公共设施' });
    await page.getByLabel('反映的问题').fill(content);
  };

  it('keeps the entry through a reload offline, sends it when online, and the ledger holds it once', async () => {
    const page = await web.pages.signedIn(WORKER, CHINA_PHONE);
    const context = page.context();
    // The grid worker's home is the round; 待签收 lists the grid's new demand with its deadline.
    await page.getByRole('heading', { name: '网格巡查', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/round');
    const received = page.getByRole('region', { name: /^待签收/ });
    await received.getByTestId('demand-card').first().waitFor();
    expect(await received.getByTestId('demand-card').first().innerText()).toMatch(
      /请于 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 前签收/,
    );
    // The app shell is kept by the service worker, and the units of 10号楼 on the phone.
    await page.waitForFunction('navigator.serviceWorker.controller !== null');
    await page.waitForFunction(UNITS_KEPT, undefined, { polling: 100 });
    await shot(page, 'phone-grid-round');

    await context.setOffline(true);
    await writeDown(page, CONTENT, '李奶奶');
    await page.getByLabel('联系电话').fill('13800000000');
    await page
      .locator('input[type=file][capture]')
      .setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PHOTO });
    await page.getByRole('img', { name: '照片 1' }).waitFor();
    await shot(page, 'phone-grid-record-offline');
    await page.getByRole('button', { name: '保存并发送' }).click();

    const outbox = page.getByRole('region', { name: /^待发送/ });
    await outbox.getByRole('heading', { name: '待发送 1 条（未联网，联网后自动发送）' }).waitFor();
    const entry = outbox.getByTestId('outbox-entry');
    expect(await entry.innerText()).toContain('金泰和庄 10号楼1单元101 · 李奶奶');
    expect(await entry.innerText()).toContain(CONTENT);
    await shot(page, 'phone-grid-round-pending');

    // Reloaded without signal: the app opens, the entry is still on the phone.
    await page.reload();
    await outbox.getByRole('heading', { name: '待发送 1 条（未联网，联网后自动发送）' }).waitFor();
    expect(await entry.innerText()).toContain(CONTENT);
    await page.getByTestId('round-offline').waitFor();
    await shot(page, 'phone-grid-round-pending-reloaded');
    expect(await ledgerMatches()).toEqual([]);

    // The signal returns; the first POST reaches the server and its answer is lost.
    let posts = 0;
    await context.route('**/api/v1/communities/*/demands', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      posts++;
      if (posts > 1) return route.continue();
      await route.fetch();
      return route.abort('connectionreset');
    });
    await context.setOffline(false);
    const sent = page.getByRole('status').filter({ hasText: /^已发送：XY-\d{8}-\d{4}/ });
    await sent.waitFor({ timeout: 30_000 });
    expect(posts).toBe(2);
    expect(await page.getByTestId('outbox-entry').count()).toBe(0);

    // The ledger holds it exactly once, as written, with its photo.
    let matches: ListItem[] = [];
    await until(async () => (matches = await ledgerMatches()).length > 0, 10_000, 'the demand');
    expect(matches).toHaveLength(1);
    const demand = matches[0]!;
    expect(await sent.innerText()).toContain(demand.number);
    expect(demand).toMatchObject({ status: 'received', source: 'door-to-door' });
    const detail = (await as('shuji').get(`/demands/${demand.id}`).expect(200)).body as {
      onBehalfOf: { name: string; phone: string | null };
      photoIds: string[];
      place: { building: string };
    };
    expect(detail.onBehalfOf).toEqual({ name: '李奶奶', phone: '13800000000' });
    expect(detail.photoIds).toHaveLength(1);
    expect(detail.place.building).toBe('10号楼');

    // On the round, under 待签收; 签收 on its card moves it on.
    const card = received.getByTestId('demand-card').filter({ hasText: CONTENT });
    await card.waitFor();
    await shot(page, 'phone-grid-round-sent');
    await card.getByRole('button', { name: `签收 ${demand.number}` }).click();
    await page.getByText(`已签收 ${demand.number}，已移到「已签收待处理」。`).waitFor();
    await page
      .getByRole('region', { name: /^已签收待处理/ })
      .getByTestId('demand-card')
      .filter({ hasText: CONTENT })
      .waitFor();
    await until(
      async () => (await ledgerMatches()).every((d) => d.status === 'accepted'),
      10_000,
      'the demand accepted in the ledger',
    );
    expect((await ledgerMatches()).map((d) => d.id)).toEqual([demand.id]);
    await page.waitForTimeout(500); // a late resend would have been sent by now
    expect(posts).toBe(2);
  });

  it('asks before 退出 with an entry unsent; another worker on the phone neither sees nor sends it', async () => {
    const page = await web.pages.signedIn(WORKER, CHINA_PHONE);
    const context = page.context();
    await page.getByRole('heading', { name: '网格巡查', level: 1 }).waitFor();
    await page.waitForFunction(UNITS_KEPT, undefined, { polling: 100 });
    await context.setOffline(true);
    await writeDown(page, LEFT, '王大爷');
    await page.getByRole('button', { name: '保存并发送' }).click();
    await page.getByRole('heading', { name: '待发送 1 条（未联网，联网后自动发送）' }).waitFor();

    // 退出 asks first, saying how many and what becomes of them; 取消 keeps the worker signed in.
    const signOut = page.getByRole('button', { name: '退出' });
    const confirm = page.getByRole('alertdialog', { name: '还有 1 条登记没有发送' });
    await signOut.click();
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain(
      '1 条代居民登记还存在这部手机上，没有发送到诉求台账。',
    );
    expect(await confirm.innerText()).toContain('您下次在这部手机上登录时，会自动发送。');
    expect(await confirm.innerText()).toContain('别人在这部手机上登录，看不到也不会发送它们。');
    // The screen as the worker sees it (the dialog over the page, not the whole long page).
    await page.screenshot({ path: path.join(web.artifacts, 'phone-grid-sign-out-confirm.png') });
    await confirm.getByRole('button', { name: '取消' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(await page.getByTestId('outbox-entry').innerText()).toContain(LEFT);
    await signOut.click();
    await confirm.getByRole('button', { name: '仍要退出' }).click();
    await page.getByLabel('用户名').waitFor({ timeout: 60_000 });

    // Another worker (the secretary, who records too) signs in on this phone with signal.
    let posts = 0;
    await context.route('**/api/v1/communities/*/demands', (route) => {
      if (route.request().method() === 'POST') posts++;
      return route.continue();
    });
    await context.setOffline(false);
    await submitSignIn(page, 'shuji');
    await page.getByRole('button', { name: '退出' }).waitFor();
    await page.goto(`${web.base}/round`);
    await page.getByRole('heading', { name: '网格巡查', level: 1 }).waitFor();
    await page.getByTestId('outbox').waitFor({ state: 'attached' });
    await page.waitForTimeout(3_000); // the sender ran at sign-in: it would have sent by now
    expect(await page.getByTestId('outbox-entry').count()).toBe(0);
    expect(await page.getByText(LEFT).count()).toBe(0);
    expect(posts).toBe(0);
    expect(await ledgerMatches(LEFT)).toEqual([]);
    // Nothing of theirs on the phone: 退出 without a question (it ends every token of the
    // account: the test's own is made again).
    await page.getByRole('button', { name: '退出' }).click();
    await page.getByLabel('用户名').waitFor({ timeout: 60_000 });
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    await web.actors.signInWith('shuji');

    // Its writer signs in again on the phone: it goes, once, as theirs.
    await submitSignIn(page, WORKER);
    await page
      .getByRole('status')
      .filter({ hasText: /^已发送：XY-\d{8}-\d{4}/ })
      .waitFor({
        timeout: 30_000,
      });
    expect(posts).toBe(1);
    let matches: ListItem[] = [];
    await until(async () => (matches = await ledgerMatches(LEFT)).length > 0, 10_000, 'the demand');
    expect(matches).toHaveLength(1);
    const detail = (await as('shuji').get(`/demands/${matches[0]!.id}`).expect(200)).body as {
      submittedBy: string;
      onBehalfOf: { name: string };
    };
    expect(detail).toMatchObject({ submittedBy: userIds[WORKER], onBehalfOf: { name: '王大爷' } });
  });
});

/**
 * In the page: whether the round has kept the units of the worker's grids on the phone (its
 * IndexedDB `yishi-round`, store `cache`, keys `units:…`). Opened only once the app created it,
 * so the test never creates it first. (A string: this file is typed for Node, not the DOM.)
 */
const UNITS_KEPT = `(async () => {
  const names = await indexedDB.databases();
  if (!names.some((d) => d.name === 'yishi-round')) return false;
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open('yishi-round');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  try {
    if (!db.objectStoreNames.contains('cache')) return false;
    const keys = await new Promise((resolve, reject) => {
      const all = db.transaction('cache').objectStore('cache').getAllKeys();
      all.onsuccess = () => resolve(all.result);
      all.onerror = () => reject(all.error);
    });
    return keys.some((k) => String(k).startsWith('units:'));
  } finally {
    db.close();
  }
})()`;
