import { type Server } from 'node:http';
import request from 'supertest';
import { type TestDatabase } from '../../../../test/support/database';
import { httpActors } from '../../../../test/support/http-actors';
import { startDemoPlatform, type TestPlatform } from '../../../../test/support/platform';

/*
 * The ledger's yardsticks in GET /communities/:id/stats over a small ledger made through the HTTP
 * routes on the demo platform (学苑社区, 金泰和庄 10–12号楼), each figure counted by hand below:
 * struck off, reopened then struck off, reopened and open, withdrawn, merged, not yet due, and in
 * a second grid accepted only; then the community's accept deadline (demandAcceptHours) missed;
 * then per property company, over two more estates (学苑小区 naming 金泰和庄's company, 秀谷花园
 * none), and regrouped when the estates name other companies. The period and estate filters are
 * the case figures'.
 */
const ESTATE = '金泰和庄';
/** The demo's property company of 金泰和庄 (DEMO_PROPERTY_COMPANIES). */
const COMPANY = '金溪县金泰物业服务有限公司';

interface Written {
  id: string;
  version: number;
}
interface Figures {
  received: number;
  closed: number;
  reopened: number;
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  acceptedWithin24hRate: number | null;
  closedWithin7DaysRate: number | null;
  bases: Record<string, { numerator: number; denominator: number }>;
}
interface DemandStats extends Figures {
  byGrid: (Figures & { gridId: string })[];
  byCategory: (Figures & { category: string })[];
  byEstate: (Figures & { estate: string; propertyCompany: string | null })[];
  byPropertyCompany: (Figures & { propertyCompany: string | null; estates: string[] })[];
}

/** The figures a group should show, from hand-counted bases ([numerator, denominator]). */
function expected(
  received: number,
  closed: number,
  reopened: number,
  bases: Record<
    | 'responseRate'
    | 'resolutionRate'
    | 'satisfactionRate'
    | 'acceptedWithin24hRate'
    | 'closedWithin7DaysRate',
    [number, number]
  >,
): Figures {
  const rates = Object.fromEntries(
    Object.entries(bases).map(([k, [n, d]]) => [k, d === 0 ? null : n / d]),
  );
  return {
    received,
    closed,
    reopened,
    ...(rates as Pick<Figures, 'responseRate'>),
    bases: Object.fromEntries(
      Object.entries(bases).map(([k, [numerator, denominator]]) => [k, { numerator, denominator }]),
    ),
  } as Figures;
}

