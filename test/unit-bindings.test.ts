import { randomUUID } from 'node:crypto';
import { type Server } from 'node:http';
import request from 'supertest';
import { DEMO_ESTATE } from '@yishi/registry';
import { BINDING_USER_FAILURES } from '@yishi/registry';
import { client, login } from './support/api';
import { testOwnerIdentity } from './support/bindings';
import { caseInDeliberation } from './support/case-fixture';
import { type TestDatabase } from './support/database';
import { startDemoPlatform, type TestPlatform } from './support/platform';

/**
 * Real-name binding (实名绑定) over HTTP: the secretary records owners' numbers (hashed), residents
 * bind by matching them or by the secretary's approval of a request with evidence, failures are
 * throttled, an owner's own ballot needs an active binding, and every step is audited.
 */
const BUILDING = '14号楼';
const ROOMS = ['101', '102', '103', '104'] as const;
type Room = (typeof ROOMS)[number];
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('IHDR 房产证与身份证', 'utf8'),
]);

describe('real-name binding of residents to units (HTTP)', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let communityId: string;
  const tokens: Record<string, string> = {};
  const userIds: Record<string, string> = {};
  const units = {} as Record<Room, string>;
  const identities = {} as Record<Room, { certificateNumber: string; idNumber: string }>;
  const as = (who: string) => client(server, tokens[who]);
  const code = (res: { body: unknown }) => (res.body as { error?: { code?: string } }).error?.code;

  /** A resident account owning `room` (unit_owners), not bound yet. */
  async function resident(username: string, room: Room): Promise<void> {
    const created = await as('shuji')
      .post('/users', { username, password: 'resident-pass-14', displayName: `${room}业主` })
      .expect(201);
    userIds[username] = (created.body as { id: string }).id;
    await as('shuji')
      .post(`/communities/${communityId}/memberships`, {
        userId: userIds[username],
        roles: ['resident'],
        unitIds: [units[room]],
      })
      .expect(201);
    tokens[username] = await login(server, username, 'resident-pass-14');
  }

  beforeAll(async () => {
    ({ db, platform, server } = await startDemoPlatform('bindings'));
    tokens.shuji = await login(server, 'shuji');
    communityId = (
      (await as('shuji').get('/me').expect(200)).body as { memberships: { communityId: string }[] }
    ).memberships[0]!.communityId;
    const imported = await as('shuji')
      .post(`/communities/${communityId}/units`, {
        units: ROOMS.map((room) => ({
          estate: DEMO_ESTATE,
          building: BUILDING,
          entrance: '1单元',
          room,
          area: 90,
        })),
      })
      .expect(201);
    for (const u of (imported.body as { units: { id: string; room: Room }[] }).units)
      units[u.room] = u.id;
    for (const room of ROOMS) identities[room] = testOwnerIdentity();
    await resident('match-14', '101');
    await resident('unbind-14', '102');
    await resident('approve-14', '103');
    await resident('guess-14', '104');
  }, 60_000);
  afterAll(async () => {
    await platform.close();
    await db.drop();
  });

  const identityPath = (room: Room) =>
    `/communities/${communityId}/units/${units[room]}/owner-identities`;

  it('the secretary records owners by their numbers: checked, hashed, never shown', async () => {
    const bad = { ...identities['101'], idNumber: identities['101'].idNumber.slice(0, 17) + 'Y' };
    const refused = await as('shuji').post(identityPath('101'), bad).expect(400);
    expect(code(refused)).toBe('VALIDATION_FAILED');
    const good = identities['101'];
    const flipped = String((Number(good.idNumber[16]) + 1) % 10);
    const checksum = await as('shuji')
      .post(identityPath('101'), {
        ...good,
        idNumber: good.idNumber.slice(0, 16) + flipped + good.idNumber[17],
      })
      .expect(400);
    expect((checksum.body as { error: { details: { reason: string } } }).error.details.reason).toBe(
      'ID_NUMBER_CHECKSUM',
    );
    expect(JSON.stringify(checksum.body)).not.toContain(good.idNumber.slice(6, 14));

    for (const room of ROOMS) {
      const res = await as('shuji').post(identityPath(room), identities[room]).expect(201);
      expect(Object.keys(res.body as object).sort()).toEqual([
        'bound',
        'id',
        'recordedAt',
        'recordedBy',
        'unitId',
      ]);
    }
    // The same owner again (a lower-case x or full-width digits are the same number): 409.
    const again = await as('shuji')
      .post(identityPath('101'), {
        certificateNumber: ` ${identities['101'].certificateNumber} `,
        idNumber: identities['101'].idNumber.toLowerCase(),
      })
      .expect(409);
    expect(code(again)).toBe('ALREADY_EXISTS');
    // Only for the secretary (and the admin), and a unit of this community.
    await as('match-14').post(identityPath('101'), identities['101']).expect(403);
    await as('shuji')
      .post(`/communities/${communityId}/units/${communityId}/owner-identities`, identities['101'])
      .expect(404);

    const { rows } = await db.pool.query<{ salt: Buffer; certificate_hash: Buffer }>(
      `SELECT salt, certificate_hash FROM unit_owner_identities WHERE unit_id = $1`,
      [units['101']],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.certificate_hash).toHaveLength(32);
  });

  it('binds by matching the numbers; a mismatch is refused and counted', async () => {
    const wrong = await as('match-14')
      .post('/me/unit-bindings', { unitId: units['101'], ...identities['102'] })
      .expect(422);
    expect(wrong.body).toMatchObject({
      error: {
        code: 'BINDING_MISMATCH',
        details: { unitId: units['101'], attemptsLeft: BINDING_USER_FAILURES - 1 },
      },
    });
    // A refusal that counted an attempt binds its Idempotency-Key (unlike other 4xx answers): the
    // retry of a lost answer is that answer again, not a second count.
    const key = randomUUID();
    const keyed = await as('match-14')
      .post('/me/unit-bindings', { unitId: units['101'], ...identities['102'] })
      .set('Idempotency-Key', key)
      .expect(422);
    expect(keyed.body).toMatchObject({
      error: { details: { attemptsLeft: BINDING_USER_FAILURES - 2 } },
    });
    const retried = await as('match-14')
      .post('/me/unit-bindings', { unitId: units['101'], ...identities['102'] })
      .set('Idempotency-Key', key)
      .expect(422);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.text).toBe(keyed.text);
    const bound = await as('match-14')
      .post('/me/unit-bindings', {
        unitId: units['101'],
        certificateNumber: identities['101'].certificateNumber,
        idNumber: identities['101'].idNumber.replace('X', 'x'),
      })
      .expect(201);
    expect(bound.body).toMatchObject({
      unitId: units['101'],
      method: 'registry-match',
      active: true,
      unit: { estate: DEMO_ESTATE, building: BUILDING, entrance: '1单元', room: '101' },
    });
    const mine = await as('match-14').get('/me/unit-bindings').expect(200);
    expect((mine.body as { items: { unitId: string }[] }).items.map((b) => b.unitId)).toEqual([
      units['101'],
    ]);
    // Bound already; and the same owner's numbers cannot bind a second account.
    await as('match-14')
      .post('/me/unit-bindings', { unitId: units['101'], ...identities['101'] })
      .expect(409);
    const other = await as('guess-14')
      .post('/me/unit-bindings', { unitId: units['101'], ...identities['101'] })
      .expect(409);
    expect(code(other)).toBe('ALREADY_EXISTS');
    // An account outside the community cannot bind to its units.
    const admin = await login(server, 'admin', 'admin-password-1');
    const outsider = await client(server, admin)
      .post('/users', { username: 'outsider-14', password: 'outsider-pass', displayName: '外人' })
      .expect(201);
    expect(outsider.status).toBe(201);
    const outsiderToken = await login(server, 'outsider-14', 'outsider-pass');
    await client(server, outsiderToken)
      .post('/me/unit-bindings', { unitId: units['104'], ...identities['104'] })
      .expect(403);
  });

  it('locks an account after repeated failures, even for the right numbers, and audits it', async () => {
    // guess-14 failed once above (the 409 of another's identity was not a failure).
    const { rows: before } = await db.pool.query<{ points: number }>(
      `SELECT points FROM unit_binding_attempts WHERE key = $1`,
      [`user:${userIds['guess-14']}`],
    );
    expect(before).toEqual([]);
    let last = 0;
    for (let i = 1; i <= BINDING_USER_FAILURES; i++) {
      const res = await as('guess-14').post('/me/unit-bindings', {
        unitId: units['104'],
        certificateNumber: identities['104'].certificateNumber,
        idNumber: testOwnerIdentity().idNumber,
      });
      last = res.status;
      if (i < BINDING_USER_FAILURES)
        expect([res.status, code(res)]).toEqual([422, 'BINDING_MISMATCH']);
    }
    expect(last).toBe(429);
    const locked = await as('guess-14')
      .post('/me/unit-bindings', { unitId: units['104'], ...identities['104'] })
      .expect(429);
    expect(code(locked)).toBe('RATE_LIMITED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    const { rows } = await db.pool.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'unit-binding.%'`,
      [units['104']],
    );
    expect(rows.filter((r) => r.action === 'unit-binding.failed')).toHaveLength(
      BINDING_USER_FAILURES,
    );
    expect(rows.filter((r) => r.action === 'unit-binding.locked')).toHaveLength(1);
    // The lock is lifted (an operator's reset, or 15 minutes later): the right numbers bind.
    await db.pool.query(`UPDATE unit_binding_attempts SET expire = $1`, [Date.now() - 1_000]);
    await as('guess-14')
      .post('/me/unit-bindings', { unitId: units['104'], ...identities['104'] })
      .expect(201);
  });

  it('binds by the secretary’s approval of a request with evidence, or refuses it with a reason', async () => {
    const upload = (who: string, body: Buffer | string, type: string, room: Room = '103') =>
      request(server)
        .post(
          `/api/v1/communities/${communityId}/binding-requests?unitId=${units[room]}&name=${encodeURIComponent('房产证.png')}`,
        )
        .set('Authorization', `Bearer ${tokens[who]}`)
        .set('Content-Type', type)
        .send(body);
    expect(code(await upload('approve-14', '<html></html>', 'text/html').expect(415))).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    );
    const first = await upload('approve-14', PNG, 'application/octet-stream').expect(201);
    const request1 = first.body as { id: string; status: string; evidence: { url: string } };
    expect(request1).toMatchObject({ status: 'pending', evidence: { contentType: 'image/png' } });
    expect(code(await upload('approve-14', PNG, 'image/png').expect(409))).toBe('ALREADY_EXISTS');

    // The resident sees their own; the secretary all of them, and the scan.
    const own = await as('approve-14')
      .get(`/communities/${communityId}/binding-requests`)
      .expect(200);
    expect((own.body as { items: unknown[] }).items).toHaveLength(1);
    const others = await as('match-14')
      .get(`/communities/${communityId}/binding-requests`)
      .expect(200);
    expect((others.body as { items: unknown[] }).items).toHaveLength(0);
    await as('match-14').get(request1.evidence.url).expect(404);
    const scan = await as('shuji').get(request1.evidence.url).expect(200);
    expect(scan.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(scan.body as Buffer, PNG)).toBe(0);

    // Rejecting needs a reason; a resident cannot decide.
    const base = `/communities/${communityId}/binding-requests/${request1.id}`;
    await as('approve-14').post(`${base}/approve`, {}).expect(403);
    await as('shuji').post(`${base}/reject`, {}).expect(400);
    const rejected = await as('shuji')
      .post(`${base}/reject`, { reason: '证件照片不清晰，请重新上传' })
      .expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', bindingId: null });
    expect(code(await as('shuji').post(`${base}/approve`, {}).expect(409))).toBe('WRONG_STAGE');

    const second = await upload('approve-14', PNG, 'image/png').expect(201);
    const approved = await as('shuji')
      .post(
        `/communities/${communityId}/binding-requests/${(second.body as { id: string }).id}/approve`,
        {
          reason: '已核对原件',
        },
      )
      .expect(200);
    expect(approved.body).toMatchObject({ status: 'approved' });
    expect(typeof (approved.body as { bindingId: unknown }).bindingId).toBe('string');
    const mine = await as('approve-14').get('/me/unit-bindings').expect(200);
    expect((mine.body as { items: unknown[] }).items).toEqual([
      expect.objectContaining({ unitId: units['103'], method: 'secretary-approval', active: true }),
    ]);
  });

  it('an owner’s own ballot needs an active binding: unbound, 403 BINDING_REQUIRED', async () => {
    const bound = await as('unbind-14')
      .post('/me/unit-bindings', { unitId: units['102'], ...identities['102'] })
      .expect(201);
    const bindingId = (bound.body as { id: string }).id;
    // A proxy needs the grantor bound too: an unbound owner is refused below.
    const caseId = await caseInDeliberation({
      store: platform.runtime.store,
      communityId,
      scope: { estate: DEMO_ESTATE, building: BUILDING, entrance: '1单元' },
      title: '14号楼绑定测试',
    });
    const drafted = await as('shuji')
      .post(`/cases/${caseId}/resolutions`, {
        title: '14号楼门禁更换',
        text: '更换门禁',
        rule: 'simple-majority',
        matter: 'ordinary',
        closesAt: new Date(Date.now() + 3_600_000).toISOString(),
      })
      .expect(201);
    const resolutionId = (drafted.body as { id: string }).id;
    const vote = (who: string) =>
      as(who).post(`/resolutions/${resolutionId}/ballots`, { choice: 'for' });

    await vote('match-14').expect(201);
    await vote('approve-14').expect(201);
    // Unbinding oneself: the next ballot is refused, with its own code.
    const ended = await as('unbind-14').post(`/me/unit-bindings/${bindingId}/unbind`).expect(200);
    expect(ended.body).toMatchObject({ active: false, unboundBy: userIds['unbind-14'] });
    expect((await as('unbind-14').get('/me/unit-bindings').expect(200)).body).toEqual({
      items: [],
    });
    const refused = await vote('unbind-14').expect(403);
    expect(code(refused)).toBe('BINDING_REQUIRED');
    // Someone else's binding is not found; the secretary ends one with a reason.
    await as('match-14').post(`/me/unit-bindings/${bindingId}/unbind`).expect(404);
    const list = await as('shuji')
      .get(`/communities/${communityId}/unit-bindings?unitId=${units['104']}&active=true`)
      .expect(200);
    const guessBinding = (list.body as { items: { id: string }[] }).items[0]!.id;
    await as('shuji')
      .post(`/communities/${communityId}/unit-bindings/${guessBinding}/unbind`, {})
      .expect(400);
    await as('shuji')
      .post(`/communities/${communityId}/unit-bindings/${guessBinding}/unbind`, {
        reason: '房屋已过户',
      })
      .expect(200);
    expect(code(await vote('guess-14').expect(403))).toBe('BINDING_REQUIRED');
    // A new proxy is refused to an owner who is not bound.
    const proxy = await as('unbind-14')
      .post(`/communities/${communityId}/proxies`, {
        unitId: units['102'],
        agentId: userIds['match-14'],
        validUntil: new Date(Date.now() + 86_400_000).toISOString(),
        scanUrl: 'https://files.example.cn/proxies/14-1-102.pdf',
      })
      .expect(403);
    expect(code(proxy)).toBe('BINDING_REQUIRED');
  });

  it('every binding, unbinding, request and decision has its audit row', async () => {
    const { rows } = await db.pool.query<{ action: string; n: string }>(
      `SELECT action, count(*) AS n FROM audit_log
        WHERE action LIKE 'unit-binding.%' OR action LIKE 'binding-request.%'
           OR action = 'owner-identity.recorded'
        GROUP BY action`,
    );
    const counts = Object.fromEntries(rows.map((r) => [r.action, Number(r.n)]));
    expect(counts).toMatchObject({
      'owner-identity.recorded': 72 + ROOMS.length,
      // 72 demo owners, then 101 and 104 by match, 103 by approval, 102 by match.
      'unit-binding.bound': 72 + 4,
      'unit-binding.unbound': 2,
      // 1 + 1 keyed (its replay counted nothing) before the lockout's run of failures.
      'unit-binding.failed': 2 + BINDING_USER_FAILURES,
      'unit-binding.locked': 1,
      'binding-request.created': 2,
      'binding-request.rejected': 1,
      'binding-request.approved': 1,
    });
    const { rows: unbound } = await db.pool.query<{ data: { by: string; reason: string | null } }>(
      `SELECT data FROM audit_log WHERE action = 'unit-binding.unbound' ORDER BY id`,
    );
    expect(unbound.map((r) => r.data)).toEqual([
      expect.objectContaining({ by: 'self', reason: null }),
      expect.objectContaining({ by: 'secretary', reason: '房屋已过户' }),
    ]);
  });

  it('a unit taken out of an owner’s list in the registry ends the binding to it', async () => {
    await as('shuji')
      .patch(`/communities/${communityId}/memberships/${userIds['match-14']}`, {
        unitIds: [units['104']],
      })
      .expect(200);
    expect((await as('match-14').get('/me/unit-bindings').expect(200)).body).toEqual({
      items: [],
    });
    const { rows } = await db.pool.query<{ data: { by: string; unitId: string } }>(
      `SELECT data FROM audit_log WHERE action = 'unit-binding.unbound' ORDER BY id DESC LIMIT 1`,
    );
    expect(rows[0]!.data).toMatchObject({ by: 'ownership-removed', unitId: units['101'] });
  });

  it('records owners in bulk from the registry’s CSV, all rows or none, naming rows not values', async () => {
    const coOwners = ROOMS.map(() => testOwnerIdentity());
    const csv = (rows: string[]) =>
      request(server)
        .post(`/api/v1/communities/${communityId}/owner-identities`)
        .set('Authorization', `Bearer ${tokens.shuji}`)
        .set('Content-Type', 'text/csv; charset=utf-8')
        .send(`\uFEFF小区,楼栋,单元,房号,不动产权证号,身份证号\n${rows.join('\n')}\n`);
    const line = (room: Room, o: { certificateNumber: string; idNumber: string }) =>
      `${DEMO_ESTATE},${BUILDING},1单元,${room},${o.certificateNumber},${o.idNumber}`;
    const good = ROOMS.map((room, i) => line(room, coOwners[i]!));

    const badId = { ...coOwners[1]!, idNumber: coOwners[1]!.idNumber.slice(0, 17) + 'Z' };
    const bad = await csv([good[0]!, line('102', badId)]).expect(400);
    expect(bad.body).toMatchObject({ error: { details: { row: 2, field: 'idNumber' } } });
    expect(JSON.stringify(bad.body)).not.toContain(badId.idNumber.slice(0, 17));
    const unknown = await csv([good[0]!, line('999' as Room, coOwners[1]!)]).expect(400);
    expect(unknown.body).toMatchObject({ error: { details: { row: 2, field: 'room' } } });
    const twice = await csv([good[0]!, good[0]!]).expect(409);
    expect(twice.body).toMatchObject({ error: { code: 'ALREADY_EXISTS', details: { row: 2 } } });
    const recordedBefore = await csv([line('101', identities['101'])]).expect(409);
    expect(recordedBefore.body).toMatchObject({ error: { details: { row: 1 } } });
    const { rows: none } = await db.pool.query(
      `SELECT 1 FROM audit_log WHERE action = 'owner-identities.imported'`,
    );
    expect(none).toHaveLength(0);

    expect((await csv(good).expect(201)).body).toEqual({ recorded: ROOMS.length });
    // A co-owner of 104 binds with the imported numbers.
    await resident('coowner-14', '104');
    await as('coowner-14')
      .post('/me/unit-bindings', { unitId: units['104'], ...coOwners[3]! })
      .expect(201);
    const listed = await as('shuji').get(identityPath('104')).expect(200);
    expect((listed.body as { items: { bound: boolean }[] }).items.map((i) => i.bound)).toEqual([
      false,
      true,
    ]);
  });
});
