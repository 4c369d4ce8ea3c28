import { type Server } from 'node:http';
import path from 'node:path';
import { type Page } from 'playwright-core';
import {
  artifactsDir,
  BrowserPages,
  CHINA_PHONE,
  ensureWebBuild,
  launchChromium,
  listenLocally,
  screenshot,
} from './support/browser';
import { DEMO_PASSWORD } from './support/api';
import { caseInDeliberation } from './support/case-fixture';
import { type TestDatabase } from './support/database';
import { httpActors } from './support/http-actors';
import { startDemoPlatform, type TestPlatform } from './support/platform';
import { until } from './support/wait';

/*
 * Issue 23 step 6 in a real browser at phone size (390×844): a resident poll (居民意见征询) among
 * three plans. The owner of a household answers with one tap on a plan's large button and sees it
 * after a reload; the household's tenant, whose page still offered the plans, is refused in the
 * API's words (one answer per household); after the close, the result shows each plan's count, the
 * tie said in words, and the turnout (参与户数 / 总户数). The secretary's form offers plans.
 * Screenshots under test/artifacts/web-ballots/.
 */

const TITLE = '12号楼2单元楼道堆物清理';
const RESOLUTION = '关于12号楼2单元楼道堆物清理的征询';
const PLANS = [{ title: '物业清理' }, { title: '居民自清' }, { title: '设置储物间' }];
const VOTER = 'yezhu-12-2-301';
const NEIGHBOUR = 'yezhu-12-2-302';
const TENANT = 'zuhu-12-2-301';