describe("the ledger's yardsticks in the community statistics (HTTP, real PostgreSQL and Redis)", () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let communityId: string;
  let gridId: string;
  let otherGridId: string;
  const units: Record<string, string> = {};
  const { as, signIn, userIds, tokens } = httpActors(() => server);
  const written: Written[] = [];

  const post = async (who: string, path: string, body: object = {}): Promise<Written> => {
    const res = await as(who).post(path, body);
    if (res.status !== 201)
      throw new Error(`${who} POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    const w = res.body as Written;
    written.push(w);
    return w;
  };
  const submit = (who: string, unit: string, content: string, category: string) =>
    post(who, `/communities/${communityId}/demands`, {
      source: 'online',
      content,
      category,
      unitId: units[unit],
    });
  /** Every write read back from the read model at its version: the stats read the same table. */
  const projected = async () => {
    for (const w of written)
      await as('shuji').get(`/demands/${w.id}?minVersion=${w.version}`).expect(200);
  };
  const stats = async (query = ''): Promise<DemandStats> =>
    (
      (await as('shuji').get(`/communities/${communityId}/stats${query}`).expect(200)).body as {
        demands: DemandStats;
      }
    ).demands;

  beforeAll(async () => {
    ({ db, platform, server } = await startDemoPlatform('demand-stats'));
    await signIn(
      'shuji',
      'wanggeyuan',
      'wuye',
      'yezhu-12-2-301',
      'yezhu-12-2-302',
      'yezhu-10-1-101',
    );
    const me = await as('shuji').get('/me').expect(200);
    communityId = (me.body as { memberships: { communityId: string }[] }).memberships[0]!
      .communityId;
    const list = await as('shuji').get(`/communities/${communityId}/units?limit=500`).expect(200);
    for (const u of (
      list.body as { items: { id: string; building: string; entrance: string; room: string }[] }
    ).items)
      units[`${parseInt(u.building, 10)}-${parseInt(u.entrance, 10)}-${u.room}`] = u.id;
    const grid = async (name: string, buildings: string[], workerUserIds: string[]) =>
      (
        (
          await as('shuji')
            .post(`/communities/${communityId}/grids`, {
              name,
              buildings: buildings.map((building) => ({ estate: ESTATE, building })),
              workerUserIds,
            })
            .expect(201)
        ).body as { id: string }
      ).id;
    gridId = await grid('第一网格', ['12号楼'], [userIds.wanggeyuan!]);
    otherGridId = await grid('第二网格', ['10号楼'], [userIds.wanggeyuan!]);
  });
  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  it('counts a small ledger as by hand: withdrawn and merged leave every base', async () => {
    const start = new Date().toISOString();
    // A: accepted, resolved, satisfied → struck off.
    const a = await submit('yezhu-12-2-301', '12-2-301', '12号楼门口路灯坏了', 'public-facilities');
    await post('wanggeyuan', `/demands/${a.id}/acceptance`);
    await post('wanggeyuan', `/demands/${a.id}/resolution`, { note: '已更换灯泡' });
    await post('yezhu-12-2-301', `/demands/${a.id}/confirmation`, { rating: 'satisfied' });
    // B: dissatisfied once (reopened), then basically satisfied → struck off.
    const b = await submit('yezhu-12-2-302', '12-2-302', '电梯经常停运', 'property-service');
    await post('wanggeyuan', `/demands/${b.id}/acceptance`);
    await post('wanggeyuan', `/demands/${b.id}/resolution`, { note: '已通知物业检修' });
    await post('yezhu-12-2-302', `/demands/${b.id}/confirmation`, { rating: 'dissatisfied' });
    await post('wanggeyuan', `/demands/${b.id}/resolution`, { note: '已更换电梯主板' });
    await post('yezhu-12-2-302', `/demands/${b.id}/confirmation`, {
      rating: 'basically-satisfied',
    });
    // G: dissatisfied, still open (reopened).
    const g = await submit('yezhu-12-2-301', '12-2-301', '楼道灯不亮', 'public-facilities');
    await post('wanggeyuan', `/demands/${g.id}/acceptance`);
    await post('wanggeyuan', `/demands/${g.id}/resolution`, { note: '已报修' });
    await post('yezhu-12-2-301', `/demands/${g.id}/confirmation`, { rating: 'dissatisfied' });
    // C: withdrawn; D: merged into A's neighbour G; E: received, not yet due.
    const c = await submit('yezhu-12-2-302', '12-2-302', '垃圾桶满了', 'environment-sanitation');
    await post('yezhu-12-2-302', `/demands/${c.id}/withdrawal`, { reason: '已经清理了' });
    const d = await submit('yezhu-12-2-301', '12-2-301', '楼道灯还是不亮', 'public-facilities');
    await post('shuji', `/demands/${d.id}/merge`, { intoDemandId: g.id });
    await submit('yezhu-12-2-302', '12-2-302', '楼下有人乱停车', 'environment-sanitation');
    // F: in the second grid, accepted only.
    const f = await submit('yezhu-10-1-101', '10-1-101', '10号楼东侧井盖松动', 'public-facilities');
    await post('wanggeyuan', `/demands/${f.id}/acceptance`);
    await projected();

    /*
     * Counted (less withdrawn C and merged D): A, B, E, F, G. Accepted: A, B, F, G (E is neither
     * accepted nor past its 24 hours). Finished: A, B, both struck off; nothing is past its resolve
     * deadline or its 7 working days. Answers: A satisfied, B dissatisfied then basically
     * satisfied, G dissatisfied: 2 of 4. Reopenings: B and G.
     */
    const whole = expected(7, 2, 2, {
      responseRate: [4, 4],
      resolutionRate: [2, 2],
      satisfactionRate: [2, 4],
      acceptedWithin24hRate: [4, 4],
      closedWithin7DaysRate: [2, 2],
    });
    const s = await stats(`?from=${encodeURIComponent(start)}`);
    expect(s).toMatchObject(whole);
    // Grid one: all but F; grid two: F alone, accepted, with nothing yet to close or rate.
    const second = expected(1, 0, 0, {
      responseRate: [1, 1],
      resolutionRate: [0, 0],
      satisfactionRate: [0, 0],
      acceptedWithin24hRate: [1, 1],
      closedWithin7DaysRate: [0, 0],
    });
    expect(s.byGrid).toHaveLength(2);
    expect(s.byGrid.find((x) => x.gridId === gridId)).toMatchObject(
      expected(6, 2, 2, {
        responseRate: [3, 3],
        resolutionRate: [2, 2],
        satisfactionRate: [2, 4],
        acceptedWithin24hRate: [3, 3],
        closedWithin7DaysRate: [2, 2],
      }),
    );
    expect(s.byGrid.find((x) => x.gridId === otherGridId)).toMatchObject(second);
    // Categories: public facilities A, G, D (merged), F; property service B; sanitation C, E.
    expect(s.byCategory.map((x) => x.category)).toEqual([
      'environment-sanitation',
      'property-service',
      'public-facilities',
    ]);
    expect(s.byCategory.find((x) => x.category === 'environment-sanitation')).toMatchObject(
      expected(2, 0, 0, {
        responseRate: [0, 0],
        resolutionRate: [0, 0],
        satisfactionRate: [0, 0],
        acceptedWithin24hRate: [0, 0],
        closedWithin7DaysRate: [0, 0],
      }),
    );
    expect(s.byCategory.find((x) => x.category === 'property-service')).toMatchObject(
      expected(1, 1, 1, {
        responseRate: [1, 1],
        resolutionRate: [1, 1],
        satisfactionRate: [1, 2],
        acceptedWithin24hRate: [1, 1],
        closedWithin7DaysRate: [1, 1],
      }),
    );
    expect(s.byCategory.find((x) => x.category === 'public-facilities')).toMatchObject(
      expected(4, 1, 1, {
        responseRate: [3, 3],
        resolutionRate: [1, 1],
        satisfactionRate: [1, 2],
        acceptedWithin24hRate: [3, 3],
        closedWithin7DaysRate: [1, 1],
      }),
    );
    expect(s.byEstate).toEqual([{ estate: ESTATE, propertyCompany: COMPANY, ...whole }]);
    expect(s.byPropertyCompany).toEqual([
      { propertyCompany: COMPANY, estates: [ESTATE], ...whole },
    ]);

    // The case figures' filters: an estate, and a period after everything.
    expect(
      await stats(`?from=${encodeURIComponent(start)}&estate=${encodeURIComponent(ESTATE)}`),
    ).toMatchObject(whole);
    expect(await stats(`?estate=${encodeURIComponent('别的小区')}`)).toMatchObject({
      received: 0,
      responseRate: null,
      byGrid: [],
      byEstate: [],
      byPropertyCompany: [],
    });
    const later = await stats(
      `?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    );
    expect(later).toMatchObject({ received: 0, closed: 0, satisfactionRate: null });

    // The CSV export carries the ledger's table below the cases'.
    const csv = await request(server)
      .get(`/api/v1/communities/${communityId}/stats/export?from=${encodeURIComponent(start)}`)
      .set('Authorization', `Bearer ${tokens.shuji}`)
      .expect(200);
    const lines = csv.text.split('\r\n');
    const header = lines.findIndex((l) => l.startsWith('诉求范围,'));
    expect(header).toBeGreaterThan(0);
    expect(lines[header + 1]).toMatch(/^学苑社区（全社区）,.*,7,2,100,4,100,2,50,4,100,4,100,2,2$/);
    expect(lines.slice(header + 2, header + 4).map((l) => l.split(',')[0])).toEqual([
      '网格：第一网格',
      '网格：第二网格',
    ]);
    expect(lines.some((l) => l.startsWith('类别：物业服务,'))).toBe(true);
    expect(lines.some((l) => l.startsWith(`小区：${ESTATE},`))).toBe(true);
    expect(lines.some((l) => l.startsWith(`物业：${COMPANY}（${ESTATE}）,`))).toBe(true);
  });

  it("counts against the community's accept deadline, fixed on each demand at intake", async () => {
    const settings = `/communities/${communityId}/settings`;
    await as('shuji').patch(settings, { demandAcceptHours: 0.0005 }).expect(200);
    const start = new Date().toISOString();
    written.length = 0;
    const late = await submit('yezhu-12-2-301', '12-2-301', '单元门禁坏了', 'public-facilities');
    await submit('yezhu-12-2-302', '12-2-302', '楼顶漏水', 'property-service');
    await as('shuji').patch(settings, { demandAcceptHours: 24 }).expect(200);
    const view = (await as('shuji').get(`/demands/${late.id}`).expect(200)).body as {
      receivedAt: string;
      acceptDueAt: string;
    };
    // 0.0005 hours: 1.8 seconds, kept by the demand though the setting changed back.
    expect(Date.parse(view.acceptDueAt) - Date.parse(view.receivedAt)).toBe(1_800);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await post('wanggeyuan', `/demands/${late.id}/acceptance`);
    await projected();
    /*
     * Both past their accept deadline: the late one accepted after it, the missed one not at all
     * (0 of 2). Within 24 hours: the late one (1 of 1; the missed one is not yet 24 hours old).
     */
    expect(await stats(`?from=${encodeURIComponent(start)}`)).toMatchObject(
      expected(2, 0, 0, {
        responseRate: [0, 2],
        resolutionRate: [0, 0],
        satisfactionRate: [0, 0],
        acceptedWithin24hRate: [1, 1],
        closedWithin7DaysRate: [0, 0],
      }),
    );
  });

  it('adds the estates up per property company: two estates of one company, one of none', async () => {
    // Two more estates of the community: 学苑小区 names the demo's company too, 秀谷花园 none.
    const imported = await as('shuji')
      .post(`/communities/${communityId}/units`, {
        units: [
          { estate: '学苑小区', building: '1号楼', entrance: '1单元', room: '101', area: 90 },
          { estate: '秀谷花园', building: '2号楼', entrance: '1单元', room: '201', area: 85 },
        ],
      })
      .expect(201);
    const [xueyuan, xiugu] = (imported.body as { units: { id: string }[] }).units.map((u) => u.id);
    const places = async () =>
      (
        (await as('shuji').get(`/communities/${communityId}/units/places`).expect(200)).body as {
          items: { id: string; name: string }[];
        }
      ).items;
    const estateId = async (name: string) => (await places()).find((e) => e.name === name)!.id;
    const name = (estate: string, company: string | null) =>
      estateId(estate).then((id) =>
        as('shuji')
          .put(`/communities/${communityId}/estates/${id}/property-company`, { name: company })
          .expect(200),
      );
    await name('学苑小区', COMPANY);

    const start = new Date().toISOString();
    written.length = 0;
    const bySecretary = (unitId: string, content: string) =>
      post('shuji', `/communities/${communityId}/demands`, {
        source: 'hotline',
        content,
        category: 'property-service',
        unitId,
      });
    // 金泰和庄: P1 struck off (satisfied), P2 received only.
    const p1 = await submit('yezhu-12-2-301', '12-2-301', '楼道灯不亮', 'public-facilities');
    await post('wanggeyuan', `/demands/${p1.id}/acceptance`);
    await post('wanggeyuan', `/demands/${p1.id}/resolution`, { note: '已更换' });
    await post('yezhu-12-2-301', `/demands/${p1.id}/confirmation`, { rating: 'satisfied' });
    await submit('yezhu-12-2-302', '12-2-302', '门禁坏了', 'public-facilities');
    // 学苑小区: Q1 answered dissatisfied (reopened), Q2 withdrawn.
    const q1 = await bySecretary(xueyuan!, '12345来电：水压太低');
    await post('shuji', `/demands/${q1.id}/acceptance`);
    await post('shuji', `/demands/${q1.id}/resolution`, { note: '已调整水泵' });
    await post('shuji', `/demands/${q1.id}/confirmation`, { rating: 'dissatisfied' });
    const q2 = await bySecretary(xueyuan!, '12345来电：电梯异响');
    await post('shuji', `/demands/${q2.id}/withdrawal`, { reason: '已经好了' });
    // 秀谷花园 (no company): R1 accepted only, R2 merged into it.
    const r1 = await bySecretary(xiugu!, '12345来电：楼顶漏水');
    await post('shuji', `/demands/${r1.id}/acceptance`);
    const r2 = await bySecretary(xiugu!, '12345来电：顶楼漏水');
    await post('shuji', `/demands/${r2.id}/merge`, { intoDemandId: r1.id });
    await projected();

    /*
     * The company's row, over 金泰和庄 and 学苑小区: received P1 P2 Q1 Q2; counted P1 P2 Q1
     * (Q2 withdrawn); accepted in time P1 Q1 (P2 not yet due); struck off P1; answers P1
     * satisfied, Q1 dissatisfied (reopened once). The row of none, 秀谷花园: received R1 R2,
     * counted R1, accepted.
     */
    const company = expected(4, 1, 1, {
      responseRate: [2, 2],
      resolutionRate: [1, 1],
      satisfactionRate: [1, 2],
      acceptedWithin24hRate: [2, 2],
      closedWithin7DaysRate: [1, 1],
    });
    const xueyuanOnly = expected(2, 0, 1, {
      responseRate: [1, 1],
      resolutionRate: [0, 0],
      satisfactionRate: [0, 1],
      acceptedWithin24hRate: [1, 1],
      closedWithin7DaysRate: [0, 0],
    });
    const jintai = expected(2, 1, 0, {
      responseRate: [1, 1],
      resolutionRate: [1, 1],
      satisfactionRate: [1, 1],
      acceptedWithin24hRate: [1, 1],
      closedWithin7DaysRate: [1, 1],
    });
    const none = expected(2, 0, 0, {
      responseRate: [1, 1],
      resolutionRate: [0, 0],
      satisfactionRate: [0, 0],
      acceptedWithin24hRate: [1, 1],
      closedWithin7DaysRate: [0, 0],
    });
    const since = `?from=${encodeURIComponent(start)}`;
    const s = await stats(since);
    expect(s.byEstate).toEqual([
      { estate: '学苑小区', propertyCompany: COMPANY, ...xueyuanOnly },
      { estate: '秀谷花园', propertyCompany: null, ...none },
      { estate: ESTATE, propertyCompany: COMPANY, ...jintai },
    ]);
    expect(s.byPropertyCompany).toEqual([
      { propertyCompany: COMPANY, estates: ['学苑小区', ESTATE], ...company },
      { propertyCompany: null, estates: ['秀谷花园'], ...none },
    ]);
    // One estate: its company's row holds that estate alone.
    expect(
      (await stats(`${since}&estate=${encodeURIComponent('学苑小区')}`)).byPropertyCompany,
    ).toEqual([{ propertyCompany: COMPANY, estates: ['学苑小区'], ...xueyuanOnly }]);

    // The CSV: a row per company, its estates in brackets, the estates of none as 未登记物业.
    const csv = await request(server)
      .get(`/api/v1/communities/${communityId}/stats/export${since}`)
      .set('Authorization', `Bearer ${tokens.shuji}`)
      .expect(200);
    const rows = csv.text.split('\r\n').filter((l) => l.startsWith('物业：'));
    // Scope, received, closed, and (last) reopened.
    expect(rows.map((l) => l.split(',')).map((f) => [f[0], f[3], f[4], f[15]])).toEqual([
      [`物业：${COMPANY}（学苑小区、${ESTATE}）`, '4', '1', '1'],
      ['物业：未登记物业（秀谷花园）', '2', '0', '0'],
    ]);

    // Naming a company regroups the demands already counted; the roll-up is not touched.
    await name('秀谷花园', '秀谷物业');
    await name('学苑小区', '秀谷物业');
    expect((await stats(since)).byPropertyCompany).toEqual([
      {
        propertyCompany: '秀谷物业',
        estates: ['学苑小区', '秀谷花园'],
        ...combine(xueyuanOnly, none),
      },
      { propertyCompany: COMPANY, estates: [ESTATE], ...jintai },
    ]);
  });
});

/** Two groups' figures as one: counts and bases added, rates from the sums. */
function combine(a: Figures, b: Figures): Figures {
  const bases = Object.fromEntries(
    Object.keys(a.bases).map((k) => [
      k,
      [
        a.bases[k]!.numerator + b.bases[k]!.numerator,
        a.bases[k]!.denominator + b.bases[k]!.denominator,
      ],
    ]),
  ) as Parameters<typeof expected>[3];
  return expected(a.received + b.received, a.closed + b.closed, a.reopened + b.reopened, bases);
}
