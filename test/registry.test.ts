import { readFileSync } from 'node:fs';
import { type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { client, login } from './support/api';
import { type TestDatabase } from './support/database';
import { type TestPlatform } from './support/platform';
import { type Unit, useRegistryPlatform } from './support/registry-platform';

/*
 * One file, one platform: the audit test reads what the unit, account and settings tests wrote, and
 * the last test checks every body the login, account and audit tests saw (more than ten).
 */

describe('registry, accounts and access over HTTP (real PostgreSQL)', () => {
  const registry = useRegistryPlatform('registry');
  const { bodies, seen } = registry;
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let admin: string;
  let secretary: string;
  let resident: string;
  let demoId: string;
  let otherId: string;
  beforeAll(() => {
    ({ db, platform, server, admin, secretary, resident, demoId, otherId } = registry);
  });

  describe('login', () => {
    it('issues an expiring token and answers a wrong password like an unknown user', async () => {
      const ok = seen(
        await client(server).post('/auth/token', { username: 'shuji', password: 'yishi-demo' }),
      );
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({
        expiresIn: 28800,
        user: { username: 'shuji', displayName: '王书记' },
      });
      const wrong = await client(server).post('/auth/token', {
        username: 'wuye',
        password: 'nope',
      });
      const nobody = await client(server).post('/auth/token', {
        username: 'no-such-user',
        password: 'nope',
      });
      expect(wrong.status).toBe(401);
      expect(nobody.status).toBe(401);
      expect(wrong.body).toEqual(nobody.body);
      expect((wrong.body as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    });

    it('locks a username after repeated failures (429 with Retry-After), even with the right password, whether or not it exists', async () => {
      for (const username of ['jiedao', 'ghost-user']) {
        for (let i = 0; i < 4; i++)
          await client(server)
            .post('/auth/token', { username, password: `bad-${i}` })
            .expect(401);
        const locked = await client(server).post('/auth/token', {
          username,
          password: 'yishi-demo',
        });
        expect(locked.status).toBe(429);
        expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
        expect((locked.body as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
      }
      // Others are not affected.
      await client(server)
        .post('/auth/token', { username: 'wuye', password: 'yishi-demo' })
        .expect(200);
    });

    it('refuses bad login bodies with 400 and missing or bad tokens with 401', async () => {
      const res = await client(server).post('/auth/token', { username: 'shuji' });
      expect(res.status).toBe(400);
      expect(
        (res.body as { error: { details: { fields: { field: string }[] } } }).error.details
          .fields[0]!.field,
      ).toBe('password');
      await client(server)
        .post('/auth/token', { username: 'shuji', password: 'x', extra: 1 })
        .expect(400);
      await client(server).get('/me').expect(401);
      await client(server, 'not.a.token').get('/me').expect(401);
      await client(server, `${secretary}x`).get('/me').expect(401);
    });

    it('GET /me lists memberships, a resident with their units', async () => {
      const me = seen(await client(server, resident).get('/me').expect(200));
      const body = me.body as {
        admin: boolean;
        memberships: { communityId: string; roles: string[]; unitIds: string[] }[];
      };
      expect(body.admin).toBe(false);
      expect(body.memberships).toEqual([
        expect.objectContaining({
          communityId: demoId,
          roles: ['resident'],
          unitIds: [expect.any(String)],
        }),
      ]);
    });
  });

  describe('communities', () => {
    it('the admin creates them; a duplicate is 409; bad bodies are 400 naming the field', async () => {
      const dup = await client(server, admin).post('/communities', {
        name: '东湖社区',
        street: '秀谷镇',
      });
      expect(dup.status).toBe(409);
      expect((dup.body as { error: { code: string } }).error.code).toBe('ALREADY_EXISTS');
      for (const body of [
        {},
        { name: '' },
        { name: 42 },
        { name: 'x'.repeat(65) },
        { name: 'ok', colour: 'red' },
      ]) {
        const res = await client(server, admin).post('/communities', body);
        expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
        expect((res.body as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
      }
      await client(server, secretary).post('/communities', { name: '新社区' }).expect(403);
    });

    it('members read their community; others get 403, unknown ids 404', async () => {
      await client(server, secretary).get(`/communities/${demoId}`).expect(200);
      await client(server, resident).get(`/communities/${demoId}`).expect(200);
      const foreign = await client(server, secretary).get(`/communities/${otherId}`);
      expect(foreign.status).toBe(403);
      expect(foreign.text).not.toContain('东湖');
      await client(server, admin).get(`/communities/${randomUUID()}`).expect(404);
      await client(server, admin).get('/communities/not-a-uuid').expect(404);
      const mine = await client(server, secretary).get('/communities').expect(200);
      expect((mine.body as { items: { id: string }[] }).items.map((c) => c.id)).toEqual([demoId]);
    });
  });

  describe('units', () => {
    it('imports JSON with exact areas and lists them in pages', async () => {
      const res = await client(server, admin)
        .post(`/communities/${otherId}/units`, {
          units: [
            { estate: '东湖花园', building: '1栋', entrance: '1单元', room: '101', area: 89.5 },
            { estate: '东湖花园', building: '1栋', entrance: '1单元', room: '102', area: '120.07' },
            { estate: '东湖花园', building: '2栋', entrance: '1单元', room: '101', area: 0.29 },
          ],
        })
        .expect(201);
      const body = res.body as { created: number; units: Unit[] };
      expect(body.created).toBe(3);
      expect(body.units.map((u) => u.area)).toEqual([89.5, 120.07, 0.29]);
      const stored = await db.pool.query<{ area_hundredths: string }>(
        `SELECT area_hundredths FROM units WHERE community_id = $1 ORDER BY area_hundredths`,
        [otherId],
      );
      expect(stored.rows.map((r) => r.area_hundredths)).toEqual(['29', '8950', '12007']);
      const page = await client(server, admin)
        .get(`/communities/${otherId}/units?limit=2&offset=1`)
        .expect(200);
      expect(page.body).toMatchObject({ total: 3 });
      expect((page.body as { items: Unit[] }).items).toHaveLength(2);
    });

    it('imports CSV with a BOM and Chinese headers', async () => {
      const csv =
        '\uFEFF小区,楼栋,单元,房号,面积\r\n东湖花园,3栋,2单元,301,"96.30"\r\n东湖花园,3栋,2单元,302,101\r\n';
      const res = await request(server)
        .post(`/api/v1/communities/${otherId}/units`)
        .set('Authorization', `Bearer ${admin}`)
        .set('Content-Type', 'text/csv; charset=utf-8')
        .send(csv)
        .expect(201);
      expect((res.body as { units: Unit[] }).units).toEqual([
        expect.objectContaining({ building: '3栋', entrance: '2单元', room: '301', area: 96.3 }),
        expect.objectContaining({ room: '302', area: 101 }),
      ]);
    });

    it('imports 10,000 units in one request', async () => {
      const units = Array.from({ length: 10_000 }, (_, i) => ({
        estate: '万户小区',
        building: `${Math.floor(i / 200) + 1}号楼`,
        entrance: `${Math.floor((i % 200) / 100) + 1}单元`,
        room: String(1000 + (i % 100)),
        area: (6000 + (i % 8000)) / 100,
      }));
      const started = performance.now();
      const res = await client(server, admin)
        .post(`/communities/${otherId}/units`, { units })
        .expect(201);
      process.stdout.write(
        `10,000 units imported in ${Math.round(performance.now() - started)} ms\n`,
      );
      expect((res.body as { created: number }).created).toBe(10_000);
    });

    it('only admin and secretary import; members list; paging is bounded', async () => {
      const unit = {
        units: [
          { estate: '金泰和庄', building: '12号楼', entrance: '2单元', room: '701', area: 88 },
        ],
      };
      await client(server, resident).post(`/communities/${demoId}/units`, unit).expect(403);
      await client(server, await login(server, 'wuye'))
        .post(`/communities/${demoId}/units`, unit)
        .expect(403);
      await client(server, secretary).post(`/communities/${otherId}/units`, unit).expect(403);
      await client(server, secretary).post(`/communities/${demoId}/units`, unit).expect(201);
      const list = await client(server, resident)
        .get(`/communities/${demoId}/units?limit=500`)
        .expect(200);
      expect(list.body).toMatchObject({ total: 73 });
      await client(server, resident).get(`/communities/${demoId}/units?limit=0`).expect(400);
      await client(server, resident).get(`/communities/${demoId}/units?limit=501`).expect(400);
      await client(server, resident).get(`/communities/${demoId}/units?offset=-1`).expect(400);
      await client(server, resident).get(`/communities/${otherId}/units`).expect(403);
    });
  });

  describe('users and memberships', () => {
    let userId: string;
    let unitId: string;

    beforeAll(async () => {
      const units = await client(server, secretary)
        .get(`/communities/${demoId}/units?limit=1&building=11号楼`)
        .expect(200);
      unitId = (units.body as { items: Unit[] }).items[0]!.id;
    });

    it('lists members a page at a time (at most 500), by role or only the five parties', async () => {
      type Page = { items: { roles: string[]; party: string | null }[]; total: number };
      const all = (
        await client(server, secretary).get(`/communities/${demoId}/memberships`).expect(200)
      ).body as Page;
      expect(all.total).toBeGreaterThan(72);
      expect(all.items).toHaveLength(Math.min(100, all.total));
      const second = (
        await client(server, secretary)
          .get(`/communities/${demoId}/memberships?limit=50&offset=50`)
          .expect(200)
      ).body as Page;
      expect(second.items).toEqual(all.items.slice(50, 100));
      const parties = (
        await client(server, secretary)
          .get(`/communities/${demoId}/memberships?withParty=true&limit=500`)
          .expect(200)
      ).body as Page;
      expect(parties.items.length).toBe(parties.total);
      expect(parties.items.every((m) => m.party !== null)).toBe(true);
      expect(parties.total).toBeLessThan(all.total);
      const residents = (
        await client(server, secretary)
          .get(`/communities/${demoId}/memberships?role=resident&limit=10&offset=5`)
          .expect(200)
      ).body as Page;
      expect(residents.items).toHaveLength(10);
      expect(residents.items.every((m) => m.roles.includes('resident'))).toBe(true);
      for (const bad of ['limit=501', 'limit=0', 'offset=-1', 'role=mayor', 'withParty=yes'])
        await client(server, secretary)
          .get(`/communities/${demoId}/memberships?${bad}`)
          .expect(400);
    });

    it('admin and secretaries create accounts; never returning the hash; usernames unique ignoring case', async () => {
      const res = seen(
        await client(server, secretary)
          .post('/users', {
            username: 'Zhang.San',
            password: 'long-enough-1',
            displayName: '张三',
            phone: '13800138000',
          })
          .expect(201),
      );
      userId = (res.body as { id: string }).id;
      expect(Object.keys(res.body as object).sort()).toEqual(['displayName', 'id', 'username']);
      await client(server, admin)
        .post('/users', { username: 'zhang.san', password: 'long-enough-2', displayName: '张三' })
        .expect(409);
      await client(server, resident)
        .post('/users', { username: 'lisi', password: 'long-enough-1', displayName: '李四' })
        .expect(403);
      for (const body of [
        { username: 'a', password: 'long-enough-1', displayName: 'x' },
        { username: 'ok-name', password: 'short', displayName: 'x' },
        { username: 'ok-name', password: 'long-enough-1', displayName: '' },
        { username: 'ok name', password: 'long-enough-1', displayName: 'x' },
        { username: 'ok-name', password: 'long-enough-1', displayName: 'x', role: 'admin' },
        { username: 'ok-name', password: 'long-enough-1', displayName: 'x', phone: 'call me' },
      ])
        await client(server, admin).post('/users', body).expect(400);
      await login(server, 'zhang.san', 'long-enough-1');
    });

    it('memberships follow the role rules', async () => {
      const path = `/communities/${demoId}/memberships`;
      const bad: object[] = [
        { userId, roles: ['party-member'] },
        { userId, roles: ['resident'] },
        { userId, roles: ['resident'], unitIds: [randomUUID()] },
        { userId, roles: ['grid-worker'], party: 'property-company' },
        { userId, roles: ['grid-worker'], unitIds: [unitId] },
        { userId, roles: ['mayor'] },
        { userId, roles: [] },
        { userId: randomUUID(), roles: ['grid-worker'] },
        { userId: 'nope', roles: ['grid-worker'] },
        { userId, roles: ['party-member'], party: 'the-mafia' },
      ];
      for (const body of bad) {
        const res = await client(server, secretary).post(path, body);
        expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
      }
      await client(server, secretary)
        .post(path, { userId, roles: ['secretary'] })
        .expect(403);
      await client(server, resident)
        .post(path, { userId, roles: ['grid-worker'] })
        .expect(403);
      const created = await client(server, secretary)
        .post(path, {
          userId,
          roles: ['resident', 'party-member'],
          party: 'resident-representatives',
          unitIds: [unitId],
        })
        .expect(201);
      expect(created.body).toMatchObject({
        roles: ['resident', 'party-member'],
        party: 'resident-representatives',
        unitIds: [unitId],
      });
      await client(server, secretary)
        .post(path, { userId, roles: ['grid-worker'] })
        .expect(409);

      const zhang = await login(server, 'zhang.san', 'long-enough-1');
      const me = await client(server, zhang).get('/me').expect(200);
      expect((me.body as { memberships: object[] }).memberships).toEqual([
        expect.objectContaining({
          communityId: demoId,
          party: 'resident-representatives',
          unitIds: [unitId],
        }),
      ]);

      const patched = await client(server, secretary)
        .patch(`${path}/${userId}`, { roles: ['grid-worker'], party: null })
        .expect(200);
      expect(patched.body).toMatchObject({ roles: ['grid-worker'], party: null, unitIds: [] });
      await client(server, secretary)
        .patch(`${path}/${userId}`, { roles: ['secretary'] })
        .expect(403);
      await client(server, admin)
        .patch(`${path}/${userId}`, { roles: ['secretary'] })
        .expect(200);
      await client(server, secretary).delete(`${path}/${userId}`).expect(403);
      await client(server, admin)
        .patch(`${path}/${userId}`, { roles: ['building-lead'] })
        .expect(200);
      await client(server, secretary)
        .patch(`${path}/${randomUUID()}`, { roles: ['grid-worker'] })
        .expect(404);

      const list = seen(await client(server, secretary).get(path).expect(200));
      expect((list.body as { items: { userId: string; roles: string[] }[] }).items).toContainEqual(
        expect.objectContaining({ userId, roles: ['building-lead'] }),
      );
      await client(server, resident).get(path).expect(403);
      await client(server, secretary).delete(`${path}/${userId}`).expect(204);
      await client(server, secretary).delete(`${path}/${userId}`).expect(404);
      const after = await client(server, zhang).get('/me').expect(200);
      expect((after.body as { memberships: object[] }).memberships).toEqual([]);
    });
  });

  describe('settings', () => {
    it('have the defaults; secretary and admin change them; members read; bad values are 400', async () => {
      const path = `/communities/${demoId}/settings`;
      const read = await client(server, resident).get(path).expect(200);
      expect(read.body).toEqual({
        acknowledgementHours: 48,
        reminderBeforeHours: 24,
        noticePeriodHours: 72,
        evaluationWindowHours: 168,
        satisfactionThreshold: 2 / 3,
        satisfactionThresholdFraction: '2/3',
        minEvaluationResponse: 0.3,
        minEvaluationResponseFraction: '3/10',
        acknowledgementWorkingDays: null,
        reminderBeforeWorkingDays: null,
        taskDueWorkingDays: 10,
        taskReminderBeforeHours: 24,
        voteReminderHoursBeforeClose: [72, 24],
        objectionWorkingDays: 0,
        objectionHours: null,
        ballotDisclosure: 'totals',
        // 学苑社区: the pinyin initials of its first two characters.
        demandNumberPrefix: 'XY',
        demandAcceptHours: 24,
        demandResolveWorkingDays: 7,
        demandResolveWorkingDaysByCategory: {},
        demandConfirmWorkingDays: 3,
        whistleAcceptWorkingHours: 2,
        whistleAnswerWorkingDays: 5,
        procedureByCategory: {},
      });
      await client(server, resident).patch(path, { noticePeriodHours: 1 }).expect(403);
      const changed = await client(server, secretary)
        .patch(path, {
          noticePeriodHours: 0.5,
          acknowledgementHours: 0,
          reminderBeforeHours: 0,
          satisfactionThreshold: '3/4',
          minEvaluationResponse: '1/4',
          demandAcceptHours: 12,
          demandResolveWorkingDaysByCategory: { 'public-facilities': 5 },
          whistleAcceptWorkingHours: 1.5,
          whistleAnswerWorkingDays: 3,
        })
        .expect(200);
      expect(changed.body).toMatchObject({
        whistleAcceptWorkingHours: 1.5,
        whistleAnswerWorkingDays: 3,
        demandAcceptHours: 12,
        demandResolveWorkingDays: 7,
        demandResolveWorkingDaysByCategory: { 'public-facilities': 5 },
        noticePeriodHours: 0.5,
        acknowledgementHours: 0,
        satisfactionThreshold: 0.75,
        minEvaluationResponse: 0.25,
        minEvaluationResponseFraction: '1/4',
      });
      for (const body of [
        { noticePeriodHours: -1 },
        { noticePeriodHours: '3' },
        { satisfactionThreshold: 1.5 },
        { minEvaluationResponse: 1.5 },
        { minEvaluationResponse: -0.3 },
        { colour: 'red' },
        { reminderBeforeHours: 5 },
        { demandAcceptHours: 0 },
        { demandConfirmWorkingDays: 1.5 },
        { demandResolveWorkingDaysByCategory: { lamps: 3 } },
        { whistleAcceptWorkingHours: 0 },
        { whistleAnswerWorkingDays: 0.5 },
        { whistleAnswerWorkingDays: 367 },
      ])
        await client(server, secretary).patch(path, body).expect(400);
      await client(server, secretary)
        .patch(`/communities/${otherId}/settings`, { noticePeriodHours: 1 })
        .expect(403);
      const again = await client(server, secretary).get(path).expect(200);
      expect(again.body).toMatchObject({
        noticePeriodHours: 0.5,
        satisfactionThresholdFraction: '3/4',
        minEvaluationResponseFraction: '1/4',
      });
    });
  });

  describe('audit', () => {
    it('records who changed what and when, for admin and secretary only', async () => {
      const res = seen(
        await client(server, secretary).get(`/communities/${demoId}/audit?limit=100`).expect(200),
      );
      const items = (
        res.body as { items: { action: string; actorName: string | null; at: string }[] }
      ).items;
      const actions = items.map((i) => i.action);
      for (const a of [
        'settings.updated',
        'membership.created',
        'membership.updated',
        'membership.deleted',
        'units.imported',
      ])
        expect(actions).toContain(a);
      expect(items.find((i) => i.action === 'settings.updated')).toMatchObject({
        actorName: '王书记',
      });
      await client(server, resident).get(`/communities/${demoId}/audit`).expect(403);
      await client(server, secretary).get('/audit').expect(403);
      const all = await client(server, admin).get('/audit?limit=500').expect(200);
      expect((all.body as { items: { action: string }[] }).items.map((i) => i.action)).toEqual(
        expect.arrayContaining(['user.created', 'community.created']),
      );
    });
  });

  it('no response carries a password hash, a password or the token secret', async () => {
    const secret = readFileSync(`${platform.runtime.config.dataDir}/auth-token-secret`, 'utf8');
    for (const path of [
      '/me',
      '/communities',
      '/audit?limit=500',
      `/communities/${demoId}/memberships`,
      `/communities/${demoId}/units?limit=500`,
      `/communities/${demoId}/audit?limit=500`,
    ])
      seen(await client(server, admin).get(path).expect(200));
    expect(bodies.length).toBeGreaterThan(10);
    for (const text of bodies) {
      expect(text).not.toMatch(/scrypt\$/);
      expect(text).not.toMatch(/password/i);
      expect(text).not.toContain(secret.trim());
    }
  });
});
