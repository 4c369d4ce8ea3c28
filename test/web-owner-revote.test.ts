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

/*
 * Issue 19 at phone size (390×844): a unit's ballot entered by a building lead (paper) or cast by a
 * proxy is 已投票 for its owner, and the owner (only the owner) may vote in person instead, once,
 * after a confirmation: 由本人重新投票. The lead and the proxy cannot vote again for it (409
 * ALREADY_VOTED) and are not offered it. Screenshots under test/artifacts/web/.
 */

const RESOLUTION = '关于12号楼楼道照明改造的决议';
const OWNER = 'yezhu-12-2-301';
const GRANTOR = 'yezhu-12-1-101';
const AGENT = 'yezhu-10-1-101';
const LEAD = 'loudongzhang';
const REVOTE = '由本人重新投票（将替代代理人/楼栋长录入的选票）';

interface Me {
  ballots: { unitId: string; choice: string; channel: string; castAt: string; byOwner: boolean }[];
}

describe('web app: the owner votes in person instead of a proxy or a building lead', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let base: string;
  let pages: BrowserPages;
  let artifacts: string;
  let resolutionId: string;
  const units: Record<string, string> = {};
  const { as, signIn, userIds, errorOf } = httpActors(() => server);

  beforeAll(async () => {
    ensureWebBuild();
    artifacts = artifactsDir('web');
    ({ db, platform, server } = await startDemoPlatform(
      'web-owner-revote',
      { RECONCILE_EVERY_MS: String(3_600_000) },
      { webApp: true },
    ));
    base = await listenLocally(server);
    await signIn('shuji', OWNER, GRANTOR, AGENT, LEAD);
    const communityId = (
      (await as('shuji').get('/me').expect(200)).body as { memberships: { communityId: string }[] }
    ).memberships[0]!.communityId;
    const { rows } = await db.pool.query<{ id: string; entrance: string; room: string }>(
      `SELECT u.id, n.name AS entrance, u.room FROM units u
         JOIN entrances n ON n.id = u.entrance_id JOIN buildings b ON b.id = n.building_id
        WHERE u.community_id = $1 AND b.name = '12号楼'`,
      [communityId],
    );
    for (const r of rows) units[`${r.entrance.replace('单元', '')}-${r.room}`] = r.id;
    // The owner of 12-1-101 gives a neighbour from another building a written proxy.
    await as(GRANTOR)
      .post(`/communities/${communityId}/proxies`, {
        unitId: units['1-101'],
        agentId: userIds[AGENT],
        validUntil: new Date(Date.now() + 86_400_000).toISOString(),
        scanUrl: 'https://files.example.cn/proxies/12-1-101.pdf',
      })
      .expect(201);
    const caseId = await caseInDeliberation({
      store: platform.runtime.store,
      communityId,
      scope: { estate: '金泰和庄', building: '12号楼', entrance: null },
      title: '12号楼楼道照明改造',
    });
    const drafted = await as('shuji')
      .post(`/cases/${caseId}/resolutions`, {
        title: RESOLUTION,
        text: '更换12号楼楼道照明灯具，费用使用公共收益。',
        rule: 'simple-majority',
        matter: 'ordinary',
        closesAt: new Date(Date.now() + 48 * 3_600_000).toISOString(),
      })
      .expect(201);
    resolutionId = (drafted.body as { id: string }).id;
    pages = new BrowserPages(await launchChromium(), base);
  }, 120_000);

  afterAll(async () => {
    await pages?.close();
    await platform?.close();
    await db?.drop();
  });

  const phone = (username: string): Promise<Page> => pages.signedIn(username, CHINA_PHONE);
  const shot = (page: Page, name: string) => screenshot(page, artifacts, name);
  const me = async (who: string): Promise<Me> =>
    ((await as(who).get(`/resolutions/${resolutionId}`).expect(200)).body as { me: Me }).me;
  const ballotOf = async (who: string, unit: string) =>
    (await me(who)).ballots.find((b) => b.unitId === units[unit]);

  async function revote(page: Page, choice: '同意' | '反对' | '弃权'): Promise<void> {
    await page.getByRole('button', { name: REVOTE }).click();
    await page.getByLabel(choice).check();
    await page.getByRole('button', { name: '投票', exact: true }).click();
    const confirm = page.getByRole('group', { name: '确认投票' });
    await confirm.getByText('这一票将替代代理人/楼栋长录入的选票。', { exact: false }).waitFor();
    await confirm.getByRole('button', { name: '确认投票' }).click();
    await page.getByText(`投票成功：您选择了「${choice}」。`).waitFor();
  }

  it("a building lead's paper entry: the owner sees it, votes in person once, and the lead cannot again", async () => {
    await as(LEAD)
      .post(`/resolutions/${resolutionId}/ballots`, {
        choice: 'for',
        unitId: units['2-301'],
        channel: 'paper',
        sheetRef: 'ZM-2-301',
      })
      .expect(201);
    // The lead's page: no offer to vote again for the unit.
    const lead = await phone(LEAD);
    await lead.goto(`${base}/resolutions/${resolutionId}`);
    await lead.getByRole('heading', { name: RESOLUTION }).waitFor();
    await lead.getByRole('form', { name: '录入纸质选票' }).waitFor();
    expect(await lead.getByRole('button', { name: REVOTE }).count()).toBe(0);

    const owner = await phone(OWNER);
    await owner.goto(`${base}/resolutions/${resolutionId}`);
    const mine = owner.getByTestId('my-ballots');
    await mine.waitFor();
    const paper = (await ballotOf(OWNER, '2-301'))!;
    expect(await mine.innerText()).toBe(
      `已投票：同意 · 纸质表决票 · ${formatChineseTime(paper.castAt)}`,
    );
    await owner.getByRole('button', { name: REVOTE }).waitFor();
    await shot(owner, 'phone-owner-revote-offer');
    // 再想想 leaves the lead's ballot standing.
    await owner.getByRole('button', { name: REVOTE }).click();
    await owner.getByLabel('反对').check();
    await owner.getByRole('button', { name: '投票', exact: true }).click();
    await owner.getByRole('button', { name: '再想想' }).click();
    expect((await ballotOf(OWNER, '2-301'))?.channel).toBe('paper');
    await owner.reload();
    await revote(owner, '反对');
    await owner.reload();
    const own = (await ballotOf(OWNER, '2-301'))!;
    expect(own).toMatchObject({ choice: 'against', channel: 'online', byOwner: true });
    expect(await owner.getByTestId('my-ballots').innerText()).toBe(
      `已投票：反对 · 网上投票 · ${formatChineseTime(own.castAt)}`,
    );
    // Final now: no form, no offer.
    expect(await owner.getByRole('button', { name: REVOTE }).count()).toBe(0);
    expect(await owner.getByRole('radio').count()).toBe(0);
    await shot(owner, 'phone-owner-revoted');

    // Neither the lead nor the owner can vote for the unit again.
    const again = await as(LEAD).post(`/resolutions/${resolutionId}/ballots`, {
      choice: 'for',
      unitId: units['2-301'],
      channel: 'paper',
      sheetRef: 'ZM-2-301-2',
    });
    expect(errorOf(again)).toEqual([409, 'ALREADY_VOTED']);
    const twice = await as(OWNER).post(`/resolutions/${resolutionId}/ballots`, { choice: 'for' });
    expect(errorOf(twice)).toEqual([409, 'ALREADY_VOTED']);
  });

  it("a proxy's ballot: the agent cannot vote again nor is offered to; the owner replaces it", async () => {
    await as(AGENT)
      .post(`/resolutions/${resolutionId}/ballots`, { choice: 'abstain', unitId: units['1-101'] })
      .expect(201);
    const second = await as(AGENT).post(`/resolutions/${resolutionId}/ballots`, {
      choice: 'for',
      unitId: units['1-101'],
    });
    expect(errorOf(second)).toEqual([409, 'ALREADY_VOTED']);
    const agent = await phone(AGENT);
    await agent.goto(`${base}/resolutions/${resolutionId}`);
    await agent.getByRole('heading', { name: RESOLUTION }).waitFor();
    await agent.getByTestId('my-ballots').waitFor();
    expect(await agent.getByRole('button', { name: REVOTE }).count()).toBe(0);

    const grantor = await phone(GRANTOR);
    await grantor.goto(`${base}/resolutions/${resolutionId}`);
    await grantor.getByTestId('my-ballots').getByText('受托人代投', { exact: false }).waitFor();
    await revote(grantor, '同意');
    await grantor.reload();
    const own = (await ballotOf(GRANTOR, '1-101'))!;
    expect(own).toMatchObject({ choice: 'for', channel: 'online', byOwner: true });
    expect(await grantor.getByTestId('my-ballots').innerText()).toBe(
      `已投票：同意 · 网上投票 · ${formatChineseTime(own.castAt)}`,
    );
    expect(await grantor.getByRole('button', { name: REVOTE }).count()).toBe(0);
  });
});
