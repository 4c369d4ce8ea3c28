import { randomUUID } from 'node:crypto';
import { type Server } from 'node:http';
import request from 'supertest';
import { rawBytes } from '../../../test/support/api';
import { type TestDatabase } from '../../../test/support/database';
import { httpActors } from '../../../test/support/http-actors';
import { demoCommunityUnits } from '../../../test/support/demo-units';
import { startDemoPlatform, type TestPlatform } from '../../../test/support/platform';
import { until } from '../../../test/support/wait';

/*
 * The demands ledger over HTTP on the demo platform (学苑社区, 金泰和庄 10–12号楼): a resident's
 * demand with its photo through its grid to 销号, a tenant's, refusals against the admission list,
 * a reopening, withdrawal, merging, a client's id sent twice, who sees what, the list's filters,
 * search and CSV, and a Chinese message on every refusal.
 */
const ESTATE = '金泰和庄';
const HAN = /\p{Script=Han}/u;
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('IHDR and some pixels'),
]);

interface Written {
  id: string;
  number: string;
  status: string;
  gridId: string | null;
  version: number;
}
interface Detail extends Written {
  reopenings: number;
  photoIds: string[];
  resolutions: { photoIds: string[] }[];
  timeline: { label: string; occurredAtText: string; detail: string | null }[];
}
interface ListItem {
  id: string;
  number: string;
  content: string;
  status: string;
  source: string;
  overdue: boolean;
  reopenings: number;
  rating: string | null;
  assignedUserId: string | null;
  receivedAt: string;
  acceptDueAt: string;
}

