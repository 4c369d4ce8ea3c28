import { type Page } from 'playwright-core';
import { CHINA_PHONE, checkPage, screenshot, useWebPlatform } from './support/browser';
import { demoCommunityUnits } from './support/demo-units';

/*
 * Issue 23, step 6 (docs/procedure.md): the new-case form picks the procedure, and a mediation
 * (矛盾调解) is opened, drafted and signed in the web app on phones (390×844). The secretary opens
 * a 邻里会商 decided by the council (议事会决定), reading what each way of deciding means and the
 * law's threshold for an Art. 278 matter; then a mediation between two households of 12号楼2单元,
 * whose mediator drafts the agreement and whose two sides each sign it on their phone, after
 * which the case shows 调解成功.
 */

interface CaseView {
  mechanism: string;
  stage: string;
  status: string;
  procedure: { meeting: string; decision: string; civilCodeMatter: string | null };
  closure: { outcome: string } | null;
  mediation: {
    sides: { unitId: string; userIds: string[] }[];
    mediatorId: string;
    agreement: { draft: number; signatures: { unitId: string }[] } | null;
  } | null;
}

const SIDE_A = 'yezhu-12-2-301';
const SIDE_B = 'yezhu-12-2-401';
const MEDIATOR = 'tiaojie-zhou';

