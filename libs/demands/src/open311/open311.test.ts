import { type Server } from 'node:http';
import { XMLParser } from 'fast-xml-parser';
import request from 'supertest';
import { DEMAND_CATEGORIES } from '@yishi/domain';
import { client, TEST_ADMIN, login } from '../../../../test/support/api';
import { type TestDatabase } from '../../../../test/support/database';
import { demoCommunityUnits } from '../../../../test/support/demo-units';
import { httpActors } from '../../../../test/support/http-actors';
import { startDemoPlatform, type TestPlatform } from '../../../../test/support/platform';
import { until } from '../../../../test/support/wait';
import * as examples from './georeport-v2.examples';

/*
 * Open311 GeoReport v2 over HTTP on the demo platform (学苑社区, 金泰和庄): the secretary's api_keys
 * (kept as hashes, revocable), the documents in JSON and XML held to the element names and shapes
 * of the spec's own examples, a 311 form becoming a ledger demand, the public reads listing only
 * Open311 submissions and never a person's details, and the spec's errors in Chinese.
 */
const HAN = /\p{Script=Han}/u;
const W3 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;
const parser = new XMLParser({ parseTagValue: false });

type Doc = Record<string, unknown>;

/** A list document's items: the JSON array, or the root's repeated children in XML. */
function items(text: string, format: 'json' | 'xml', root: string, item: string): Doc[] {
  if (format === 'json') return JSON.parse(text) as Doc[];
  const parsed = parser.parse(text) as Record<string, Record<string, unknown> | ''>;
  expect(Object.keys(parsed).filter((k) => k !== '?xml')).toEqual([root]);
  const children = parsed[root];
  if (children === '' || children === undefined) return [];
  expect(Object.keys(children)).toEqual([item]);
  const value = children[item];
  return (Array.isArray(value) ? value : [value]) as Doc[];
}

const keysOf = (doc: Doc) => Object.keys(doc).sort();

/** Ours has exactly the example's element names, every item, in both formats. */
function expectSameShape(ours: Doc[], example: Doc[]) {
  expect(ours.length).toBeGreaterThan(0);
  const names = keysOf(example[0]!);
  for (const e of example) expect(keysOf(e)).toEqual(names);
  for (const o of ours) expect(keysOf(o)).toEqual(names);
}

