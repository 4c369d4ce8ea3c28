import { randomInt } from 'node:crypto';
import { type Server } from 'node:http';
import request from 'supertest';
import { idNumberCheckCharacter } from '@yishi/domain';
import { DEMO_ESTATE, demoOwnerIdentity, demoUnits } from '@yishi/registry';
import { client, login, TEST_ADMIN, rawBytes } from './support/api';
import { caseInFollowUp } from './support/case-fixture';
import { type TestDatabase } from './support/database';
import { startDemoPlatform, type TestPlatform } from './support/platform';
import { until } from './support/wait';

/**
 * Owners' certificate and ID numbers never leave the server: owners are recorded and bound with
 * known numbers, a vote runs and the case is closed; then every GET operation of the OpenAPI
 * document is called with real ids as each kind of member, and no body or header holds a number,
 * the last 8 characters of one, or a stored hash or salt. The database is scanned too: no table
 * (audit log, event store, idempotency answers...) holds a number in clear.
 */
const BUILDING = '15号楼';
const ROOMS = ['101', '102', '103'] as const;
type Room = (typeof ROOMS)[number];
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('IHDR scan', 'utf8'),
]);

/** Numbers with random digits throughout, so that their last 8 characters occur nowhere else. */
function randomIdentity(): { certificateNumber: string; idNumber: string } {
  const digits = (n: number) => Array.from({ length: n }, () => String(randomInt(10))).join('');
  const first17 =
    `36${digits(4)}${1950 + randomInt(50)}` +
    `${String(1 + randomInt(12)).padStart(2, '0')}${String(1 + randomInt(28)).padStart(2, '0')}` +
    digits(3);
  return {
    certificateNumber: `赣(2025)金溪县不动产权第${digits(10)}号`,
    idNumber: first17 + idNumberCheckCharacter(first17),
  };
}

