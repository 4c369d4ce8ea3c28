import { type Server } from 'node:http';
import { type Page } from 'playwright-core';
import { formatChineseTime } from '@yishi/domain';
import {
  artifactsDir,
  BrowserPages,
  CHINA_PHONE,
  ensureWebBuild,
  launchChromium,
  listenLocally,
  screenshot,
} from './support/browser';
import { caseInDeliberation } from './support/case-fixture';
import { type TestDatabase } from './support/database';
import { httpActors } from './support/http-actors';
import { startDemoPlatform, type TestPlatform } from './support/platform';
import { until } from './support/wait';

/*
 * Issue 19 in a real browser at phone size (390×844): an owner sees 投票中 on the home list, the
 * case page offers 去投票 first, the owner votes, reloads and sees 已投票 with the choice, the
 * channel and the time (China Standard Time, in Chinese), never the form again; an owner outside
 * the electorate reads the API's reason instead of a form; a party's desk shows 已签收 for the
 * stages its party signed, with no 签收 button. Screenshots under test/artifacts/web/.
 */

const TITLE = '12号楼外墙渗水修缮';
const RESOLUTION = '关于12号楼外墙渗水修缮的决议';
const VOTER = 'yezhu-12-2-301';
const OUTSIDER = 'yezhu-11-1-101';
const PARTY = 'wuye';

describe('web app: an owner votes on the phone and sees it after a reload; the party desk shows 已签收', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let base: string;
  let pages: BrowserPages;
  let caseId: string;
  let resolutionId: string;
  let artifacts: string;
  const { as, signIn: signInApi } = httpActors(() => server);

  beforeAll(async () => {
    ensureWebBuild();
    artifacts = artifactsDir('web');
    ({ db, platform, server } = await startDemoPlatform(
      'web-resident-vote',
      { RECONCILE_EVERY_MS: String(3_600_000) },
      { webApp: true },
    ));
    base = await listenLocally(server);
    await signInApi('shuji', VOTER);
    const communityId = (
      (await as('shuji').get('/me').expect(200)).body as { memberships: { communityId: string }[] }
    ).memberships[0]!.communityId;
    // A case on 12号楼 in deliberation, every stage signed by every party, and its vote open.
    caseId = await caseInDeliberation({
      store: platform.runtime.store,
      communityId,
      scope: { estate: '金泰和庄', building: '12号楼', entrance: null },
      title: TITLE,
    });
    const drafted = await as('shuji')
      .post(`/cases/${caseId}/resolutions`, {
        title: RESOLUTION,
        text: '由物业牵头修缮12号楼外墙，费用使用维修资金。',
        rule: 'simple-majority',
        matter: 'ordinary',
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

  it('an owner: 投票中 on the list, 去投票 first, votes, and sees 已投票 after a reload', async () => {
    const owner = await phone(VOTER);
    await owner.getByRole('heading', { name: '社区议事' }).waitFor();
    const card = owner.locator('.case-card', { hasText: TITLE });
    await until(
      async () => {
        if ((await card.count()) > 0) return true;
        await owner.reload();
        return false;
      },
      20_000,
      'the case on the home list',
    );
    await card.getByTestId('voting-mark').getByText('投票中', { exact: true }).waitFor();
    // Cases with an open vote come first.
    await owner.locator('.case-card').first().getByTestId('voting-mark').waitFor();
    await shot(owner, 'phone-resident-home-voting');

    await card.getByRole('link', { name: TITLE, exact: true }).click();
    const actions = owner.getByRole('region', { name: '可办理的事项' });
    // 去投票 is the first thing the page asks of the owner; never "nothing to do".
    const first = actions.locator('.action').first();
    await first.getByRole('link', { name: '去投票' }).waitFor();
    expect(await actions.getByText('目前没有需要您办理的事项').count()).toBe(0);
    await shot(owner, 'phone-resident-case-vote-call');

    await first.getByRole('link', { name: '去投票' }).click();
    await owner.getByRole('heading', { name: RESOLUTION }).waitFor();
    await owner.getByLabel('反对').check();
    await owner.getByRole('button', { name: '投票', exact: true }).click();
    await owner.getByRole('button', { name: '确认投票' }).click();
    await owner.getByText('投票成功：您选择了「反对」。').waitFor();

    // After a reload: 已投票 with the choice, the channel and the time in CST; no form.
    const { me } = (await as(VOTER).get(`/resolutions/${resolutionId}`).expect(200)).body as {
      me: { ballots: { castAt: string }[] };
    };
    const castAt = me.ballots[0]!.castAt;
    await owner.reload();
    const mine = owner.getByTestId('my-ballots');
    await mine.waitFor();
    expect(await mine.innerText()).toBe(`已投票：反对 · 网上投票 · ${formatChineseTime(castAt)}`);
    expect(formatChineseTime(castAt)).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
    expect(await owner.getByRole('radio').count()).toBe(0);
    expect(await owner.getByRole('button', { name: '投票', exact: true }).count()).toBe(0);
    await shot(owner, 'phone-resident-voted');

    // Back on the case page: 已投票 there too, and no 去投票.
    await owner.getByRole('link', { name: '← 返回案件' }).click();
    await owner.getByTestId('vote-call').getByTestId('my-ballots').waitFor();
    expect(await owner.getByRole('link', { name: '去投票' }).count()).toBe(0);
    await shot(owner, 'phone-resident-case-voted');
  });

  it('an owner outside the electorate reads the reason, not a form', async () => {
    const outsider = await phone(OUTSIDER);
    await outsider.goto(`${base}/resolutions/${resolutionId}`);
    await outsider.getByRole('heading', { name: RESOLUTION }).waitFor();
    const reason = outsider.getByTestId('cannot-vote');
    await reason.waitFor();
    expect(await reason.innerText()).toBe('您名下没有参加本次表决的房屋');
    expect(await outsider.getByRole('radio').count()).toBe(0);
    expect(await outsider.getByRole('button', { name: '投票', exact: true }).count()).toBe(0);
    await shot(outsider, 'phone-outsider-vote');
    // On the case page: the reason, no 去投票.
    await outsider.goto(`${base}/cases/${caseId}`);
    await outsider.getByTestId('vote-call').getByTestId('cannot-vote').waitFor();
    expect(await outsider.getByRole('link', { name: '去投票' }).count()).toBe(0);
  });

  it('the party desk shows 已签收 for the stages its party signed, with no 签收 button', async () => {
    const party = await phone(PARTY);
    await party.goto(`${base}/desk`);
    const items = party.locator('.inbox-item', { hasText: `《${TITLE}》进入` });
    await until(
      async () => {
        if ((await items.count()) >= 3) return true;
        await party.getByRole('button', { name: '刷新' }).click();
        await party.waitForTimeout(300);
        return false;
      },
      20_000,
      'the three stage-entered notices of the case',
    );
    for (let i = 0; i < 3; i++) {
      const item = items.nth(i);
      await item
        .getByTestId('ack-state')
        .getByText(/^已签收（\d{4}年/)
        .waitFor();
      expect(await item.getByRole('button', { name: '签收' }).count()).toBe(0);
    }
    // The parties hear of the vote for information: no call to vote, nothing to sign.
    const notice = party.locator('.inbox-item', { hasText: `《${RESOLUTION}》已开始由业主表决` });
    await notice.waitFor();
    expect(await notice.getByRole('button', { name: '签收' }).count()).toBe(0);
    await shot(party, 'phone-party-desk-acknowledged');
  });
});
