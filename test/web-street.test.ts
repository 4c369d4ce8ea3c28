import { readFileSync } from 'node:fs';
import { type Locator, type Page } from 'playwright-core';
import { formatChineseTime } from '@yishi/domain';
import { CHINA_PHONE, checkPage, useWebPlatform } from './support/browser';
import { until } from './support/wait';

/*
 * The street's dashboard (街道看板, /street) in Chromium, as the demo street's officer (jiedao):
 * first with no whistle, the empty state says what to do; then with two whistles gone through over
 * HTTP (城管执法中队 answered and rated satisfied; 住建所 answered and rated dissatisfied), the
 * departments ranked, the month charts, the communities' yardsticks, the CSV download; and the
 * street's open whistles (住建所's reopened, and a third one waiting, 待签收, first): linked, the
 * deadline in CST, marked 已超时 once the browser's clock is past it. At phone
 * size (390×844) and on a desktop, with nothing wider than the screen and no serious axe finding.
 * Screenshots under test/artifacts/web/.
 */
jest.setTimeout(180_000);

const DESK = { width: 1280, height: 900 };

describe("the street's dashboard (web)", () => {
  const web = useWebPlatform('web-street', {
    users: ['jiedao', 'chengguan2', 'zhujian2', 'chengguan'],
  });
  const open = async (viewport: { width: number; height: number }) => {
    const page = await web.pages.signedIn('jiedao', { ...CHINA_PHONE, viewport, bypassCSP: true });
    await page.getByRole('link', { name: '街道看板' }).click();
    await page.getByRole('heading', { name: '街道看板', level: 1 }).waitFor();
    return page;
  };
  const check = (page: Page, name: string) => checkPage(page, web.artifacts, name);

  it('says what to do when no whistle came in, then ranks the departments with charts and CSV', async () => {
    const empty = await open(CHINA_PHONE.viewport!);
    await empty.getByText('这段时间各部门没有收到吹哨').waitFor();
    await empty.getByText('本街道暂无未办结的吹哨').waitFor();
    await empty.getByTestId('community-yardsticks').getByText('学苑社区').waitFor();
    await check(empty, 'phone-street-empty');

    const { as } = web.actors;
    const street = (
      (await as('shuji').get(`/communities/${web.communityId}`).expect(200)).body as {
        streetId: string;
      }
    ).streetId;
    const departments = (
      (await as('jiedao').get(`/streets/${street}`).expect(200)).body as {
        departments: { id: string; name: string }[];
      }
    ).departments;
    const idOf = (name: string) => departments.find((d) => d.name === name)!.id;
    const whistle = async (department: string, member: string, rating: object) => {
      const w = (
        await as('shuji')
          .post(`/communities/${web.communityId}/whistles`, {
            subject: `${department}吹哨`,
            description: '街道看板测试',
            departmentIds: [idOf(department)],
          })
          .expect(201)
      ).body as { id: string };
      await as(member).post(`/whistles/${w.id}/acceptance`, {}).expect(201);
      await as(member).post(`/whistles/${w.id}/check-in`, { note: '已到场' }).expect(201);
      await as(member).post(`/whistles/${w.id}/feedback`, { result: '已处理' }).expect(201);
      await as('shuji').post(`/whistles/${w.id}/rating`, rating).expect(201);
    };
    await whistle('城管执法中队', 'chengguan2', { rating: 'satisfied' });
    await whistle('住建所', 'zhujian2', { rating: 'dissatisfied', comment: '未解决' });
    // 住建所's, rated dissatisfied, is open again (已签收, its answer deadline days away); a third
    // waits for 市场监管所 to accept it within hours: the street's open whistles, that one first.
    const waiting = (
      (
        await as('shuji')
          .post(`/communities/${web.communityId}/whistles`, {
            subject: '12号楼旁违章搭建',
            description: '街道看板测试：待签收',
            departmentIds: [idOf('市场监管所')],
          })
          .expect(201)
      ).body as { id: string }
    ).id;
    let openWhistles: { id: string; subject: string; dueAt: string }[] = [];
    await until(
      async () => {
        openWhistles = (
          (await as('jiedao').get(`/streets/${street}/whistles`).expect(200)).body as {
            items: typeof openWhistles;
          }
        ).items;
        return openWhistles.map((w) => w.id)[0] === waiting && openWhistles.length === 2;
      },
      20_000,
      'the waiting whistle first of the two open ones',
    );
    const [first, second] = openWhistles as [(typeof openWhistles)[0], (typeof openWhistles)[0]];
    const cells = async (row: Locator) =>
      (await row.innerText()).split('\t').map((cell) => cell.trim());
    const listed = async (page: Page) => {
      const rows = page.getByTestId('street-whistles').locator('tbody tr');
      await rows.getByRole('link', { name: '12号楼旁违章搭建' }).waitFor();
      expect(await rows.count()).toBe(2);
      expect(await rows.first().getByRole('link').getAttribute('href')).toBe(
        `/whistles/${waiting}`,
      );
      expect(await cells(rows.first())).toEqual([
        '学苑社区',
        '12号楼旁违章搭建',
        '市场监管所',
        '待签收',
        formatChineseTime(first.dueAt),
      ]);
      expect(await cells(rows.nth(1))).toEqual([
        '学苑社区',
        '住建所吹哨',
        '住建所',
        '已签收',
        formatChineseTime(second.dueAt),
      ]);
    };

    const phone = await open(CHINA_PHONE.viewport!);
    // The read model catches up: reload until the whistles are counted.
    await until(
      async () => {
        await phone.reload();
        await phone.getByRole('heading', { name: '街道看板', level: 1 }).waitFor();
        await phone.getByRole('region', { name: /各社区诉求与案件/ }).waitFor();
        return (await phone.getByTestId('street-rates').count()) > 0;
      },
      20_000,
      'the whistles on the dashboard',
    );
    await phone.getByTestId('street-rates').getByText('收到吹哨').waitFor();
    const rows = await phone.getByTestId('department-ranking').locator('tbody tr').allInnerTexts();
    expect(rows[0]).toMatch(/^1\s+城管执法中队\s+1\s+100\.0%（1\/1）\s+100\.0%（1\/1）/);
    expect(rows[1]).toMatch(/^2\s+住建所\s+1\s+0\.0%（0\/1）\s+100\.0%（1\/1）/);
    await phone
      .getByRole('img', {
        name: /^按月评价：\d{4}年\d{1,2}月满意 1 次，基本满意 0 次，不满意 1 次/,
      })
      .waitFor();
    await phone
      .getByRole('img', {
        name: /^按月平均用时：\d{4}年\d{1,2}月报到 (不到 1 分钟|\d+ 分钟|[\d.]+ 小时)（2 件）/,
      })
      .waitFor();
    await phone
      .getByRole('img', { name: /^各部门满意率与按时签收率：城管执法中队满意率 100\.0%/ })
      .waitFor();
    await listed(phone);
    await check(phone, 'phone-street');

    const desk = await open(DESK);
    await desk.getByTestId('street-rates').waitFor();
    await listed(desk);
    await check(desk, 'desktop-street');
    const [download] = await Promise.all([
      desk.waitForEvent('download'),
      desk.getByRole('button', { name: '导出 CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('秀谷镇统计.csv');
    const csv = readFileSync(await download.path());
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.toString('utf8')).toContain('秀谷镇（全街道）');
    await desk.getByText('已导出 CSV 文件').waitFor();

    // An hour past the deadline, as the browser's clock has it: the row says 已超时.
    // 住建所's answer deadline still ahead: only the first row is marked.
    await desk.clock.setFixedTime(Date.parse(first.dueAt) + 3_600_000);
    await desk.reload();
    const late = desk.getByTestId('street-whistles').locator('tbody tr');
    await late.getByText('（已超时）').waitFor();
    expect((await cells(late.first())).at(-1)).toBe(`${formatChineseTime(first.dueAt)}（已超时）`);
    expect((await cells(late.nth(1))).at(-1)).toBe(formatChineseTime(second.dueAt));
    await check(desk, 'desktop-street-overdue');
  });

  it('has no 街道看板 link for a department member who is not in the street office', async () => {
    const page = await web.pages.signedIn('chengguan', CHINA_PHONE);
    await page.getByRole('navigation', { name: '主导航' }).waitFor();
    expect(await page.getByRole('link', { name: '街道看板' }).count()).toBe(0);
  });
});