describe('no endpoint and no table reveals an owner’s certificate or ID number', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const units = {} as Record<Room, string>;
  const identities = {} as Record<Room, { certificateNumber: string; idNumber: string }>;
  /** Every clear text that must not appear, with what it is (for the failure message). */
  const secrets = new Map<string, string>();
  const as = (who: string) => client(server, tokens[who]);

  function remember(label: string, identity: { certificateNumber: string; idNumber: string }) {
    secrets.set(identity.certificateNumber, `${label} certificate`);
    secrets.set(identity.idNumber, `${label} ID number`);
    secrets.set(identity.idNumber.toLowerCase(), `${label} ID number`);
  }
  /** Tails too, for numbers whose digits are random (the demo's are not: only in full). */
  function rememberTails(label: string, identity: { certificateNumber: string; idNumber: string }) {
    remember(label, identity);
    secrets.set(identity.idNumber.slice(-8), `${label} ID number, last 8`);
    secrets.set(
      identity.certificateNumber.replace(/\D/g, '').slice(-8),
      `${label} certificate, last 8 digits`,
    );
  }
  const leaksIn = (text: string): string[] =>
    [...secrets].filter(([value]) => text.includes(value)).map(([, what]) => what);

  beforeAll(async () => {
    ({ db, platform, server } = await startDemoPlatform('identity-leak'));
    for (const u of ['shuji', 'wuye', 'jiedao', 'loudongzhang', 'wanggeyuan', 'yezhu-12-2-301'])
      tokens[u] = await login(server, u);
    tokens.admin = await login(server, TEST_ADMIN.username, TEST_ADMIN.password);
    ids.communityId = (
      (await as('shuji').get('/me').expect(200)).body as { memberships: { communityId: string }[] }
    ).memberships[0]!.communityId;
    demoUnits().forEach((_, i) => remember(`demo owner ${i}`, demoOwnerIdentity(i)));

    const imported = await as('shuji')
      .post(`/communities/${ids.communityId}/units`, {
        units: ROOMS.map((room) => ({
          estate: DEMO_ESTATE,
          building: BUILDING,
          entrance: '1单元',
          room,
          area: 100,
        })),
      })
      .expect(201);
    for (const u of (imported.body as { units: { id: string; room: Room }[] }).units)
      units[u.room] = u.id;
    ids.unitId = units['101'];
    for (const room of ROOMS) {
      identities[room] = randomIdentity();
      rememberTails(`owner of ${room}`, identities[room]);
      const username = `owner-15-${room}`;
      const created = await as('shuji')
        .post('/users', { username, password: 'owner-pass-15', displayName: `15号楼${room}业主` })
        .expect(201);
      ids[`user${room}`] = (created.body as { id: string }).id;
      await as('shuji')
        .post(`/communities/${ids.communityId}/memberships`, {
          userId: ids[`user${room}`],
          roles: ['resident'],
          unitIds: [units[room]],
        })
        .expect(201);
      tokens[username] = await login(server, username, 'owner-pass-15');
      // Recorded as the secretary types them: lower-case x, spaces, full-width brackets.
      await as('shuji')
        .post(`/communities/${ids.communityId}/units/${units[room]}/owner-identities`, {
          certificateNumber: ` ${identities[room].certificateNumber.replace('(', '（').replace(')', '）')}`,
          idNumber: `${identities[room].idNumber.toLowerCase()} `,
        })
        .expect(201);
    }
    // A co-owner of 102 from the registry's file (JSON here; CSV in unit-bindings.test.ts).
    const coOwner = randomIdentity();
    rememberTails('co-owner of 102', coOwner);
    await as('shuji')
      .post(`/communities/${ids.communityId}/owner-identities`, {
        owners: [
          { estate: DEMO_ESTATE, building: BUILDING, entrance: '1单元', room: '102', ...coOwner },
        ],
      })
      .expect(201);
    // 101 binds by the numbers; 103 tries someone else's, and a made-up ID number.
    const bound = await as('owner-15-101')
      .post('/me/unit-bindings', { unitId: units['101'], ...identities['101'] })
      .expect(201);
    ids.bindingId = (bound.body as { id: string }).id;
    const guess = randomIdentity();
    rememberTails('a wrong guess', guess);
    await as('owner-15-103')
      .post('/me/unit-bindings', { unitId: units['103'], ...guess })
      .expect(422);
    await as('owner-15-103')
      .post('/me/unit-bindings', { unitId: units['101'], ...identities['101'] })
      .expect(409);
    // 102 asks the secretary, who approves.
    const asked = await request(server)
      .post(`/api/v1/communities/${ids.communityId}/binding-requests?unitId=${units['102']}`)
      .set('Authorization', `Bearer ${tokens['owner-15-102']}`)
      .set('Content-Type', 'image/png')
      .send(PNG)
      .expect(201);
    ids.requestId = (asked.body as { id: string }).id;
    await as('shuji')
      .post(`/communities/${ids.communityId}/binding-requests/${ids.requestId}/approve`, {
        reason: '已核对原件',
      })
      .expect(200);
    await as('owner-15-101')
      .post(`/communities/${ids.communityId}/proxies`, {
        unitId: units['101'],
        agentId: ids.user102,
        validUntil: new Date(Date.now() + 86_400_000).toISOString(),
        scanUrl: 'https://files.example.cn/proxies/15-1-101.pdf',
      })
      .expect(201);

    // A vote by a bound owner, then the case closed: its archive exists.
    const fixture = await caseInFollowUp({
      store: platform.runtime.store,
      pool: db.pool,
      communityId: ids.communityId,
      scope: { estate: DEMO_ESTATE, building: BUILDING, entrance: '1单元' },
      voterId: ids.user101!,
      leadParty: 'property-company',
      assigneeParty: 'property-company',
    });
    Object.assign(ids, {
      caseId: fixture.caseId,
      resolutionId: fixture.resolutionId,
      taskId: fixture.taskId,
    });
    await as('shuji')
      .post(`/cases/${fixture.caseId}/close`, { outcome: 'unresolved', reason: '测试档案' })
      .expect(200);
    await until(
      async () => (await as('shuji').get(`/cases/${fixture.caseId}/archive`)).status === 200,
      30_000,
      'the closed case’s archive',
    );
  }, 120_000);
  afterAll(async () => {
    await platform.close();
    await db.drop();
  });

  it('no GET operation answers with a number, a tail of one, or a stored hash', async () => {
    const { rows: hashes } = await db.pool.query<{ salt: Buffer; c: Buffer; i: Buffer }>(
      `SELECT salt, certificate_hash AS c, id_number_hash AS i FROM unit_owner_identities`,
    );
    expect(hashes.length).toBe(72 + ROOMS.length + 1);
    const hashTexts = hashes.flatMap((h) =>
      [h.salt, h.c, h.i].flatMap((b) => [b.toString('hex'), b.toString('base64')]),
    );

    const doc = (await request(server).get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const paths = Object.entries(doc.paths)
      .filter(([, ops]) => 'get' in ops)
      .map(([path]) => path)
      // The live channel (server-sent events) never ends; it carries inbox rows, read below.
      .filter((path) => path !== '/api/v1/me/events');
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/me/unit-bindings',
        '/api/v1/communities/{communityId}/unit-bindings',
        '/api/v1/communities/{communityId}/binding-requests',
        '/api/v1/communities/{communityId}/units/{unitId}/owner-identities',
        '/api/v1/cases/{caseId}/archive/html',
        '/api/v1/communities/{communityId}/stats/export',
      ]),
    );
    const callers = [
      'admin',
      'shuji',
      'wuye',
      'jiedao',
      'loudongzhang',
      'wanggeyuan',
      'yezhu-12-2-301',
      'owner-15-101',
      'owner-15-102',
      'owner-15-103',
    ];
    const problems: string[] = [];
    const ok = new Set<string>();
    for (const template of paths) {
      const path = template.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? ids.caseId!);
      const query = template.includes('/stats')
        ? { from: '2020-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z' }
        : template.includes('/audit')
          ? { limit: '500' }
          : {};
      for (const who of callers) {
        const res = await request(server)
          .get(path)
          .query(query)
          .set('Authorization', `Bearer ${tokens[who]}`)
          .buffer(true)
          .parse(rawBytes);
        const text = `${JSON.stringify(res.headers)}\n${(res.body as Buffer).toString('utf8')}`;
        if (res.status === 200) ok.add(template);
        for (const what of leaksIn(text)) problems.push(`${template} as ${who}: ${what}`);
        if (hashTexts.some((h) => text.includes(h)))
          problems.push(`${template} as ${who}: a stored hash or salt`);
      }
    }
    expect(problems).toEqual([]);
    // The scan reached what matters: the bindings, the vote, the archive, the exports, the audit.
    expect([...ok]).toEqual(
      expect.arrayContaining([
        '/api/v1/me/unit-bindings',
        '/api/v1/communities/{communityId}/unit-bindings',
        '/api/v1/communities/{communityId}/binding-requests',
        '/api/v1/communities/{communityId}/units/{unitId}/owner-identities',
        '/api/v1/communities/{communityId}/audit',
        '/api/v1/cases/{caseId}/archive',
        '/api/v1/cases/{caseId}/archive/html',
        '/api/v1/cases/{caseId}/events',
        '/api/v1/resolutions/{resolutionId}/tally',
        '/api/v1/communities/{communityId}/stats/export',
        '/api/v1/me/notifications',
      ]),
    );
  }, 300_000);

  it('no table holds a number in clear: not the audit log, not the event store, nowhere', async () => {
    const { rows: tables } = await db.pool.query<{ t: string }>(
      `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
    );
    expect(tables.map((t) => t.t)).toEqual(expect.arrayContaining(['audit_log', 'events']));
    const problems: string[] = [];
    for (const { t } of tables) {
      const { rows } = await db.pool.query<{ row: string }>(`SELECT x::text AS row FROM "${t}" x`);
      for (const { row } of rows) for (const what of leaksIn(row)) problems.push(`${t}: ${what}`);
    }
    expect([...new Set(problems)]).toEqual([]);
    const { rows } = await db.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM audit_log WHERE action LIKE 'unit-binding.%'`,
    );
    expect(Number(rows[0]!.n)).toBeGreaterThanOrEqual(72 + 3);
  });
});