describe('web app in Chromium: the procedure of a new case, and a mediation signed on phones', () => {
  const web = useWebPlatform('web-procedure', { users: [SIDE_A, SIDE_B] });
  const { as, userIds } = web.actors;
  let units: Record<string, string>;

  const caseView = async (id: string) =>
    (await as('shuji').get(`/cases/${id}`).expect(200)).body as CaseView;

  /** The secretary on a phone, on 新建案件. */
  async function newCasePage(): Promise<Page> {
    const page = await web.pages.signedIn('shuji', { ...CHINA_PHONE, bypassCSP: true });
    await page.goto(`${web.base}/console/new`);
    await page.getByRole('heading', { name: '新建案件' }).waitFor();
    return page;
  }

  /** The case page on `page`, once its title shows. */
  async function openCase(page: Page, caseId: string, title: string): Promise<void> {
    await page.goto(`${web.base}/cases/${caseId}`);
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
  }

  beforeAll(async () => {
    units = (await demoCommunityUnits(as('shuji'))).units;
    const mediator = await as('shuji')
      .post('/users', { username: MEDIATOR, password: 'yishi-demo', displayName: '周调解员' })
      .expect(201);
    await as('shuji')
      .post(`/communities/${web.communityId}/memberships`, {
        userId: (mediator.body as { id: string }).id,
        roles: ['mediator'],
      })
      .expect(201);
  });

  it('opens a 邻里会商 decided by the council, each way of deciding explained', async () => {
    const page = await newCasePage();
    await page.getByLabel('邻里会商').check();
    await page.getByLabel('标题').fill('11号楼1单元楼道堆物清理');
    await page.getByLabel('情况描述').fill('楼道堆放杂物，影响通行和消防安全，需商量清理办法。');
    await page.getByLabel('楼栋（可不选：整个小区）').selectOption('11号楼');
    await page.getByLabel('单元（可不选：整栋楼）').selectOption('1单元');
    // Left alone, the form says the default and sends none.
    await page
      .getByTestId('procedure-default')
      .getByText('邻里会商默认：须召开议事会 · 议事会决定')
      .waitFor();
    await page.getByLabel('为本案选择程序').check();
    const decision = page.getByRole('group', { name: '决定方式' });
    for (const sentence of [
      '一户一票',
      '每户（业主或租户）答一次',
      '到场各方都同意即通过',
      '不经表决',
    ])
      await decision.getByText(sentence).waitFor();
    // An Art. 278 matter forces the owners' vote and says the law's threshold.
    await page.getByLabel('民法典第二百七十八条事项').selectOption('common-parts-use');
    await page
      .getByTestId('civil-code-rule')
      .getByText('参与表决者四分之三以上同意', { exact: false })
      .waitFor();
    expect(await page.getByRole('radio', { name: /议事会决定/ }).isDisabled()).toBe(true);
    expect(await page.getByRole('radio', { name: /业主表决/ }).isChecked()).toBe(true);
    await screenshot(page, web.artifacts, 'procedure-civil-code-matter');
    // Not an Art. 278 matter after all: the council decides, a meeting required.
    await page.getByLabel('民法典第二百七十八条事项').selectOption('');
    await page.getByRole('radio', { name: /须召开议事会/ }).check();
    await page.getByRole('radio', { name: /议事会决定/ }).check();
    await checkPage(page, web.artifacts, 'procedure-new-case-council');
    await page.getByRole('button', { name: '立项' }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const caseId = page.url().split('/').pop()!;
    expect((await caseView(caseId)).procedure).toEqual({
      meeting: 'required',
      decision: 'council',
      civilCodeMatter: null,
    });
    await page
      .getByTestId('case-procedure')
      .getByText('议事程序：须召开议事会 · 议事会决定')
      .waitFor();
    await screenshot(page, web.artifacts, 'procedure-case-head');
  });

  it('opens a mediation between two households, drafts the agreement, each side signs on the phone: 调解成功', async () => {
    const title = '12号楼2单元301与401漏水纠纷';
    const page = await newCasePage();
    await page.getByLabel('矛盾调解').check();
    await page.getByLabel('标题').fill(title);
    await page.getByLabel('情况描述').fill('401 卫生间漏水，301 吊顶受损，两户协商未果。');
    await page.getByLabel('类别').fill('邻里纠纷');
    await page.getByLabel('楼栋（可不选：整个小区）').selectOption('12号楼');
    await page.getByLabel('单元（可不选：整栋楼）').selectOption('2单元');
    // No procedure to pick: a mediation ends in the sides' agreement.
    expect(await page.getByText('议事程序').count()).toBe(0);
    await page.getByLabel('当事方1的房屋').selectOption({ label: '12号楼2单元301' });
    await page
      .getByRole('group', { name: '当事方1的当事人' })
      .getByRole('checkbox', { name: '12号楼2单元301业主' })
      .check();
    await page.getByLabel('当事方2的房屋').selectOption({ label: '12号楼2单元401' });
    await page
      .getByRole('group', { name: '当事方2的当事人' })
      .getByRole('checkbox', { name: '12号楼2单元401业主' })
      .check();
    await page.getByLabel('调解员', { exact: true }).selectOption({ label: '周调解员（调解员）' });
    await checkPage(page, web.artifacts, 'mediation-new-case');
    await page.getByRole('button', { name: '立项' }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const caseId = page.url().split('/').pop()!;
    const opened = await caseView(caseId);
    expect(opened.mechanism).toBe('mediation');
    expect(opened.mediation?.sides).toEqual([
      { unitId: units['12-2-301'], userIds: [userIds[SIDE_A]] },
      { unitId: units['12-2-401'], userIds: [userIds[SIDE_B]] },
    ]);
    await page.getByTestId('case-procedure').getByText('矛盾调解', { exact: false }).waitFor();

    // A side tells what happened; the secretary starts the mediation (开始调解).
    await as(SIDE_A)
      .post(`/cases/${caseId}/demands`, {
        content: '楼上漏水，吊顶发霉',
        source: 'online',
        unitId: units['12-2-301'],
      })
      .expect(201);
    await openCase(page, caseId, title);
    await page.getByRole('button', { name: '开始调解' }).click();
    await page.getByRole('button', { name: '调解不成，结案' }).waitFor({ timeout: 30_000 });
    await screenshot(page, web.artifacts, 'mediation-secretary');

    // The mediator drafts the agreement on their phone.
    const mediator = await web.pages.signedIn(MEDIATOR, CHINA_PHONE);
    await openCase(mediator, caseId, title);
    await mediator.getByTestId('agreement-call').waitFor();
    const text = '401 室于 12 月 20 日前修复卫生间防水层，并赔偿 301 室吊顶维修费 1800 元。';
    await mediator.getByLabel('调解协议内容').fill(text);
    await mediator.getByRole('button', { name: '起草调解协议' }).click();
    await mediator.getByTestId('agreement-text').getByText(text).waitFor();
    await screenshot(mediator, web.artifacts, 'mediation-mediator-drafted');

    // Each side reads the text above the button and signs it.
    for (const [who, i] of [
      [SIDE_A, 1],
      [SIDE_B, 2],
    ] as const) {
      const side = await web.pages.signedIn(who, { ...CHINA_PHONE, bypassCSP: true });
      await openCase(side, caseId, title);
      await side.getByTestId('agreement-text').getByText(text).waitFor();
      const sign = side.getByRole('button', { name: '我已阅读，代表本户签署' });
      // The agreement comes before the button on the page.
      const [textBox, buttonBox] = await Promise.all([
        side.getByTestId('agreement-text').boundingBox(),
        sign.boundingBox(),
      ]);
      expect(textBox!.y).toBeLessThan(buttonBox!.y);
      if (i === 1) await checkPage(side, web.artifacts, 'mediation-side-to-sign');
      await sign.click();
      if (i === 1) {
        await side.getByText('您这一方已签署本稿，等待其他各方签署。').waitFor();
        await screenshot(side, web.artifacts, 'mediation-side-signed');
      } else {
        await side.getByTestId('mediation-end').getByText('调解成功', { exact: false }).waitFor();
        await side.getByTestId('case-stage').getByText('已销号：调解成功').waitFor();
        await checkPage(side, web.artifacts, 'mediation-resolved');
      }
    }
    const closed = await caseView(caseId);
    expect(closed.status).toBe('closed');
    expect(closed.closure?.outcome).toBe('resolved');
    expect(closed.mediation?.agreement?.signatures).toHaveLength(2);
  });
});
