import path from 'node:path';
import { type Download, type Page } from 'playwright-core';
import { CHINA_PHONE, screenshot, useWebPlatform } from './support/browser';

/*
 * Issue 21, the secretary's ledger (诉求台账) in a real browser at desk size (1280×800), on the
 * demo community with its seeded ledger (SEED_DEMO_LEDGER): 20 rows and 20 more at 加载更多 (the
 * API's cursor), 12345 tickets imported (two past the
 * hotline's own deadline, one at an address that names no building), the ledger filtered to the
 * overdue (kept across a reload) and searched, two overdue demands escalated into a new case that
 * lists them, a duplicate merged into the demand kept, the CSV of the filtered rows downloaded,
 * and the yardsticks with their bases on the statistics page; one screenshot at phone size.
 */

interface Item {
  id: string;
  number: string;
  content: string;
  status: string;
  overdue: boolean;
}

/** `2026-12-04 09:10` in China Standard Time, `hours` from now: the hotline's own time format. */
const cst = (hours: number): string =>
  new Date(Date.now() + hours * 3_600_000 + 8 * 3_600_000)
    .toISOString()
    .slice(0, 16)
    .replace('T', ' ');

/** Tickets received three days ago, the hotline's own deadlines passed yesterday. */
const TICKETS = [
  '工单编号,受理时间,诉求内容,诉求类别,地址,办理时限',
  `GD20261204000101,${cst(-72)},10号楼门口路灯又不亮了，晚上很黑,市政设施/路灯,金泰和庄10号楼1单元101,${cst(-24)}`,
  `GD20261204000102,${cst(-71)},10号楼前路灯损坏多日无人修,市政设施/路灯,金泰和庄10号楼2单元302,${cst(-24)}`,
  `GD20261205000103,${cst(-70)},小区东门外垃圾桶满了无人清运,市容环卫/垃圾清运,幸福路东段人行道,${cst(-20)}`,
].join('\n');

const DESK = { width: 1280, height: 800 };

