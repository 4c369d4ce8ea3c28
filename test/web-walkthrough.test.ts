import { type Server } from 'node:http';
import { type Page } from 'playwright-core';
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
import { httpActors } from './support/http-actors';
import { startDemoPlatform, type TestPlatform } from './support/platform';
import { until } from './support/wait';

/*
 * Issue 19, walking README's "Try it in five minutes" on the seeded demo as its users do, on a
 * phone (390×844) set to English and New York time, as many phones are: what a person would trip
 * on. The 消息 list shows the real 签收 state; the proxy's 委托有效期至 is 年/月/日 taken as a day in
 * China Standard Time; the building lead reads no empty 我的投票 card; 物业 is told of its task; the
 * file picker speaks Chinese; column headings do not wrap one character per line; empty lists say
 * what to do.
 * Screenshots under test/artifacts/web/.
 */

const VOTE_CASE = '12号楼电动自行车集中充电棚建设';

describe('web app: the README walk-through on an English-language phone', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let base: string;
  let pages: BrowserPages;
  let artifacts: string;
  const { as, signIn, userIds } = httpActors(() => server);

  beforeAll(async () => {
    ensureWebBuild();
    artifacts = artifactsDir('web');
    ({ db, platform, server } = await startDemoPlatform(
      'web-walkthrough',
      { RECONCILE_EVERY_MS: String(3_600_000) },
      { webApp: true },
    ));
    base = await listenLocally(server);
    await signIn('shuji', 'yezhu-12-1-102', 'yezhu-12-1-202');
    pages = new BrowserPages(await launchChromium(), base);
  }, 120_000);

  afterAll(async () => {
    await pages?.close();
    await platform?.close();
    await db?.drop();
  });

  /** Signed in on a phone set to English, in New York: the browser's own words and zone differ. */
  const phone = (username: string): Promise<Page> =>
    pages.signedIn(username, {
      viewport: PHONE,
      locale: 'en-US',
      timezoneId: 'America/New_York',
      reducedMotion: 'reduce',
    });

  const shot = (page: Page, name: string) => screenshot(page, artifacts, name);

  it('消息 as 居民代表: a stage already signed shows 已签收 (when), 签收 only where it is still due', async () => {
    const rep = await phone('jumindaibiao');
    await rep.goto(`${base}/desk`);
    const stageNotices = rep.locator('.inbox-item', { hasText: '阶段，请于' });
    const signed = stageNotices.filter({ has: rep.getByTestId('ack-state') });
    // The seed signed 居民代表 into 12 stages; 2 are still due (README's table).
    await until(
      async () => {
        if ((await signed.count()) >= 12 && (await stageNotices.count()) >= 14) return true;
        await rep.getByRole('button', { name: '刷新' }).click();
        await rep.waitForTimeout(500);
        return false;
      },
      20_000,
      'the seeded stage notices with their 签收 state',
    );
    for (let i = 0; i < (await signed.count()); i++) {
      const item = signed.nth(i);
      expect(await item.getByTestId('ack-state').innerText()).toMatch(
        /^已签收（\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}）$/,
      );
      expect(await item.getByRole('button', { name: '签收' }).count()).toBe(0);
    }
    const due = stageNotices.filter({ has: rep.getByRole('button', { name: '签收' }) });
    expect(
      (await due.allInnerTexts()).map((t) => /《(.+?)》进入「(.+?)」/.exec(t)?.slice(1)),
    ).toEqual([
      ['10号楼1单元楼道声控灯损坏', '分析研判'],
      ['12号楼2单元下水道反复堵塞', '了解诉求'],
    ]);
    await shot(rep, 'walk-phone-rep-desk');
  });

  it('委托有效期至 is 年/月/日, the day ending at 23:59 China Standard Time; an unset day is said', async () => {
    const owner = await phone('yezhu-12-1-102');
    await owner.goto(`${base}/proxies`);
    await owner.getByRole('heading', { name: '委托投票' }).waitFor();
    // An empty list says what to do.
    await owner.getByText('还没有委托。不方便自己投票时，在上面登记委托书').waitFor();
    expect(await owner.locator('input[type="date"]').count()).toBe(0);
    await owner.getByLabel('受托人账号编号').fill(userIds['yezhu-12-1-202']!);
    await owner
      .getByLabel('委托书扫描件链接')
      .fill('https://files.example.cn/proxies/12-1-102.pdf');
    await owner.getByRole('button', { name: '登记委托' }).click();
    await owner.getByRole('alert').getByText('请选择委托有效期至哪一天').waitFor();
    // Ten days on, as a day in China (the phone's New York date may differ).
    const [year, month, day] = new Date(Date.now() + 10 * 86_400_000 + 8 * 3_600_000)
      .toISOString()
      .slice(0, 10)
      .split('-')
      .map(Number);
    await owner.getByLabel('委托有效期至：年').selectOption(`${year}`);
    await owner.getByLabel('委托有效期至：月').selectOption(`${month}`);
    await owner.getByLabel('委托有效期至：日').selectOption(`${day}`);
    await owner.getByRole('button', { name: '登记委托' }).click();
    await owner.getByText('委托已登记').waitFor();
    await owner
      .getByTestId('proxies')
      .getByText(`至 ${year}年${month}月${day}日 23:59`, { exact: false })
      .waitFor();
    const communityId = (
      (await as('shuji').get('/me').expect(200)).body as { memberships: { communityId: string }[] }
    ).memberships[0]!.communityId;
    const { items } = (
      await as('yezhu-12-1-102').get(`/communities/${communityId}/proxies`).expect(200)
    ).body as { items: { validUntil: string }[] };
    const pad = (n: number | undefined) => String(n).padStart(2, '0');
    expect(new Date(items[0]!.validUntil).toISOString()).toBe(
      new Date(`${year}-${pad(month)}-${pad(day)}T23:59:59+08:00`).toISOString(),
    );
    await shot(owner, 'walk-phone-owner-proxy');
  });

  it('the building lead on the open vote: the paper entry form, no empty 我的投票 card', async () => {
    const lead = await phone('loudongzhang');
    await lead.goto(`${base}/home`);
    await lead
      .locator('.case-card', { hasText: VOTE_CASE })
      .getByRole('link', { name: /关于在12号楼前建设电动自行车集中充电棚的决议/ })
      .click();
    await lead.getByRole('form', { name: '录入纸质选票' }).waitFor();
    expect(await lead.getByRole('heading', { name: '我的投票' }).count()).toBe(0);
    expect(await lead.getByRole('region', { name: '投票' }).count()).toBe(0);
    await shot(lead, 'walk-phone-lead-vote');
  });

  it('实名绑定: the file picker is a Chinese button naming the chosen file', async () => {
    const owner = await phone('yezhu-12-1-202');
    await owner.goto(`${base}/bindings`);
    const form = owner.getByRole('form', { name: '上传证件申请绑定' });
    await form.getByTestId('chosen-file').getByText('还没有选择文件。').waitFor();
    const input = form.getByLabel('选择证件照片或 PDF');
    // The native control ("Choose File / No file chosen" on this phone) is not what one reads.
    const opacity = await input.evaluate(
      (e) =>
        (
          globalThis as unknown as { getComputedStyle(x: unknown): { opacity: string } }
        ).getComputedStyle(e).opacity,
    );
    expect(opacity).toBe('0');
    await input.setInputFiles({
      name: '房产证.png',
      mimeType: 'image/png',
      buffer: Buffer.from('89504e470d0a1a0a', 'hex'),
    });
    await form.getByTestId('chosen-file').getByText('已选择：房产证.png').waitFor();
    await shot(owner, 'walk-phone-owner-bindings');
  });

  it('物业 on the follow-up case: 现在可以做 names its open task and leads to the report form', async () => {
    const wuye = await phone('wuye');
    await wuye.goto(`${base}/home`);
    await wuye.getByRole('link', { name: '11号楼外墙渗水维修', exact: true }).click();
    const actions = wuye.getByRole('region', { name: '可办理的事项' });
    const task = actions.getByTestId('my-task');
    await task.getByText('落实任务「西侧外墙防水修补施工」由您方办理，目前进度 60%').waitFor();
    expect(await actions.getByText('目前没有需要您办理的事项').count()).toBe(0);
    await task.getByRole('link', { name: '报告进度或标记完成 ↓' }).click();
    await wuye.getByRole('button', { name: '报告进度' }).first().waitFor();
    expect(new URL(wuye.url()).hash).toMatch(/^#task-/);
    await shot(wuye, 'walk-phone-wuye-task');
  });

  it('统计 on the phone: column headings stay on one line', async () => {
    const rep = await phone('jumindaibiao');
    await rep.goto(`${base}/stats`);
    const heading = rep.getByRole('columnheader', { name: '吹哨', exact: true });
    await heading.waitFor();
    // Its text's height in lines (the test runs without the DOM's types, hence the casts).
    const lines = await heading.evaluate((e) => {
      const style = (
        globalThis as unknown as { getComputedStyle(x: unknown): Record<string, string> }
      ).getComputedStyle(e);
      const box = (
        e as unknown as { getBoundingClientRect(): { height: number } }
      ).getBoundingClientRect().height;
      const padding = parseFloat(style.paddingTop ?? '0') + parseFloat(style.paddingBottom ?? '0');
      const line = parseFloat(style.lineHeight ?? '') || parseFloat(style.fontSize ?? '16') * 1.2;
      return (box - padding) / line;
    });
    expect(lines).toBeLessThan(1.5);
    await shot(rep, 'walk-phone-rep-stats');
  });
});
