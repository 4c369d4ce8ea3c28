import { type Server } from 'node:http';
import { type Page } from 'playwright-core';
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
import { type TestDatabase } from './support/database';
import { startDemoPlatform, type TestPlatform } from './support/platform';

/*
 * Issue 19, item 9: the secretary opens a case on a phone (390×844). The scope is picked from the
 * registry's estates, buildings and entrances (no typing "二单元" that matches nothing), and a
 * 邻里会商 names the further parties the matter concerns, which the case then requires.
 */

interface CaseView {
  mechanism: string;
  scope: { estate: string; building: string | null; entrance: string | null };
  parties: { party: string; required: boolean }[];
}

describe('web app in Chromium: a new case from the registry, on a phone', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let base: string;
  let pages: BrowserPages;
  let artifacts: string;
  let token: string;

  beforeAll(async () => {
    ensureWebBuild();
    artifacts = artifactsDir('web-new-case');
    ({ db, platform, server } = await startDemoPlatform('web-new-case', {}, { webApp: true }));
    base = await listenLocally(server);
    token = await login(server, 'shuji');
    pages = new BrowserPages(await launchChromium(), base);
  }, 120_000);

  afterAll(async () => {
    await pages?.close();
    await platform?.close();
    await db?.drop();
  });

  async function phone(): Promise<Page> {
    const page = await pages.signedIn('shuji', { viewport: PHONE, locale: 'zh-CN' });
    await page.goto(`${base}/console/new`);
    await page.getByRole('heading', { name: '新建案件' }).waitFor();
    return page;
  }

  it('picks estate, building and entrance from lists, and the lists follow each other', async () => {
    const page = await phone();
    const estate = page.getByLabel('小区', { exact: true });
    const building = page.getByLabel('楼栋（可不选：整个小区）');
    const entrance = page.getByLabel('单元（可不选：整栋楼）');
    // The demo's one estate is chosen already; its buildings are listed as people count them.
    await expect(estate.inputValue()).resolves.toBe('金泰和庄');
    expect(await building.locator('option').allTextContents()).toEqual([
      '整个小区',
      '10号楼（24 户）',
      '11号楼（24 户）',
      '12号楼（24 户）',
    ]);
    // No building, no entrance to pick.
    await expect(entrance.isDisabled()).resolves.toBe(true);
    await building.selectOption('11号楼');
    expect(await entrance.locator('option').allTextContents()).toEqual([
      '整栋楼',
      '1单元（12 户）',
      '2单元（12 户）',
    ]);
    await entrance.selectOption('2单元');
    // Another building clears the entrance chosen for the former one.
    await building.selectOption('10号楼');
    await expect(entrance.inputValue()).resolves.toBe('');
    await entrance.selectOption('1单元');
    await screenshot(page, artifacts, 'phone-new-case-scope');
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(PHONE.width);
  });

  it('opens a 邻里会商 naming an extra party, which the case then requires', async () => {
    const page = await phone();
    await page.getByLabel('邻里会商').check();
    await page.getByLabel('标题').fill('12号楼2单元楼顶防水层老化');
    await page.getByLabel('情况描述').fill('顶层住户雨天漏水，需物业维修。');
    await page.getByLabel('楼栋（可不选：整个小区）').selectOption('12号楼');
    await page.getByLabel('单元（可不选：整栋楼）').selectOption('2单元');
    // The party organisation and the representatives always take part: not offered as choices.
    const offered = page.getByRole('group', { name: '参与方' }).getByRole('checkbox');
    expect(await offered.count()).toBe(3);
    await page.getByRole('checkbox', { name: '物业服务企业' }).check();
    await screenshot(page, artifacts, 'phone-new-case-parties');
    await page.getByRole('button', { name: '立项' }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const caseId = page.url().split('/').pop()!;
    const view = (await client(server, token).get(`/cases/${caseId}`).expect(200)).body as CaseView;
    expect(view.mechanism).toBe('neighbourhood-consultation');
    expect(view.scope).toEqual({ estate: '金泰和庄', building: '12号楼', entrance: '2单元' });
    expect(view.parties.filter((p) => p.required).map((p) => p.party)).toEqual([
      'party-organisation',
      'property-company',
      'resident-representatives',
    ]);
    // A five-party hall offers no choice: all five take part.
    const hall = await phone();
    await hall.getByLabel('五方议事厅').check();
    expect(await hall.getByRole('checkbox').count()).toBe(0);
  });
});