describe('demands ledger (HTTP, real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let communityId: string;
  let gridId: string;
  let otherGridId: string;
  let units: Record<string, string> = {};
  const { as, signIn, signInWith, userIds, tokens } = httpActors(() => server);
  /** Every 4xx answer of the file, to check each message is Chinese. */
  const refusals: { status: number; body: unknown; what: string }[] = [];

  const demands = () => `/communities/${communityId}/demands`;
  const refused = (res: { status: number; body: unknown }, status: number, code: string) => {
    expect({ status: res.status, body: res.body }).toMatchObject({
      status,
      body: { error: { code } },
    });
    return res;
  };
  /** Keeps a 4xx for the last test; `expect(status)` checks the answer, naming what came back. */
  const track = <T extends { status: number; body: unknown }>(res: T, what: string) => {
    if (res.status >= 400 && res.status < 500)
      refusals.push({ status: res.status, body: res.body, what });
    return Object.assign(res, {
      expect(status: number): T {
        if (res.status !== status)
          throw new Error(
            `${what}: ${status} expected, got ${res.status} ${JSON.stringify(res.body)}`,
          );
        return res;
      },
    });
  };
  const post = async (who: string, path: string, body: object) =>
    track(await as(who).post(path, body), `${who} POST ${path}`);
  const get = async (who: string, path: string) =>
    track(await as(who).get(path), `${who} GET ${path}`);
  const upload = async (who: string, bytes: Buffer, type = 'image/png') =>
    track(
      await request(server)
        .post(`/api/v1/communities/${communityId}/uploads`)
        .set('Authorization', `Bearer ${tokens[who]}`)
        .set('Content-Type', type)
        .send(bytes),
      `${who} upload`,
    );
  const submit = async (who: string, body: object, status = 201): Promise<Written> =>
    (await post(who, demands(), { source: 'online', ...body })).expect(status).body as Written;
  const detail = async (who: string, w: { id: string; version: number }): Promise<Detail> =>
    (await get(who, `/demands/${w.id}?minVersion=${w.version}`)).expect(200).body as Detail;
  const listed = async (who: string, query = ''): Promise<{ items: ListItem[]; total: number }> =>
    (await get(who, `${demands()}?limit=100${query}`)).expect(200).body as {
      items: ListItem[];
      total: number;
    };
  /** The list once the read model shows `w` at its version. */
  const projected = async (w: Written) =>
    until(
      async () =>
        (await as('shuji').get(`/demands/${w.id}?minVersion=${w.version}`)).status === 200 &&
        (
          (await as('shuji').get(`${demands()}?limit=500`)).body as { items: ListItem[] }
        ).items.some((i) => i.id === w.id && i.status === w.status),
      10_000,
      `demand ${w.id} ${w.status} in the list`,
    );

  beforeAll(async () => {
    ({ db, platform, server } = await startDemoPlatform('demands-ledger'));
    await signIn(
      'shuji',
      'wanggeyuan',
      'wuye',
      'yezhu-12-2-301',
      'yezhu-12-2-302',
      'yezhu-10-1-101',
    );
    ({ communityId, units } = await demoCommunityUnits(as('shuji')));
    gridId = (
      (
        await as('shuji')
          .post(`/communities/${communityId}/grids`, {
            name: '第一网格',
            buildings: [
              { estate: ESTATE, building: '12号楼' },
              { estate: ESTATE, building: '11号楼' },
            ],
            workerUserIds: [userIds.wanggeyuan],
          })
          .expect(201)
      ).body as { id: string }
    ).id;
    otherGridId = (
      (
        await as('shuji')
          .post(`/communities/${communityId}/grids`, {
            name: '第二网格',
            buildings: [{ estate: ESTATE, building: '10号楼' }],
          })
          .expect(201)
      ).body as { id: string }
    ).id;
    await as('shuji')
      .put(`/grids/${gridId}/admission-list`, {
        categories: ['public-facilities', 'environment-sanitation', 'property-service'],
      })
      .expect(200);
  });
  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  it("takes a resident's demand with a photo to 销号 through its grid: accept, assign, resolve, confirm", async () => {
    const photo = (await upload('yezhu-12-2-301', PNG)).expect(201).body as {
      id: string;
      contentType: string;
      sizeBytes: number;
    };
    expect(photo).toMatchObject({ contentType: 'image/png', sizeBytes: PNG.length });
    expect(Object.keys(photo).sort()).toEqual(['contentType', 'id', 'sizeBytes']);
    // Before the demand names it, only its uploader may read it.
    (await get('wanggeyuan', `/uploads/${photo.id}`)).expect(404);

    const received = await submit('yezhu-12-2-301', {
      content: '12号楼2单元门口的路灯坏了一个星期',
      category: 'public-facilities',
      unitId: units['12-2-301'],
      photoIds: [photo.id],
    });
    expect(received).toMatchObject({ status: 'received', gridId, version: 1 });
    expect(received.number).toMatch(/^XY-\d{8}-0001$/);
    // The photo is the demand's now: its grid worker reads it, another resident does not.
    await until(async () => (await as('wanggeyuan').get(`/uploads/${photo.id}`)).status === 200);
    const bytes = await as('wanggeyuan').get(`/uploads/${photo.id}`).buffer(true).parse(rawBytes);
    expect(bytes.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(bytes.body as Buffer, PNG)).toBe(0);
    (await get('yezhu-12-2-302', `/uploads/${photo.id}`)).expect(404);
    // A photo names one demand only.
    refused(
      await post('yezhu-12-2-301', demands(), {
        content: '再用一次同一张照片',
        category: 'other',
        source: 'online',
        photoIds: [photo.id],
      }),
      400,
      'VALIDATION_FAILED',
    );

    // The grid worker of another grid, and a resident, may not accept it.
    refused(await post('wuye', `/demands/${received.id}/acceptance`, {}), 403, 'FORBIDDEN');
    const accepted = (await post('wanggeyuan', `/demands/${received.id}/acceptance`, {})).expect(
      201,
    ).body as Written;
    expect(accepted).toMatchObject({ status: 'accepted', version: 2 });
    refused(
      await post('wanggeyuan', `/demands/${received.id}/acceptance`, {}),
      409,
      'ALREADY_ACKNOWLEDGED',
    );
    const assigned = (
      await post('wanggeyuan', `/demands/${received.id}/assignment`, {
        party: 'property-company',
        dueInWorkingDays: 3,
        note: '请物业三日内更换',
      })
    ).expect(201).body as Written;
    expect(assigned.status).toBe('assigned');

    const after = (await upload('wuye', PNG)).expect(201).body as { id: string };
    refused(
      await post('yezhu-12-2-302', `/demands/${received.id}/resolution`, { note: '修好了' }),
      403,
      'FORBIDDEN',
    );
    const resolved = (
      await post('wuye', `/demands/${received.id}/resolution`, {
        note: '已更换路灯灯泡，夜间照明恢复',
        photoIds: [after.id],
      })
    ).expect(201).body as Written;
    expect(resolved.status).toBe('resolved');
    // The submitter is asked to confirm, in Chinese, with the deadline in China Standard Time.
    await until(async () =>
      (
        (await as('yezhu-12-2-301').get('/me/notifications?limit=100').expect(200)).body as {
          items: { kind: string; body: string }[];
        }
      ).items.some(
        (n) =>
          n.kind === 'demand-confirm' &&
          n.body.includes(resolved.number) &&
          /已办理完毕，请于\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}前确认/.test(n.body),
      ),
    );
    // The submitter reads the resolution's photo.
    await until(
      async () => (await as('yezhu-12-2-301').get(`/uploads/${after.id}`)).status === 200,
    );

    const closed = (
      await post('yezhu-12-2-301', `/demands/${received.id}/confirmation`, {
        rating: 'satisfied',
        comment: '很及时',
      })
    ).expect(201).body as Written;
    expect(closed).toMatchObject({ status: 'closed', version: 5 });
    const view = await detail('yezhu-12-2-301', closed);
    expect(view).toMatchObject({ status: 'closed', photoIds: [photo.id], reopenings: 0 });
    expect(view.resolutions[0]!.photoIds).toEqual([after.id]);
    expect(view.timeline.map((t) => t.label)).toEqual([
      '受理诉求',
      '签收',
      '派单',
      '办结，请评价',
      '评价',
    ]);
    for (const t of view.timeline)
      expect(t.occurredAtText).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
    expect(view.timeline[4]!.detail).toContain('满意');
  });

  it("takes a tenant's demand for their own unit only", async () => {
    await signInWith('admin', 'admin-password-1');
    const user = (
      await as('shuji')
        .post('/users', { username: 'zuhu-11', password: 'tenant-pass-1', displayName: '租户小陈' })
        .expect(201)
    ).body as { id: string };
    await as('shuji')
      .post(`/communities/${communityId}/memberships`, {
        userId: user.id,
        roles: ['resident'],
        unitIds: [units['11-1-101']],
        occupancy: 'tenant',
      })
      .expect(201);
    await signInWith('zuhu-11', 'tenant-pass-1');
    const own = await submit('zuhu-11', {
      content: '楼道里堆满杂物，影响通行',
      category: 'environment-sanitation',
      unitId: units['11-1-101'],
    });
    expect(own).toMatchObject({ status: 'received', gridId });
    refused(
      await post('zuhu-11', demands(), {
        content: '别人家的事',
        category: 'other',
        source: 'online',
        unitId: units['12-2-301'],
      }),
      403,
      'FORBIDDEN',
    );
    // Only those who write down a resident's words may name whom for.
    refused(
      await post('zuhu-11', demands(), {
        content: '替邻居反映',
        category: 'other',
        source: 'online',
        onBehalfOf: { name: '王大爷' },
      }),
      403,
      'FORBIDDEN',
    );
  });

  it("refuses only outside the grid's admission list (409 IN_ADMISSION_LIST inside)", async () => {
    const inside = await submit('yezhu-12-2-302', {
      content: '楼下垃圾桶满了没人清理',
      category: 'environment-sanitation',
      unitId: units['12-2-302'],
    });
    const error = refused(
      await post('wanggeyuan', `/demands/${inside.id}/refusal`, { reason: '不归我们管' }),
      409,
      'IN_ADMISSION_LIST',
    ).body as { error: { message: string } };
    expect(error.error.message).toContain('环境卫生');
    const outside = await submit('yezhu-12-2-302', {
      content: '楼上邻居装修纠纷',
      category: 'neighbour-dispute',
      unitId: units['12-2-302'],
    });
    const refusedOne = (
      await post('wanggeyuan', `/demands/${outside.id}/refusal`, {
        reason: '邻里纠纷不在本网格准入清单内，请社区调解',
      })
    ).expect(201).body as Written;
    expect(refusedOne.status).toBe('refused');
    // The secretary takes it on: assigns it elsewhere.
    const reassigned = (
      await post('shuji', `/demands/${outside.id}/assignment`, {
        gridId: otherGridId,
      })
    ).expect(201).body as Written;
    expect(reassigned).toMatchObject({ status: 'assigned', gridId: otherGridId });
    refused(
      await post('wanggeyuan', `/demands/${inside.id}/refusal`, {}),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('reopens on a dissatisfied answer, back to assigned, and the read model counts it', async () => {
    const d = await submit('yezhu-12-2-302', {
      content: '电梯经常停运',
      category: 'property-service',
      unitId: units['12-2-302'],
    });
    await post('wanggeyuan', `/demands/${d.id}/acceptance`, {}).then((r) => r.expect(201));
    await post('wanggeyuan', `/demands/${d.id}/resolution`, { note: '已通知物业检修' }).then((r) =>
      r.expect(201),
    );
    const reopened = (
      await post('yezhu-12-2-302', `/demands/${d.id}/confirmation`, {
        rating: 'dissatisfied',
        comment: '还是经常停',
      })
    ).expect(201).body as Written;
    expect(reopened.status).toBe('assigned');
    expect((await detail('yezhu-12-2-302', reopened)).reopenings).toBe(1);
    await projected(reopened);
    const row = (await listed('shuji')).items.find((i) => i.id === d.id)!;
    expect(row).toMatchObject({ status: 'assigned', reopenings: 1, rating: 'dissatisfied' });
  });

  it("lists the accept deadline and whom a demand is assigned to (the grid worker's round)", async () => {
    const d = await submit('yezhu-12-2-302', {
      content: '单元门禁刷卡没反应',
      category: 'public-facilities',
      unitId: units['12-2-302'],
    });
    await projected(d);
    const received = (await listed('wanggeyuan')).items.find((i) => i.id === d.id)!;
    expect(received).toMatchObject({ status: 'received', assignedUserId: null });
    // The community's default: 24 elapsed hours to accept (docs/demands.md, "Deadlines").
    expect(Date.parse(received.acceptDueAt) - Date.parse(received.receivedAt)).toBe(24 * 3_600_000);
    await post('wanggeyuan', `/demands/${d.id}/acceptance`, {}).then((r) => r.expect(201));
    const assigned = (
      await post('shuji', `/demands/${d.id}/assignment`, { userId: userIds.wanggeyuan })
    ).expect(201).body as Written;
    await projected(assigned);
    expect((await listed('wanggeyuan')).items.find((i) => i.id === d.id)).toMatchObject({
      status: 'assigned',
      assignedUserId: userIds.wanggeyuan,
    });
  });

  it('lets the submitter withdraw, nobody else', async () => {
    const d = await submit('yezhu-10-1-101', {
      content: '小区东门的道闸坏了',
      category: 'parking',
      unitId: units['10-1-101'],
    });
    refused(await post('yezhu-12-2-302', `/demands/${d.id}/withdrawal`, {}), 403, 'FORBIDDEN');
    const withdrawn = (
      await post('yezhu-10-1-101', `/demands/${d.id}/withdrawal`, {
        reason: '已经修好了',
      })
    ).expect(201).body as Written;
    expect(withdrawn.status).toBe('withdrawn');
    refused(await post('yezhu-10-1-101', `/demands/${d.id}/withdrawal`, {}), 409, 'WRONG_STAGE');
  });

  it('merges a duplicate into another open demand (secretary)', async () => {
    const first = await submit('yezhu-12-2-301', {
      content: '12号楼北侧路灯不亮',
      category: 'public-facilities',
      unitId: units['12-2-301'],
    });
    const duplicate = await submit('wanggeyuan', {
      content: '巡查发现12号楼北侧路灯不亮',
      category: 'public-facilities',
      source: 'grid-patrol',
      place: { estate: ESTATE, building: '12号楼' },
    });
    expect(duplicate.gridId).toBe(gridId);
    refused(
      await post('wanggeyuan', `/demands/${duplicate.id}/merge`, { intoDemandId: first.id }),
      403,
      'FORBIDDEN',
    );
    refused(
      await post('shuji', `/demands/${duplicate.id}/merge`, { intoDemandId: duplicate.id }),
      400,
      'VALIDATION_FAILED',
    );
    refused(
      await post('shuji', `/demands/${duplicate.id}/merge`, {
        intoDemandId: '00000000-0000-4000-8000-000000000000',
      }),
      400,
      'VALIDATION_FAILED',
    );
    const merged = (
      await post('shuji', `/demands/${duplicate.id}/merge`, {
        intoDemandId: first.id,
      })
    ).expect(201).body as Written;
    expect(merged.status).toBe('merged');
  });

  it("records a client's id once: the same id again answers 200 with the demand, nothing appended", async () => {
    const id = '6f1c2f0e-3a7b-4c1d-9e2f-5a6b7c8d9e0f';
    const body = {
      id,
      content: '入户走访：李奶奶家水管漏水',
      category: 'utilities',
      source: 'door-to-door',
      unitId: units['11-1-101'],
      onBehalfOf: { name: '李奶奶', phone: '13800000000' },
    };
    const first = await submit('wanggeyuan', body);
    const again = await submit('wanggeyuan', body, 200);
    expect(again).toEqual(first);
    const { rows } = await db.pool.query(
      `SELECT count(*)::int AS n FROM events WHERE stream_id = $1`,
      [`demand-${id}`],
    );
    expect(rows).toEqual([{ n: 1 }]);
    // Someone else's request with that id is refused.
    refused(
      await post('shuji', demands(), { ...body, onBehalfOf: undefined }),
      409,
      'ALREADY_EXISTS',
    );
    // The tenant of the unit it was recorded for sees it.
    await projected(first);
    expect((await listed('zuhu-11')).items.map((i) => i.id)).toContain(id);
  });

  it('shows residents only their own demands, grid workers their grids', async () => {
    const mine = (await listed('yezhu-12-2-301')).items;
    expect(mine.length).toBeGreaterThan(0);
    const all = (await listed('shuji')).items;
    const { rows } = await db.pool.query<{ id: string; submitted_by: string }>(
      `SELECT demand_id AS id, submitted_by FROM demand_views`,
    );
    const submitter = new Map(rows.map((r) => [r.id, r.submitted_by]));
    expect(mine.every((i) => submitter.get(i.id) === userIds['yezhu-12-2-301'])).toBe(true);
    const others = all.filter((i) => submitter.get(i.id) !== userIds['yezhu-12-2-301']);
    (await get('yezhu-12-2-301', `/demands/${others[0]!.id}`)).expect(404);
    // The grid worker sees the demands of their grid, not the one passed to the other grid.
    const worker = (await listed('wanggeyuan')).items.map((i) => i.id);
    const moved = (
      (await as('shuji').get(`${demands()}?gridId=${otherGridId}`).expect(200)).body as {
        items: ListItem[];
      }
    ).items;
    expect(moved.map((i) => i.content)).toContain('楼上邻居装修纠纷');
    expect(worker.filter((id) => moved.some((i) => i.id === id))).toEqual([]);
  });

  it('filters the ledger, searches two-character words and numbers, sorts by deadline, exports CSV', async () => {
    const all = await listed('shuji');
    expect(all.total).toBe(all.items.length);
    const lights = await listed('shuji', `&q=${encodeURIComponent('路灯')}`);
    expect(lights.items.length).toBe(3);
    expect(lights.items.every((i) => all.items.some((a) => a.id === i.id))).toBe(true);
    const byNumber = await listed('shuji', `&q=${encodeURIComponent(all.items[0]!.number)}`);
    expect(byNumber.items.map((i) => i.id)).toEqual([all.items[0]!.id]);
    expect((await listed('shuji', '&q=%25')).total).toBe(0);
    expect(
      (await listed('shuji', '&status=closed')).items.every((i) => i.status === 'closed'),
    ).toBe(true);
    expect((await listed('shuji', '&category=utilities')).total).toBe(1);
    expect(
      (await listed('shuji', `&from=${encodeURIComponent('2099-01-01T00:00:00Z')}`)).total,
    ).toBe(0);
    const due = (await listed('shuji', '&sort=due')).items;
    expect(due.at(-1)!.status).toMatch(/closed|withdrawn|merged/);
    const online = await listed('shuji', '&source=online');
    expect(online.total).toBeGreaterThan(0);
    expect(online.items.every((i) => i.source === 'online')).toBe(true);
    expect(online.total).toBeLessThan(all.total);
    // Nothing here is past a deadline yet; the flag and the filter agree.
    expect(all.items.filter((i) => i.overdue)).toEqual([]);
    expect((await listed('shuji', '&overdue=true')).total).toBe(0);
    expect((await listed('shuji', '&overdue=false')).total).toBe(all.total);
    refused(await get('shuji', `${demands()}?overdue=maybe`), 400, 'VALIDATION_FAILED');
    refused(await get('shuji', `${demands()}?source=fax`), 400, 'VALIDATION_FAILED');
    refused(await get('shuji', `${demands()}?status=lost`), 400, 'VALIDATION_FAILED');
    refused(await get('shuji', `${demands()}?colour=red`), 400, 'VALIDATION_FAILED');

    // Page by page with the cursor: the same rows as one page, each once; the total exact.
    type Paged = { items: ListItem[]; total: number; totalExact: boolean; nextCursor: string };
    const walked: ListItem[] = [];
    for (let cursor = ''; ;) {
      const page = (await get('shuji', `${demands()}?sort=due&limit=4${cursor}`)).expect(200)
        .body as Paged;
      expect(page).toMatchObject({ total: all.total, totalExact: true });
      walked.push(...page.items);
      if (page.nextCursor === null) break;
      cursor = `&cursor=${encodeURIComponent(page.nextCursor)}`;
    }
    expect(walked.map((i) => i.id)).toEqual(due.map((i) => i.id));
    const first = (await get('shuji', `${demands()}?limit=1`)).expect(200).body as Paged;
    const wrongSort = refused(
      await get('shuji', `${demands()}?sort=due&cursor=${first.nextCursor}`),
      400,
      'VALIDATION_FAILED',
    );
    expect(wrongSort.body).toMatchObject({
      error: {
        message: '翻页标记（cursor）属于另一种排序方式，请回到第一页重新查看',
        details: { fields: [{ field: 'cursor' }] },
      },
    });
    refused(await get('shuji', `${demands()}?cursor=abc`), 400, 'VALIDATION_FAILED');
    refused(
      await get('shuji', `${demands()}?offset=1&cursor=${first.nextCursor}`),
      400,
      'VALIDATION_FAILED',
    );

    const csv = await as('shuji')
      .get(`${demands()}?q=${encodeURIComponent('路灯')}`)
      .set('Accept', 'text/csv')
      .buffer(true)
      .parse(rawBytes)
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const text = (csv.body as Buffer).toString('utf8');
    expect(text.startsWith('\uFEFF诉求编号,受理时间,类别,诉求内容,状态,网格')).toBe(true);
    const lines = text.trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
    expect(text).toContain('公共设施');
    expect(text).toContain('第一网格');
  });

  it('numbers by the community prefix setting, validated in Chinese', async () => {
    const settings = await get('shuji', `/communities/${communityId}/settings`);
    expect(settings.body).toMatchObject({ demandNumberPrefix: 'XY' });
    refused(
      await as('shuji').patch(`/communities/${communityId}/settings`, { demandNumberPrefix: 'x1' }),
      400,
      'VALIDATION_FAILED',
    );
    await as('shuji')
      .patch(`/communities/${communityId}/settings`, { demandNumberPrefix: 'JTHZ' })
      .expect(200);
    const d = await submit('yezhu-12-2-301', { content: '新前缀', category: 'other' });
    expect(d.number).toMatch(/^JTHZ-\d{8}-\d{4}$/);
    const { rows } = await db.pool.query<{ last_seq: number }>(
      `SELECT last_seq FROM demand_number_counters WHERE community_id = $1`,
      [communityId],
    );
    expect(Number(d.number.slice(-4))).toBe(rows[0]!.last_seq);
  });

  it('refuses photos that are not JPEG, PNG or WebP (415), and an empty body', async () => {
    refused(
      await upload('yezhu-12-2-301', Buffer.from('%PDF-1.4 not a photo'), 'application/pdf'),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    refused(await upload('yezhu-12-2-301', Buffer.alloc(0)), 400, 'VALIDATION_FAILED');
  });

  it('places a demand by estate and building, or by estate, only where the ledger has units', async () => {
    const at = (place: object) => ({ content: '路面塌陷', category: 'other', place });
    expect(await submit('shuji', at({ estate: ESTATE, building: '10号楼' }))).toMatchObject({
      status: 'received',
      gridId: otherGridId,
    });
    expect(await submit('shuji', at({ estate: ESTATE }))).toMatchObject({ gridId: null });
    for (const [field, where] of [
      ['place', at({ estate: ESTATE, building: '99号楼' })],
      ['place', at({ estate: '别的小区' })],
      ['unitId', { content: '路面塌陷', category: 'other', unitId: randomUUID() }],
    ] as const) {
      const res = await post('shuji', demands(), { source: 'online', ...where });
      refused(res, 400, 'VALIDATION_FAILED');
      expect(res.body).toMatchObject({ error: { details: { fields: [{ field }] } } });
    }
  });

  it('gives every refusal a Chinese message', () => {
    expect(refusals.length).toBeGreaterThan(15);
    const english = refusals.filter(
      (r) => !HAN.test((r.body as { error?: { message?: string } }).error?.message ?? ''),
    );
    expect(english.map((r) => `${r.what}: ${r.status} ${JSON.stringify(r.body)}`)).toEqual([]);
  });
});