describe('Open311 GeoReport v2 (HTTP, real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let communityId: string;
  let units: Record<string, string> = {};
  let key: string;
  const { as, signIn, userIds } = httpActors(() => server);

  const get = (path: string) => request(server).get(`/open311/v2/${path}`);
  const post = (path: string, form: Record<string, string>) =>
    request(server)
      .post(`/open311/v2/${path}`)
      .type('form')
      .send(new URLSearchParams(form).toString());
  /** GET requests.json until `check` holds of the listed requests (the read model lags a little). */
  const listed = async (query: string, check: (r: Doc[]) => boolean) => {
    let last: Doc[] = [];
    await until(
      async () => {
        const res = await get(`requests.json?${query}`);
        last = res.status === 200 ? (res.body as Doc[]) : [];
        return check(last);
      },
      15_000,
      () => `requests.json?${query}: ${JSON.stringify(last)}`,
    );
    return last;
  };
  const report = {
    service_code: 'public-facilities',
    description: '12号楼门口的路灯坏了，晚上很黑',
    address_string: '金泰和庄12号楼2单元301室',
    first_name: '小明',
    last_name: '王',
    phone: '13800000001',
    email: 'wxm@example.cn',
    device_id: 'device-778899',
    account_id: 'acct-42',
    media_url: 'https://img.example.cn/lamp.jpg',
    'attribute[WHISPAWN]': '123456',
  };

  beforeAll(async () => {
    ({ db, platform, server } = await startDemoPlatform('open311'));
    await signIn('shuji', 'wanggeyuan');
    ({ communityId, units } = await demoCommunityUnits(as('shuji')));
    await as('shuji')
      .post(`/communities/${communityId}/grids`, {
        name: '第二网格',
        buildings: [{ estate: '金泰和庄', building: '12号楼' }],
      })
      .expect(201);
  });
  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  it('issues an api_key to the secretary only, shows it once and keeps its hash', async () => {
    await as('wanggeyuan')
      .post(`/communities/${communityId}/open311-keys`, { name: '随手拍' })
      .expect(403);
    const res = await as('shuji')
      .post(`/communities/${communityId}/open311-keys`, { name: '市民随手拍小程序' })
      .expect(201);
    const issued = res.body as { id: string; key: string; keyPrefix: string; issuedBy: string };
    key = issued.key;
    expect(key).toMatch(/^ys311_[A-Za-z0-9_-]{43}$/);
    expect(issued).toMatchObject({ keyPrefix: key.slice(0, 10), issuedBy: userIds.shuji });
    const list = await as('shuji').get(`/communities/${communityId}/open311-keys`).expect(200);
    expect(JSON.stringify(list.body)).not.toContain(key);
    expect((list.body as { items: unknown[] }).items).toEqual([
      expect.objectContaining({ id: issued.id, name: '市民随手拍小程序', revokedAt: null }),
    ]);
    const { rows } = await db.pool.query<{ row: string; hash: Buffer }>(
      `SELECT row_to_json(k)::text AS row, k.key_hash AS hash FROM open311_keys k`,
    );
    expect(rows[0]!.row).not.toContain(key.slice(10));
    expect(rows[0]!.hash.length).toBe(32);
    const audit = await db.pool.query(
      `SELECT 1 FROM audit_log WHERE action = 'open311-key.issued'`,
    );
    expect(audit.rowCount).toBe(1);
  });

  it('serves discovery and services shaped as the spec examples, in JSON and XML', async () => {
    for (const format of ['json', 'xml'] as const) {
      const services = await get(`services.${format}`).expect(200);
      expect(services.headers['content-type']).toBe(
        format === 'json' ? 'application/json; charset=utf-8' : 'text/xml; charset=utf-8',
      );
      const ours = items(services.text, format, 'services', 'service');
      const example = items(
        format === 'json' ? examples.SERVICES_JSON : examples.SERVICES_XML,
        format,
        'services',
        'service',
      );
      expectSameShape(ours, example);
      expect(ours.map((s) => s.service_code)).toEqual([...DEMAND_CATEGORIES]);
      for (const s of ours) {
        expect(String(s.service_name)).toMatch(HAN);
        expect(String(s.metadata)).toBe('false');
        expect(s.type).toBe('realtime');
      }
      const discovery = await get(`discovery.${format}`).expect(200);
      if (format === 'json') {
        const d = discovery.body as Doc & { endpoints: Doc[] };
        const e = JSON.parse(examples.DISCOVERY_JSON) as Doc & { endpoints: Doc[] };
        expect(keysOf(d)).toEqual(keysOf(e));
        expect(keysOf(d.endpoints[0]!)).toEqual(keysOf(e.endpoints[0]!));
        expect(d.endpoints[0]!.formats).toEqual(['text/xml', 'application/json']);
      } else {
        const d = parser.parse(discovery.text) as { discovery: Doc & { endpoints: Doc } };
        const e = parser.parse(examples.DISCOVERY_XML) as { discovery: Doc & { endpoints: Doc } };
        expect(keysOf(d.discovery)).toEqual(keysOf(e.discovery));
        expect(keysOf(d.discovery.endpoints)).toEqual(['endpoint']);
        expect(d.discovery.endpoints.endpoint).toMatchObject({
          specification: 'http://wiki.open311.org/GeoReport_v2',
          formats: { format: ['text/xml', 'application/json'] },
        });
      }
    }
  });

  let number: string;
  let demandId: string;

  it('turns a 311 form into a ledger demand recorded by the key issuer, placed by its building', async () => {
    const res = await post('requests.json', { ...report, api_key: key }).expect(201);
    const created = res.body as Doc[];
    expectSameShape(created, JSON.parse(examples.POST_RESPONSE_JSON) as Doc[]);
    number = String(created[0]!.service_request_id);
    expect(number).toMatch(/^XY-\d{8}-\d{4}$/);
    expect(created[0]!.account_id).toBe('acct-42');
    expect(String(created[0]!.service_notice)).toMatch(/前签收/);

    let item: { id: string; number: string } | undefined;
    await until(async () => {
      const ledger = await as('shuji').get(`/communities/${communityId}/demands?q=${number}`);
      item = (ledger.body as { items: { id: string; number: string }[] }).items[0];
      return item !== undefined;
    });
    expect(item?.number).toBe(number);
    demandId = item!.id;
    const detail = (await as('shuji').get(`/demands/${demandId}?minVersion=1`).expect(200))
      .body as Doc;
    expect(detail).toMatchObject({
      source: 'online',
      category: 'public-facilities',
      unitId: null,
      place: { estate: '金泰和庄', building: '12号楼' },
      onBehalfOf: { name: '王小明', phone: '13800000001' },
      status: 'received',
    });
    expect(detail.content).toBe(
      '12号楼门口的路灯坏了，晚上很黑\n地址：金泰和庄12号楼2单元301室\n图片：https://img.example.cn/lamp.jpg\n邮箱：wxm@example.cn',
    );
    const { rows } = await db.pool.query<{ actor: string }>(
      `SELECT metadata->>'actorId' AS actor FROM events WHERE stream_id = $1`,
      [`demand-${demandId}`],
    );
    expect(rows[0]!.actor).toBe(userIds.shuji);

    const xml = await post('requests.xml', {
      api_key: key,
      service_code: 'environment-sanitation',
      lat: '39.9087',
      long: '116.3975',
    }).expect(201);
    expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
    expectSameShape(
      items(xml.text, 'xml', 'service_requests', 'request'),
      items(examples.POST_RESPONSE_XML, 'xml', 'service_requests', 'request'),
    );
  });

  it('lists only Open311 submissions, shaped as the spec examples, without personal details', async () => {
    // A resident's own demand through the ledger is never public.
    await signIn('yezhu-12-2-301');
    const own = await as('yezhu-12-2-301')
      .post(`/communities/${communityId}/demands`, {
        content: '我家楼上漏水，联系电话 13900000009',
        category: 'utilities',
        unitId: units['12-2-301'],
        source: 'online',
      })
      .expect(201);
    const ownNumber = (own.body as { number: string }).number;

    const requests = await listed('', (r) => r.length === 2);
    expect(requests.map((r) => r.service_request_id)).not.toContain(ownNumber);
    await get(`requests/${ownNumber}.json`).expect(404);
    for (const format of ['json', 'xml'] as const) {
      const res = await get(`requests.${format}`).expect(200);
      const ours = items(res.text, format, 'service_requests', 'request');
      const example = items(
        format === 'json' ? examples.SERVICE_REQUESTS_JSON : examples.SERVICE_REQUESTS_XML,
        format,
        'service_requests',
        'request',
      );
      expectSameShape(ours, example);
      for (const r of ours) {
        expect(['open', 'closed']).toContain(r.status);
        expect(String(r.requested_datetime)).toMatch(/\+08:00$/);
        for (const field of ['requested_datetime', 'updated_datetime', 'expected_datetime'])
          expect(String(r[field])).toMatch(W3);
      }
      for (const secret of [
        '王小明',
        '小明',
        '13800000001',
        'wxm@example.cn',
        'acct-42',
        'device-778899',
        units['12-2-301']!,
        '13900000009',
      ])
        expect(res.text).not.toContain(secret);
    }
    const one = (await get(`requests/${number}.json`).expect(200)).body as Doc[];
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({
      service_request_id: number,
      status: 'open',
      status_notes: '已受理，等待网格员签收',
      service_code: 'public-facilities',
      service_name: '公共设施',
      description: '12号楼门口的路灯坏了，晚上很黑',
      agency_responsible: '第二网格',
      address: '金泰和庄12号楼',
      address_id: null,
      lat: null,
      media_url: 'https://img.example.cn/lamp.jpg',
    });
    expect((await get(`requests/${demandId}.json`).expect(200)).body).toEqual(one);
    const point = requests.find((r) => r.service_code === 'environment-sanitation');
    expect(point).toMatchObject({
      lat: 39.9087,
      long: 116.3975,
      address: null,
      agency_responsible: '社区党组织',
    });
  });

  it('maps statuses: a withdrawn request is closed, with its note in Chinese, and filters by them', async () => {
    await as('shuji').post(`/demands/${demandId}/withdrawal`, { reason: '重复提交' }).expect(201);
    await listed(`status=closed`, (r) => r.length === 1 && r[0]!.service_request_id === number);
    const closed = (await get(`requests/${number}.xml`).expect(200)).text;
    expect(items(closed, 'xml', 'service_requests', 'request')[0]).toMatchObject({
      status: 'closed',
      status_notes: '提交人已撤回',
      service_notice: '',
    });
    const open = (await get('requests.json?status=open').expect(200)).body as Doc[];
    expect(open.map((r) => r.service_code)).toEqual(['environment-sanitation']);
    const bySanitation = (
      await get('requests.json?service_code=environment-sanitation,noise').expect(200)
    ).body as Doc[];
    expect(bySanitation).toHaveLength(1);
    const byIds = (
      await get(`requests.json?service_request_id=${number},XY-00000000-0000&status=open`).expect(
        200,
      )
    ).body as Doc[];
    expect(byIds.map((r) => r.service_request_id)).toEqual([number]);
    const old = (
      await get('requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01').expect(200)
    ).body as Doc[];
    expect(old).toEqual([]);
  });

  it('refuses the spec way: arrays of {code, description} in Chinese, 403 / 404 / 400, JSON and XML', async () => {
    const errors = (res: request.Response, format: 'json' | 'xml') => {
      const ours = items(res.text, format, 'errors', 'error');
      const example = items(
        format === 'json' ? examples.ERRORS_JSON : examples.ERRORS_XML,
        format,
        'errors',
        'error',
      );
      expectSameShape(ours, example);
      for (const e of ours) {
        expect(Number(e.code)).toBe(res.status);
        expect(String(e.description)).toMatch(HAN);
      }
      return ours;
    };
    errors(await post('requests.json', { ...report }).expect(403), 'json');
    errors(await post('requests.xml', { ...report, api_key: 'ys311_guess' }).expect(403), 'xml');
    const many = errors(
      await post('requests.json', { api_key: key, lat: '91', long: '200' }).expect(400),
      'json',
    );
    expect(many.map((e) => String(e.description).split('：')[0]).sort()).toEqual([
      'lat',
      'long',
      'service_code',
    ]);
    errors(
      await post('requests.xml', {
        api_key: key,
        service_code: 'potholes',
        address_string: '12号楼',
      }).expect(404),
      'xml',
    );
    errors(
      await request(server).post('/open311/v2/requests.json').send({ api_key: key }).expect(400),
      'json',
    );
    errors(
      await get(
        'requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z',
      ).expect(400),
      'json',
    );
    errors(await get('requests.xml?start_date=yesterday').expect(400), 'xml');
    errors(await get('requests.json?status=pending').expect(400), 'json');
    errors(await get('requests/XY-20000101-0001.xml').expect(404), 'xml');
    errors(await get('requests.xml?service_code=%00').expect(400), 'xml');
    errors(await get('requests/%00.json').expect(400), 'json');
    errors(
      await post('requests.json', { ...report, api_key: key, description: 'a\u0000b' }).expect(400),
      'json',
    );
    errors(await get('services.csv').expect(404), 'json');
    errors(await get('services/public-facilities.json').expect(404), 'json');
    errors(
      await get(
        `services.json?jurisdiction_id=${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`,
      ).expect(404),
      'json',
    );
    errors(await get('services.xml?jurisdiction_id=beijing.gov.cn').expect(404), 'xml');
    // Nothing was written by any refusal.
    const { rows } = await db.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM open311_requests`,
    );
    expect(Number(rows[0]!.n)).toBe(2);
  });

  it('refuses a revoked key and a key whose issuer is no longer the secretary', async () => {
    const admin = client(server, await login(server, TEST_ADMIN.username, TEST_ADMIN.password));
    const user = (
      await admin
        .post('/users', {
          username: 'shuji-two',
          password: 'open311-secretary',
          displayName: '李书记',
        })
        .expect(201)
    ).body as { id: string };
    await admin
      .post(`/communities/${communityId}/memberships`, { userId: user.id, roles: ['secretary'] })
      .expect(201);
    const second = client(server, await login(server, 'shuji-two', 'open311-secretary'));
    const secondKey = (
      (
        await second
          .post(`/communities/${communityId}/open311-keys`, { name: '旧小程序' })
          .expect(201)
      ).body as { key: string }
    ).key;
    await post('requests.json', { ...report, api_key: secondKey }).expect(201);
    await admin
      .patch(`/communities/${communityId}/memberships/${user.id}`, { roles: ['grid-worker'] })
      .expect(200);
    const stale = await post('requests.json', { ...report, api_key: secondKey }).expect(403);
    expect(JSON.stringify(stale.body)).toMatch(/不是本社区的书记/);

    const keys = (await as('shuji').get(`/communities/${communityId}/open311-keys`).expect(200))
      .body as { items: { id: string; keyPrefix: string }[] };
    const mine = keys.items.find((k) => k.keyPrefix === key.slice(0, 10))!;
    await as('shuji').delete(`/communities/${communityId}/open311-keys/${mine.id}`).expect(204);
    await as('shuji').delete(`/communities/${communityId}/open311-keys/${mine.id}`).expect(204);
    const revoked = await post('requests.json', { ...report, api_key: key }).expect(403);
    expect(JSON.stringify(revoked.body)).toMatch(/已被吊销/);
    const after = (await as('shuji').get(`/communities/${communityId}/open311-keys`).expect(200))
      .body as { items: { id: string; revokedAt: string | null; revokedBy: string | null }[] };
    expect(after.items.find((k) => k.id === mine.id)).toMatchObject({ revokedBy: userIds.shuji });
  });

  it('asks for jurisdiction_id once the platform serves several communities', async () => {
    const admin = client(server, await login(server, TEST_ADMIN.username, TEST_ADMIN.password));
    await admin.post('/communities', { name: '第二社区' }).expect(201);
    const res = await get('requests.json').expect(400);
    expect(JSON.stringify(res.body)).toMatch(/jurisdiction_id/);
    const scoped = await get(`requests.json?jurisdiction_id=${communityId}`).expect(200);
    expect((scoped.body as Doc[]).length).toBeGreaterThan(0);
  });
});