async function readDownload(download: Download): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('web app: the secretary works the demands ledger', () => {
  const web = useWebPlatform('web-ledger', { env: { SEED_DEMO_LEDGER: 'true' } });
  const { as } = web.actors;

  const listed = async (query = ''): Promise<{ items: Item[]; total: number }> =>
    (await as('shuji').get(`/communities/${web.communityId}/demands?limit=100${query}`).expect(200))
      .body as { items: Item[]; total: number };
  const rows = (page: Page) => page.getByTestId('ledger-row');
  const numbersShown = async (page: Page) =>
    (await rows(page).locator('th.number').allInnerTexts()).map((t) => t.trim());
  /** Until the list shows `total` (it keeps the last rows on screen while the next ones load). */
  const showsTotal = (page: Page, total: number) =>
    page.getByTestId('ledger-total').getByText(`共 ${total} 件`).waitFor();

  it('imports, filters, escalates, merges, exports, and reads the yardsticks', async () => {
    const seeded = await listed();
    expect(seeded.total).toBeGreaterThan(30);
    expect(seeded.items.filter((i) => i.overdue)).toEqual([]);

    const page = await web.pages.signedIn('shuji', { ...CHINA_PHONE, viewport: DESK });
    await page.getByRole('link', { name: '诉求台账' }).click();
    await page.getByRole('heading', { name: '诉求台账' }).waitFor();
    await showsTotal(page, seeded.total);

    // 20 rows at first; 加载更多 adds the next ones by the API's cursor, in the ledger's order.
    expect(await rows(page).count()).toBe(20);
    await page.getByTestId('ledger-total').getByText('已显示 20 件').waitFor();
    const inOrder = (await listed('&sort=due')).items.map((i) => i.number);
    await page.getByRole('button', { name: '加载更多' }).click();
    const second = Math.min(40, seeded.total);
    await rows(page)
      .nth(second - 1)
      .waitFor();
    expect(await numbersShown(page)).toEqual(inOrder.slice(0, second));
    if (second === seeded.total)
      expect(await page.getByRole('button', { name: '加载更多' }).count()).toBe(0);

    // 导入12345工单: three tickets, one at an address with no building.
    await page.getByRole('button', { name: '导入12345工单' }).click();
    const importing = page.getByRole('dialog', { name: '导入12345工单' });
    await importing.locator('input[type=file]').setInputFiles({
      name: '12345工单.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(TICKETS, 'utf8'),
    });
    const result = importing.getByTestId('import-result');
    await result.waitFor();
    expect(await result.innerText()).toContain(
      '12345工单.csv：新登记 3 件，已导入过 0 件（不重复登记），1 件地址没有匹配到楼栋。',
    );
    expect(await result.innerText()).toContain('工单 GD20261205000103：幸福路东段人行道');
    await importing.getByRole('button', { name: '完成' }).click();
    await showsTotal(page, seeded.total + 3);

    // 只看已超时: the three tickets, each marked, the first rows; kept across a reload.
    await page.getByRole('checkbox', { name: '只看已超时' }).check();
    await showsTotal(page, 3);
    expect(page.url()).toContain('overdue=1');
    expect(await rows(page).getByText('已超时').count()).toBe(3);
    await page.reload();
    await showsTotal(page, 3);
    expect(await page.getByRole('checkbox', { name: '只看已超时' }).isChecked()).toBe(true);
    const overdue = (await listed('&overdue=true')).items;
    expect(overdue.map((i) => i.number).sort()).toEqual((await numbersShown(page)).sort());

    // Searched by a word: the two about the street lights.
    await page.getByRole('searchbox', { name: '搜索' }).fill('路灯');
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    await showsTotal(page, 2);
    expect(page.url()).toContain(`q=${encodeURIComponent('路灯')}`);
    const lights = overdue.filter((i) => i.content.includes('路灯'));
    expect((await numbersShown(page)).sort()).toEqual(lights.map((i) => i.number).sort());

    // 转议事: both into a new case; the case page lists them by number.
    for (const d of lights) await page.getByRole('checkbox', { name: `选择 ${d.number}` }).check();
    await page.getByRole('button', { name: '转议事' }).click();
    const escalating = page.getByRole('dialog', { name: '转议事：2 件诉求' });
    await escalating.getByLabel('标题').fill('10号楼门前路灯长期不亮');
    await escalating.getByRole('button', { name: '转入议事（2 件）' }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const caseId = page.url().split('/').at(-1)!;
    await page.getByRole('heading', { name: '10号楼门前路灯长期不亮' }).waitFor();
    const demandsCard = page.locator('section', {
      has: page.getByRole('heading', { name: '居民诉求（2）' }),
    });
    for (const d of lights) await demandsCard.getByRole('link', { name: d.number }).waitFor();
    for (const d of lights)
      expect((await as('shuji').get(`/demands/${d.id}`).expect(200)).body).toMatchObject({
        status: 'in-case',
        caseId,
      });

    // 合并重复: the unmatched ticket about the bins into the demo's demand about them.
    await page.goto(`${web.base}/ledger?q=${encodeURIComponent('垃圾桶')}`);
    await showsTotal(page, 2);
    const bins = (await listed(`&q=${encodeURIComponent('垃圾桶')}`)).items;
    const ticket = bins.find((i) => i.content.includes('东门外'))!;
    const kept = bins.find((i) => i !== ticket)!;
    for (const d of bins) await page.getByRole('checkbox', { name: `选择 ${d.number}` }).check();
    await page.getByRole('button', { name: '合并重复' }).click();
    const merging = page.getByRole('dialog', { name: '合并重复诉求' });
    await merging.getByRole('radio', { name: new RegExp(kept.number) }).check();
    await merging.getByRole('button', { name: `合并 1 件到 ${kept.number}` }).click();
    await page.getByText(`已将 ${ticket.number} 合并到 ${kept.number}。`).waitFor();
    await rows(page).filter({ hasText: ticket.number }).getByText('已合并').waitFor();
    expect((await listed(`&q=${ticket.number}`)).items[0]!.status).toBe('merged');

    // 导出 CSV of the rows the filters show: one line each, with the header.
    await page.goto(`${web.base}/ledger?q=${encodeURIComponent('路灯')}`);
    const street = await listed(`&q=${encodeURIComponent('路灯')}`);
    await showsTotal(page, street.total);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^.+诉求台账-\d{4}年\d{1,2}月\d{1,2}日\.csv$/);
    const csv = await readDownload(download);
    expect(csv.startsWith('\uFEFF诉求编号,受理时间,类别,诉求内容,状态,网格')).toBe(true);
    // A hotline ticket's address is on a line of its own inside its quoted cell.
    const records = csv.trim().split(/\r\n/).slice(1);
    expect(records).toHaveLength(street.total);
    expect(records.map((r) => r.split(',')[0]).sort()).toEqual(
      street.items.map((i) => i.number).sort(),
    );
    expect(records.filter((r) => r.includes('已转议事'))).toHaveLength(2);

    // 统计: the yardsticks, each with the numbers it rests on, per grid too.
    await page.getByRole('link', { name: '统计' }).click();
    const section = page.getByRole('region', { name: '诉求台账' });
    await section.getByTestId('demand-rates').waitFor();
    const { demands } = (await as('shuji').get(`/communities/${web.communityId}/stats`).expect(200))
      .body as {
      demands: {
        received: number;
        bases: Record<string, { numerator: number; denominator: number }>;
        byGrid: unknown[];
        byPropertyCompany: unknown[];
      } & Record<string, number | null>;
    };
    expect(demands.received).toBe(seeded.total + 3);
    for (const [name, label] of [
      ['responseRate', '响应率'],
      ['resolutionRate', '解决率'],
      ['satisfactionRate', '满意率'],
      ['acceptedWithin24hRate', '24小时内签收'],
      ['closedWithin7DaysRate', '7日内销号'],
    ] as const) {
      const base = demands.bases[name]!;
      expect(base.denominator).toBeGreaterThan(0);
      const text = await section.getByTestId(`demand-rate-${name}`).innerText();
      const percent = `${((demands[name] as number) * 100).toFixed(1)}%`;
      expect(text).toContain(percent);
      expect(text).toContain(label);
      expect(text).toContain(`${base.numerator}/${base.denominator} `);
    }
    expect(await section.getByTestId('demand-rate-reopened').innerText()).toContain(
      String(demands.reopened),
    );
    const grids = section.getByTestId('demand-table-网格');
    expect(await grids.locator('tbody tr').count()).toBe(demands.byGrid.length);
    await grids.getByRole('rowheader', { name: '第一网格' }).waitFor();
    // Per property company: the demo's company, the estate it serves below its name.
    const companies = section.getByTestId('demand-table-物业服务企业');
    expect(await companies.locator('tbody tr').count()).toBe(demands.byPropertyCompany.length);
    const company = companies.getByRole('rowheader', { name: /金溪县金泰物业服务有限公司/ });
    expect((await company.innerText()).split('\n')).toEqual([
      '金溪县金泰物业服务有限公司',
      '金泰和庄',
    ]);
    // The page's one export carries the ledger's table after the cases'.
    const [statsFile] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 CSV', exact: true }).click(),
    ]);
    const statsCsv = await readDownload(statsFile);
    expect(statsCsv).toContain('诉求范围,统计起,统计止,受理诉求,已销号,响应率(%),响应率基数');
    expect(statsCsv).toMatch(/\r\n网格：第一网格,/);
    expect(statsCsv).toMatch(/\r\n物业：金溪县金泰物业服务有限公司（金泰和庄）,/);
    await screenshot(page, web.artifacts, 'desk-stats-demands');
    // An estate that names no company is counted under 未登记物业.
    const estate = (
      (await as('shuji').get(`/communities/${web.communityId}/units/places`).expect(200)).body as {
        items: { id: string }[];
      }
    ).items[0]!;
    await as('shuji')
      .put(`/communities/${web.communityId}/estates/${estate.id}/property-company`, { name: null })
      .expect(200);
    await page.reload();
    await section
      .getByTestId('demand-table-物业服务企业')
      .getByRole('rowheader', { name: /^未登记物业\s*金泰和庄$/ })
      .waitFor();
  });

  it('reads as cards on a phone, nothing wider than the screen', async () => {
    const phone = await web.pages.signedIn('shuji', CHINA_PHONE);
    await phone.goto(`${web.base}/ledger`);
    await phone.getByTestId('ledger-total').waitFor();
    const width = await phone.evaluate('document.documentElement.scrollWidth');
    expect(width).toBe(CHINA_PHONE.viewport!.width);
    // The first card shows its labelled cells, the header row hidden.
    const first = phone.getByTestId('ledger-row').first();
    expect(await first.locator('td[data-label="期限"]').isVisible()).toBe(true);
    // The screen as the secretary sees it first (the whole page is three dozen cards long).
    await phone.screenshot({ path: path.join(web.artifacts, 'phone-ledger.png') });
  });
});
