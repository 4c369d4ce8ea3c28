import { type Server } from 'node:http';
import request from 'supertest';
import { type TestDatabase } from '../../../../test/support/database';
import { httpActors } from '../../../../test/support/http-actors';
import { demoCommunityUnits } from '../../../../test/support/demo-units';
import { startDemoPlatform, type TestPlatform } from '../../../../test/support/platform';
import { hotlineDemandId } from './hotline-demand-id';

/*
 * The 12345 hotline import over HTTP on the demo platform (学苑社区, 金泰和庄 10–12号楼): a CSV of
 * tickets becomes demands routed by their addresses (a unit, a building, nothing), importing it
 * again (or twice at once) makes each demand once, a file with one bad row writes nothing, and
 * every refusal is in Chinese.
 */
const HAN = /\p{Script=Han}/u;

interface Imported {
  imported: number;
  duplicates: number;
  unmatched: { ticketNumber: string; address: string }[];
  demands: {
    ticketNumber: string;
    id: string;
    number: string;
    unitId: string | null;
    gridId: string | null;
  }[];
}

describe('hotline import (HTTP, real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let communityId: string;
  let gridId: string;
  let units: Record<string, string> = {};
  const { as, signIn, tokens } = httpActors(() => server);
  const refusals: { status: number; body: unknown; what: string }[] = [];

  /** Whole seconds: the hotline's times carry no fractions. */
  const at = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();
  const receivedAt = at(Date.now() - 3_600_000);
  const hotlineDue = at(Date.now() + 2 * 86_400_000);
  const csv = (...rows: string[]) =>
    ['工单编号,受理时间,诉求内容,诉求类别,地址,办理时限', ...rows].join('\r\n');
  const FILE = csv(
    `RX-1,${receivedAt},12号楼2单元门口路灯不亮,市政设施/路灯,金泰和庄12号楼2单元301室,${hotlineDue}`,
    `RX-2,${receivedAt},11号楼楼道堆放杂物,环境卫生,金泰和庄11号楼,`,
    `RX-3,${receivedAt},路边井盖缺失,市政设施,幸福路88号门前,`,
  );

  const importAs = async (who: string, body: string | object, type = 'text/csv') => {
    const res = await request(server)
      .post(`/api/v1/communities/${communityId}/demands/import`)
      .set('Authorization', `Bearer ${tokens[who]}`)
      .set('Content-Type', type)
      .send(typeof body === 'string' ? body : JSON.stringify(body));
    if (res.status >= 400 && res.status < 500)
      refusals.push({ status: res.status, body: res.body, what: `${who} import` });
    return res;
  };
  const streamEvents = async (demandId: string) =>
    Number(
      (
        await db.pool.query<{ n: string }>(
          `SELECT count(*) AS n FROM events WHERE stream_id = $1`,
          [`demand-${demandId}`],
        )
      ).rows[0]!.n,
    );

  beforeAll(async () => {
    ({ db, platform, server } = await startDemoPlatform('hotline-import'));
    await signIn('shuji', 'wanggeyuan');
    ({ communityId, units } = await demoCommunityUnits(as('shuji')));
    gridId = (
      (
        await as('shuji')
          .post(`/communities/${communityId}/grids`, {
            name: '第一网格',
            buildings: [
              { estate: '金泰和庄', building: '12号楼' },
              { estate: '金泰和庄', building: '11号楼' },
            ],
          })
          .expect(201)
      ).body as { id: string }
    ).id;
  });
  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  it('makes each ticket a hotline demand, routed by its address, with the hotline deadline kept', async () => {
    // The community's own accept deadline applies to imported tickets as to any intake.
    await as('shuji')
      .patch(`/communities/${communityId}/settings`, { demandAcceptHours: 6 })
      .expect(200);
    const res = await importAs('shuji', FILE);
    expect(res.status).toBe(201);
    const body = res.body as Imported;
    expect(body).toMatchObject({
      imported: 3,
      duplicates: 0,
      unmatched: [{ ticketNumber: 'RX-3', address: '幸福路88号门前' }],
    });
    expect(body.demands.map((d) => [d.ticketNumber, d.id, d.unitId, d.gridId])).toEqual([
      ['RX-1', hotlineDemandId(communityId, 'RX-1'), units['12-2-301'], gridId],
      ['RX-2', hotlineDemandId(communityId, 'RX-2'), null, gridId],
      ['RX-3', hotlineDemandId(communityId, 'RX-3'), null, null],
    ]);
    const numbers = body.demands.map((d) => Number(d.number.slice(-4)));
    expect(body.demands.every((d) => /^XY-\d{8}-\d{4}$/.test(d.number))).toBe(true);
    expect(numbers).toEqual([numbers[0], numbers[0]! + 1, numbers[0]! + 2]);

    const detail = (
      await as('shuji').get(`/demands/${body.demands[0]!.id}?minVersion=1`).expect(200)
    ).body as Record<string, unknown>;
    expect(detail).toMatchObject({
      source: 'hotline',
      category: 'public-facilities',
      status: 'received',
      unitId: units['12-2-301'],
      gridId,
      place: { estate: '金泰和庄', building: '12号楼' },
      dueAt: hotlineDue,
      onBehalfOf: null,
    });
    expect(detail.content).toBe('12号楼2单元门口路灯不亮\n地址：金泰和庄12号楼2单元301室');
    expect(Date.parse(detail.acceptDueAt as string) - Date.parse(detail.receivedAt as string)).toBe(
      6 * 3_600_000,
    );
    const { rows } = await db.pool.query<{ data: { hotline: unknown; receivedBy: string } }>(
      `SELECT data FROM events WHERE stream_id = $1`,
      [`demand-${body.demands[0]!.id}`],
    );
    expect(rows[0]!.data.hotline).toEqual({
      ticketNumber: 'RX-1',
      receivedAt,
      dueAt: hotlineDue,
      category: '市政设施/路灯',
    });
  });

  it('imports the same file again as duplicates: nothing appended, the same demands answered', async () => {
    const first = (await importAs('shuji', FILE)).body as Imported;
    expect(first).toMatchObject({ imported: 0, duplicates: 3, unmatched: [] });
    const again = (await importAs('shuji', FILE)).body as Imported;
    expect(again.demands).toEqual(first.demands);
    for (const d of again.demands) expect(await streamEvents(d.id)).toBe(1);
  });

  it('makes a ticket imported twice at once one demand', async () => {
    const file = csv(
      `RX-10,${receivedAt},10号楼噪音扰民,噪音,金泰和庄10号楼1单元101,`,
      `RX-11,${receivedAt},10号楼停车难,停车,金泰和庄10号楼,`,
    );
    const [a, b] = await Promise.all([importAs('shuji', file), importAs('shuji', file)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    const [x, y] = [a.body as Imported, b.body as Imported];
    expect(x.imported + y.imported).toBe(2);
    expect(x.duplicates + y.duplicates).toBe(2);
    expect(x.demands.map((d) => d.number)).toEqual(y.demands.map((d) => d.number));
    for (const d of x.demands) expect(await streamEvents(d.id)).toBe(1);
  });

  it('refuses a file with one bad row whole (400 naming it), writing nothing', async () => {
    const counters = async () =>
      (
        await db.pool.query<{ last_seq: number }>(
          `SELECT last_seq FROM demand_number_counters WHERE community_id = $1`,
          [communityId],
        )
      ).rows;
    const before = await counters();
    const res = await importAs(
      'shuji',
      {
        tickets: [
          {
            ticketNumber: 'RX-20',
            receivedAt,
            content: '好的一行',
            category: '物业',
            address: '金泰和庄12号楼1单元101',
          },
          {
            ticketNumber: 'RX-21',
            receivedAt: '2026-02-30 08:00',
            content: '坏的一行',
            category: '物业',
            address: '金泰和庄12号楼1单元102',
          },
        ],
      },
      'application/json',
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: {
        code: 'VALIDATION_FAILED',
        details: { problems: [{ row: 2, field: 'receivedAt', problem: 'is not a time' }] },
      },
    });
    expect((res.body as { error: { message: string } }).error.message).toContain('第 2 行');
    expect(await streamEvents(hotlineDemandId(communityId, 'RX-20'))).toBe(0);
    expect(await counters()).toEqual(before);
  });

  it('is for the secretary, with CSV or JSON only', async () => {
    expect((await importAs('wanggeyuan', FILE)).status).toBe(403);
    expect((await importAs('shuji', FILE, 'text/xml')).status).toBe(415);
    expect((await importAs('shuji', '', 'text/csv')).status).toBe(400);
  });

  it('gives every refusal a Chinese message', () => {
    expect(refusals.length).toBeGreaterThanOrEqual(4);
    const english = refusals.filter(
      (r) => !HAN.test((r.body as { error?: { message?: string } }).error?.message ?? ''),
    );
    expect(english.map((r) => `${r.what}: ${r.status} ${JSON.stringify(r.body)}`)).toEqual([]);
  });
});