describe('web app: a resident poll among three plans on the phone, with a tie said as such', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let base: string;
  let pages: BrowserPages;
  let communityId: string;
  let caseId: string;
  let resolutionId: string;
  let artifacts: string;
  const { as, signIn: signInApi, signInWith } = httpActors(() => server);

  beforeAll(async () => {
    ensureWebBuild();
    artifacts = artifactsDir('web-ballots');
    ({ db, platform, server } = await startDemoPlatform(
      'web-ballots',
      { RECONCILE_EVERY_MS: String(3_600_000) },
      { webApp: true },
    ));
    base = await listenLocally(server);
    await signInApi('shuji', VOTER, NEIGHBOUR);
    communityId = (
      (await as('shuji').get('/me').expect(200)).body as { memberships: { communityId: string }[] }
    ).memberships[0]!.communityId;
    caseId = await caseInDeliberation({
      store: platform.runtime.store,
      communityId,
      scope: { estate: '金泰和庄', building: '12号楼', entrance: '2单元' },
      title: TITLE,
    });
    // A tenant of the voter's household (租户), a resident of the same unit.
    // Added before the draft: a poll's households are frozen with their residents when it opens.
    type Unit = { id: string; building: string; entrance: string; room: string };
    const units = (
      (await as('shuji').get(`/communities/${communityId}/units?limit=500`).expect(200)).body as {
        items: Unit[];
      }
    ).items;
    const unitId = units.find(
      (u) => u.building === '12号楼' && u.entrance === '2单元' && u.room === '301',
    )!.id;
    const created = await as('shuji')
      .post('/users', { username: TENANT, password: DEMO_PASSWORD, displayName: '租户小王' })
      .expect(201);
    await as('shuji')
      .post(`/communities/${communityId}/memberships`, {
        userId: (created.body as { id: string }).id,
        roles: ['resident'],
        unitIds: [unitId],
        occupancy: 'tenant',
      })
      .expect(201);
    await signInWith(TENANT, DEMO_PASSWORD);
    const drafted = await as('shuji')
      .post(`/cases/${caseId}/resolutions`, {
        title: RESOLUTION,
        text: '楼道堆物怎样清理，请每户选一个方案。',
        rule: 'resident-poll',
        matter: 'ordinary',
        options: PLANS,
        closesAt: new Date(Date.now() + 48 * 3_600_000).toISOString(),
      })
      .expect(201);
    resolutionId = (drafted.body as { id: string }).id;
    pages = new BrowserPages(await launchChromium({ quietNetwork: true }), base);
  }, 120_000);

  afterAll(async () => {
    await pages?.close();
    await platform?.close();
    await db?.drop();
  });

  const phone = (username: string): Promise<Page> => pages.signedIn(username, CHINA_PHONE);
  const shot = (page: Page, name: string) => screenshot(page, artifacts, name);

  it('a resident answers with one tap per plan; the tenant of the same household is refused', async () => {
    // The tenant's page offers the plans before the owner answers.
    const tenant = await phone(TENANT);
    await tenant.goto(`${base}/resolutions/${resolutionId}`);
    await tenant.getByRole('heading', { name: RESOLUTION }).waitFor();
    await shot(tenant, 'phone-poll-tenant-before');
    await tenant.getByRole('button', { name: '方案三「设置储物间」' }).waitFor();

    const owner = await phone(VOTER);
    await owner.goto(`${base}/cases/${caseId}`);
    await owner.getByTestId('vote-call').getByRole('link', { name: '去作答' }).click();
    await owner.getByRole('heading', { name: RESOLUTION }).waitFor();
    await owner.getByRole('heading', { name: '我要作答' }).waitFor();
    const who = await owner.getByTestId('who-answers').innerText();
    expect(who).toContain('每户只计一次');
    expect(who).toContain('租户');
    // One large button per plan, and 弃权.
    const buttons = owner.getByRole('group', { name: '您的选择' }).getByRole('button');
    expect(await buttons.allInnerTexts()).toEqual([
      '方案一「物业清理」',
      '方案二「居民自清」',
      '方案三「设置储物间」',
      '弃权',
    ]);
    const box = await buttons.first().boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(300);
    await shot(owner, 'phone-poll-plans');
    await owner.getByRole('button', { name: '方案二「居民自清」' }).click();
    await owner.getByRole('button', { name: '确认作答' }).click();
    await owner.getByText('作答成功：您选择了方案二「居民自清」。').waitFor();

    await owner.reload();
    const mine = owner.getByTestId('my-ballots');
    await mine.waitFor();
    expect(await mine.innerText()).toMatch(/^本户已作答：方案二「居民自清」 · 网上投票 · \d{4}年/);
    expect(await owner.getByRole('button', { name: '方案一「物业清理」' }).count()).toBe(0);
    await owner.getByTestId('plan-1').getByText('1 票').waitFor();
    await shot(owner, 'phone-poll-answered');

    // The tenant, on the page loaded before, answers too: refused in the API's words.
    await tenant.getByRole('button', { name: '方案三「设置储物间」' }).click();
    await tenant.getByRole('button', { name: '确认作答' }).click();
    const refusal = tenant.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.innerText()).toMatch(/\p{Script=Han}/u);
    await tenant.getByTestId('my-ballots').getByText('本户已作答：方案二「居民自清」').waitFor();
    await shot(tenant, 'phone-poll-tenant-refused');
  });

  it('after the close: each plan’s count, the tie in words, the turnout', async () => {
    await as(NEIGHBOUR).post(`/resolutions/${resolutionId}/ballots`, { choice: 0 }).expect(201);
    await as('shuji').post(`/resolutions/${resolutionId}/close`).expect(200);
    const owner = await phone(VOTER);
    await owner.goto(`${base}/resolutions/${resolutionId}`);
    await owner.getByRole('heading', { name: RESOLUTION }).waitFor();
    const tie = owner.getByTestId('tie');
    await until(
      async () => {
        if ((await tie.count()) > 0) return true;
        await owner.reload();
        await owner.getByRole('heading', { name: RESOLUTION }).waitFor();
        return false;
      },
      20_000,
      'the tie on the result',
    );
    expect(await tie.innerText()).toBe('平票：方案一、方案二，需重新表决。');
    expect(await owner.getByTestId('winner').count()).toBe(0);
    for (const [i, n] of [1, 1, 0].entries())
      await owner.getByTestId(`plan-${i}`).getByText(`${n} 票`).waitFor();
    const turnout = await owner.getByTestId('poll-turnout').innerText();
    expect(turnout).toMatch(/^参与户数 \/ 总户数：2 \/ \d+/);
    expect(turnout).not.toContain('法定');
    await owner.getByRole('heading', { name: '结果', exact: true }).waitFor();
    await shot(owner, 'phone-poll-tie');
  });

  it('the secretary’s form offers the owners’ rules on an owners’ vote case, and plans', async () => {
    const other = await caseInDeliberation({
      store: platform.runtime.store,
      communityId,
      scope: { estate: '金泰和庄', building: '11号楼', entrance: null },
      title: '11号楼车棚改造',
    });
    const shuji = await phone('shuji');
    await shuji.goto(`${base}/cases/${other}`);
    const form = shuji.getByRole('form', { name: '起草决议' });
    await form.waitFor();
    // A five-party hall decides by the owners' vote: no poll, no council offered.
    expect(await form.getByText('居民意见征询').count()).toBe(0);
    expect(await form.getByText('议事会决定').count()).toBe(0);
    await form.getByLabel('在几个方案中选一个', { exact: false }).check();
    await form.getByRole('button', { name: '再加一个方案' }).click();
    expect(await form.getByRole('list', { name: '方案' }).getByRole('textbox').count()).toBe(3);
    await form.screenshot({ path: path.join(artifacts, 'phone-secretary-plans-form.png') });
  });
});
