import { type Page } from 'playwright-core';
import { PARTIES } from '@yishi/domain';
import { PARTY_ACCOUNTS } from './support/api';
import { CHINA_PHONE, checkPage, screenshot, useWebPlatform } from './support/browser';

/*
 * Meetings for real in the web app (docs/procedure.md, "Meetings for real"): the secretary
 * announces a meeting on the case page, shows the room's one-time code in large digits with its
 * QR code; one representative signs in on their phone from the case page, another with the code
 * (the page the QR code opens); the secretary then sees who signed in for which party, and how.
 */

interface CaseView {
  stage: string;
  meetings: { id: string; signIns: { userId: string; by: string }[] }[];
}

const TITLE = '12号楼2单元雨棚维修议事';

describe('web app in Chromium: a meeting announced, signed in on phones with the room code', () => {
  const web = useWebPlatform('web-meetings', {
    users: [...Object.values(PARTY_ACCOUNTS), 'yezhu-12-2-301'],
  });
  const { as, acknowledge, waitFor } = web.actors;
  let caseId: string;

  const caseView = async () =>
    (await as('shuji').get(`/cases/${caseId}`).expect(200)).body as CaseView;

  async function openCase(page: Page): Promise<void> {
    await page.goto(`${web.base}/cases/${caseId}`);
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
  }

  beforeAll(async () => {
    await as('shuji')
      .patch(`/communities/${web.communityId}/settings`, { noticePeriodHours: 0 })
      .expect(200);
    const opened = await as('shuji')
      .post(`/communities/${web.communityId}/cases`, {
        mechanism: 'five-party-hall',
        title: TITLE,
        description: '12号楼2单元雨棚破损，需商议维修方案',
        category: '公共设施',
        scope: { estate: '金泰和庄', building: '12号楼', entrance: '2单元' },
        procedure: { meeting: 'required', decision: 'council' },
      })
      .expect(201);
    caseId = (opened.body as { id: string }).id;
    await as('yezhu-12-2-301')
      .post(`/cases/${caseId}/demands`, { content: '雨棚又漏了', source: 'online' })
      .expect(201);
    await acknowledge(caseId, 'gathering', PARTIES);
    await as('shuji').post(`/cases/${caseId}/advance`, { to: 'analysis' }).expect(202);
    await waitFor(caseId, 'analysis', (c) => c.stage === 'analysis');
    await as('shuji')
      .post(`/cases/${caseId}/analysis`, {
        summary: '雨棚支架锈蚀',
        leadParty: 'property-company',
        options: [{ title: '更换雨棚', description: '物业牵头更换' }],
      })
      .expect(201);
    await acknowledge(caseId, 'analysis', PARTIES);
    await waitFor(caseId, 'deliberation', (c) => c.stage === 'deliberation');
    await acknowledge(caseId, 'deliberation', PARTIES);
  });

  it('the secretary announces it and shows the code; representatives sign in on their phones', async () => {
    const desk = await web.pages.signedIn('shuji', {
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      bypassCSP: true,
    });
    await openCase(desk);
    const form = desk.getByRole('form', { name: '议事会' });
    // Now, to the quarter hour, in Beijing time: its sign-in is open at once.
    const beijing = new Date(Date.now() + 8 * 3_600_000);
    await form
      .getByLabel('时', { exact: true })
      .selectOption(String(beijing.getUTCHours()).padStart(2, '0'));
    await form.getByLabel('地点').fill('社区党群服务中心二楼议事室');
    for (const party of ['业主委员会', '共建单位'])
      await form
        .getByRole('group', { name: `${party}（邀请）` })
        .getByRole('checkbox')
        .first()
        .check();
    await screenshot(desk, web.artifacts, 'desktop-meeting-schedule');
    await form.getByRole('button', { name: '发出会议通知' }).click();
    await desk.getByText('议事会已安排，已通知受邀人员').waitFor();
    const meetingId = (await caseView()).meetings[0]!.id;

    await desk.getByRole('button', { name: '显示会场签到码' }).click();
    const code = (await desk.getByTestId('room-code').innerText()).trim();
    expect(code).toMatch(/^[0-9]{6}$/);
    await desk.getByRole('img', { name: '签到二维码：用手机扫码签到' }).waitFor();
    await checkPage(desk, web.artifacts, 'desktop-meeting-code');

    // 业主委员会 signs in from the case page on their phone.
    const owners = await web.pages.signedIn(PARTY_ACCOUNTS['owners-committee'], {
      ...CHINA_PHONE,
      bypassCSP: true,
    });
    await openCase(owners);
    // The first card says it, not "nothing to do".
    await owners
      .getByTestId('meeting-call')
      .getByText(/到场后请签到/)
      .waitFor();
    await checkPage(owners, web.artifacts, 'phone-meeting-invited');
    await owners.getByRole('button', { name: '我已到场，签到' }).click();
    await owners.getByText('签到成功').waitFor();

    // 共建单位 scans the room's QR code: the page opens with the code filled in.
    const partner = await web.pages.signedIn(PARTY_ACCOUNTS['partner-units'], {
      ...CHINA_PHONE,
      bypassCSP: true,
    });
    await partner.goto(`${web.base}/meetings/${meetingId}/sign-in?code=${code}`);
    await partner.getByRole('heading', { name: '议事会签到' }).waitFor();
    await checkPage(partner, web.artifacts, 'phone-meeting-code');
    await partner.getByRole('button', { name: '签到', exact: true }).click();
    await partner.getByRole('heading', { name: '签到成功' }).waitFor();
    await partner.getByText('您已作为共建单位签到。').waitFor();

    // The secretary sees who signed in, for which party and how.
    await openCase(desk);
    const meeting = desk.getByTestId('meeting').first();
    await meeting.getByText(/业主委员会：.*（本人签到）/).waitFor();
    await meeting.getByText(/共建单位：.*（现场签到码）/).waitFor();
    await meeting.getByText(/尚未签到：.*党组织/).waitFor();
    await screenshot(desk, web.artifacts, 'desktop-meeting-signed-in');
    expect((await caseView()).meetings[0]!.signIns.map((s) => s.by)).toEqual(['self', 'code']);
  });
});
