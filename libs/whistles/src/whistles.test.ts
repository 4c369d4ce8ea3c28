import { randomUUID } from 'node:crypto';
import { type Server } from 'node:http';
import request from 'supertest';
import { rawBytes } from '../../../test/support/api';
import { type TestDatabase } from '../../../test/support/database';
import { demoStreet, otherStreet } from '../../../test/support/demo-street';
import { httpActors } from '../../../test/support/http-actors';
import { startDemoPlatform, type TestPlatform } from '../../../test/support/platform';
import { until } from '../../../test/support/wait';

/*
 * Whistles over HTTP on the demo platform (学苑社区 of 秀谷镇; 城管执法中队: chengguan dispatcher,
 * chengguan2 staff; 住建所: zhujian, zhujian2; jiedao the street's officer): 录入 → 签收 → 报到 with a
 * photo → 反馈 → 评价 closes it; a transfer (the new department acts, the old no longer can); a
 * dissatisfied rating reopens; who may not see it; bad input writes nothing; an Idempotency-Key
 * replay; and a Chinese message on every refusal.
 */
const HAN = /\p{Script=Han}/u;
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('IHDR and some pixels'),
]);

interface Written {
  id: string;
  status: string;
  version: number;
}
interface Track {
  departmentId: string;
  departmentName: string | null;
  status: string;
  checkIns: { photoIds: string[]; note: string | null }[];
  answers: { result: string }[];
  ratings: { rating: string }[];
}
interface Detail extends Written {
  communityId: string;
  acceptWithinWorkingHours: number;
  resolveWithinWorkingDays: number;
  departmentIds: string[];
  statusText: string;
  tracks: Track[];
  timeline: { label: string; detail: string | null; occurredAtText: string }[];
}
interface List {
  items: { id: string; status: string; departmentIds: string[] }[];
  total: number;
}
interface ErrorBody {
  error: { code: string; message: string };
}

describe('whistles (HTTP, real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let communityId: string;
  let streetId: string;
  let chengguan: string;
  let zhujian: string;
  let otherStreetId: string;
  let otherDepartment: string;
  const actors = httpActors(() => server);
  const { as, tokens } = actors;

  const refused = (res: { status: number; body: unknown }, status: number, code: string) => {
    expect([res.status, (res.body as ErrorBody).error?.code]).toEqual([status, code]);
    expect((res.body as ErrorBody).error.message).toMatch(HAN);
  };
  const whistleEvents = async () =>
    Number(
      (
        await db.pool.query<{ n: string }>(
          `SELECT count(*) AS n FROM events WHERE stream_id LIKE 'whistle-%'`,
        )
      ).rows[0]!.n,
    );
  /** Until `who` has an inbox row of `kind` whose body names the subject. */
  const notified = async (who: string, kind: string, text: string) =>
    until(
      async () =>
        (
          await db.pool.query(
            `SELECT 1 FROM notifications n JOIN users u ON u.id = n.recipient_id
              WHERE u.username = $1 AND n.kind = $2 AND n.body LIKE $3`,
            [who, kind, `%${text}%`],
          )
        ).rowCount! > 0,
      15_000,
      `${who} told ${kind} about ${text}`,
    );
  const issue = async (body: object = {}): Promise<Written> => {
    const res = await as('shuji').post(`/communities/${communityId}/whistles`, {
      subject: '12号楼旁违章搭建',
      description: '居民多次反映，社区劝导无果',
      departmentIds: [chengguan],
      ...body,
    });
    expect([res.status, res.body]).toEqual([201, expect.objectContaining({ status: 'issued' })]);
    return res.body as Written;
  };
  const step = async (who: string, w: { id: string }, path: string, body: object = {}) => {
    const res = await as(who).post(`/whistles/${w.id}/${path}`, body);
    if (res.status !== 201)
      throw new Error(`${who} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Written;
  };
  const detail = async (who: string, w: Written): Promise<Detail> =>
    (await as(who).get(`/whistles/${w.id}?minVersion=${w.version}`).expect(200)).body as Detail;
  const listed = async (who: string, path: string, status: string, id: string) =>
    until(
      async () => {
        const res = await as(who).get(path);
        return (
          res.status === 200 &&
          (res.body as List).items.some((i) => i.id === id && i.status === status)
        );
      },
      10_000,
      `${id} ${status} in ${path}`,
    );

  beforeAll(async () => {
    ({ db, platform, server } = await startDemoPlatform('whistles'));
    ({ communityId, streetId, chengguan, zhujian } = await demoStreet(actors));
    otherStreetId = await otherStreet(actors, 'whistles-test-pass-9');
    otherDepartment = (
      (
        await as('langju')
          .post(`/streets/${otherStreetId}/departments`, { name: '城管执法中队' })
          .expect(201)
      ).body as { id: string }
    ).id;
  });
  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  it('录入 → 签收 → 报到 with a photo → 反馈 → 评价 satisfied closes it, with a Chinese timeline', async () => {
    const w = await issue();
    await listed('chengguan2', `/departments/${chengguan}/whistles`, 'issued', w.id);
    const accepted = await step('chengguan2', w, 'acceptance');
    expect(accepted.status).toBe('accepted');
    await listed('chengguan2', `/departments/${chengguan}/whistles`, 'accepted', w.id);
    const mine = (
      (await as('chengguan2').get(`/departments/${chengguan}/whistles`).expect(200)).body as {
        items: {
          id: string;
          tracks: { departmentId: string; status: string; statusText: string }[];
        }[];
      }
    ).items.find((i) => i.id === w.id);
    expect(mine?.tracks).toEqual([
      {
        departmentId: chengguan,
        status: 'accepted',
        statusText: expect.stringMatching(HAN) as unknown,
      },
    ]);

    const photo = await request(server)
      .post(`/api/v1/whistles/${w.id}/uploads`)
      .set('Authorization', `Bearer ${tokens.chengguan2}`)
      .set('Content-Type', 'image/png')
      .send(PNG)
      .expect(201);
    const photoId = (photo.body as { id: string }).id;
    const onSite = await step('chengguan2', w, 'check-in', {
      note: '已到现场，违建约 20 平方米',
      colleagues: ['李队员'],
      photoIds: [photoId],
    });
    expect(onSite.status).toBe('on-site');
    // A photo is used once.
    refused(
      await as('chengguan2').post(`/whistles/${w.id}/feedback`, {
        result: '已拆除',
        photoIds: [photoId],
      }),
      400,
      'VALIDATION_FAILED',
    );
    const answered = await step('chengguan2', w, 'feedback', { result: '已责令拆除，现场已清理' });
    expect(answered.status).toBe('answered');
    await notified('chengguan', 'whistle-issued', '12号楼旁违章搭建');
    await notified('chengguan2', 'whistle-issued', '12号楼旁违章搭建');
    await notified('shuji', 'whistle-answered', '城管执法中队已对吹哨');
    // Each notice names the whistle, so the inbox opens it.
    const inbox = (await as('chengguan').get('/me/notifications?limit=50').expect(200)).body as {
      items: { kind: string; whistleId: string | null; demandId: string | null }[];
    };
    expect(inbox.items.find((n) => n.kind === 'whistle-issued')).toMatchObject({
      whistleId: w.id,
      demandId: null,
    });
    const closed = await step('shuji', w, 'rating', { rating: 'satisfied' });
    expect(closed.status).toBe('closed');

    const d = await detail('shuji', closed);
    expect(d).toMatchObject({ status: 'closed', statusText: '已办结', communityId });
    expect(d.tracks).toEqual([
      expect.objectContaining({
        departmentId: chengguan,
        departmentName: '城管执法中队',
        status: 'closed',
        checkIns: [expect.objectContaining({ photoIds: [photoId] })],
        answers: [expect.objectContaining({ result: '已责令拆除，现场已清理' })],
        ratings: [expect.objectContaining({ rating: 'satisfied' })],
      }),
    ]);
    expect(d.timeline.map((t) => t.label)).toEqual([
      '吹哨（录入）',
      '部门签收',
      '到场报到',
      '部门反馈',
      '评价（一哨一评）',
    ]);
    expect(d.timeline[0]!.detail).toContain('派给：城管执法中队');
    for (const t of d.timeline) expect(t.occurredAtText).toMatch(HAN);
    const attached = await db.pool.query<{ whistle_id: string }>(
      `SELECT whistle_id FROM uploads WHERE id = $1`,
      [photoId],
    );
    expect(attached.rows[0]!.whistle_id).toBe(w.id);
    // Whoever reads the whistle sees its photos; another department's member does not.
    const bytes = await request(server)
      .get(`/api/v1/whistles/${w.id}/photos/${photoId}`)
      .set('Authorization', `Bearer ${tokens.shuji}`)
      .buffer(true)
      .parse(rawBytes)
      .expect(200);
    expect(bytes.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(bytes.body as Buffer, PNG)).toBe(0);
    refused(await as('zhujian2').get(`/whistles/${w.id}/photos/${photoId}`), 403, 'FORBIDDEN');
    refused(await as('shuji').get(`/whistles/${w.id}/photos/${randomUUID()}`), 404, 'NOT_FOUND');
    // The street's officer reads it; the track facts are in the read model.
    await detail('jiedao', closed);
    const facts = await db.pool.query<{ rating: string; accepted_on_time: boolean | null }>(
      `SELECT rating, accepted_on_time FROM whistle_track_facts WHERE whistle_id = $1`,
      [w.id],
    );
    expect(facts.rows).toEqual([expect.objectContaining({ rating: 'satisfied' })]);
    await listed('shuji', `/communities/${communityId}/whistles`, 'closed', w.id);
  });

  it('a whistle from a demand: the demand lists it and cannot be resolved until it is rated', async () => {
    const demand = (
      await as('shuji')
        .post(`/communities/${communityId}/demands`, {
          content: '学苑路窨井盖缺失，夜间有人险些跌落',
          category: 'public-facilities',
          source: 'door-to-door',
          place: { estate: '金泰和庄' },
        })
        .expect(201)
    ).body as Written;
    await as('shuji').post(`/demands/${demand.id}/acceptance`, {}).expect(201);
    const w = await issue({ subject: '学苑路窨井盖缺失', demandId: demand.id });
    // Recorded on the demand by the request itself: the resolve is refused at once.
    const blocked = await as('shuji').post(`/demands/${demand.id}/resolution`, { note: '已处理' });
    refused(blocked, 409, 'WHISTLE_OPEN');
    expect((blocked.body as ErrorBody).error.message).toContain('部门尚未反馈');
    interface Shown {
      whistles: { whistleId: string; answeredAt: string | null; outcome: string | null }[];
      timeline: { label: string }[];
    }
    const read = async () =>
      (await as('shuji').get(`/demands/${demand.id}`).expect(200)).body as Shown;
    // The demand's read model follows its log a moment later.
    await until(async () => (await read()).whistles.length > 0, 10_000, 'the whistle shown');
    const shown = await read();
    expect(shown.whistles).toEqual([
      expect.objectContaining({ whistleId: w.id, answeredAt: null, outcome: null }),
    ]);
    expect(shown.timeline.map((t) => t.label)).toContain('吹哨：请部门报到');

    await step('chengguan', w, 'acceptance');
    await step('chengguan', w, 'check-in', { note: '已到现场' });
    await step('chengguan', w, 'feedback', { result: '已补装井盖' });
    // Answered but not rated: still open for the demand.
    refused(
      await as('shuji').post(`/demands/${demand.id}/resolution`, { note: '已处理' }),
      409,
      'WHISTLE_OPEN',
    );
    await step('shuji', w, 'rating', { rating: 'basically-satisfied' });
    await until(
      async () => (await read()).whistles[0]?.outcome === 'closed',
      10_000,
      'the whistle settled on the demand',
    );
    await as('shuji')
      .post(`/demands/${demand.id}/resolution`, { note: '城管已补装井盖' })
      .expect(201);
  });

  it("takes the community's whistle deadlines where the request gives none", async () => {
    await as('shuji')
      .patch(`/communities/${communityId}/settings`, {
        whistleAcceptWorkingHours: 3,
        whistleAnswerWorkingDays: 4,
      })
      .expect(200);
    const set = await detail('shuji', await issue({ subject: '学苑路广告牌松动' }));
    const asked = await detail(
      'shuji',
      await issue({ subject: '学苑路树木倾斜', acceptWithinWorkingHours: 1 }),
    );
    await as('shuji')
      .patch(`/communities/${communityId}/settings`, {
        whistleAcceptWorkingHours: 2,
        whistleAnswerWorkingDays: 5,
      })
      .expect(200);
    expect([set.acceptWithinWorkingHours, set.resolveWithinWorkingDays]).toEqual([3, 4]);
    expect([asked.acceptWithinWorkingHours, asked.resolveWithinWorkingDays]).toEqual([1, 4]);
  });

  it('流转: the new department sees and acts on it, the old one can no longer', async () => {
    const w = await issue({ subject: '楼道墙体开裂' });
    refused(
      await as('chengguan2').post(`/whistles/${w.id}/transfer`, {
        departmentId: zhujian,
        reason: '属住建所职责',
      }),
      403,
      'FORBIDDEN',
    );
    const passed = await step('chengguan', w, 'transfer', {
      departmentId: zhujian,
      reason: '属住建所职责',
    });
    expect(passed.status).toBe('issued');
    await listed('zhujian2', `/departments/${zhujian}/whistles?status=issued`, 'issued', w.id);
    await notified('zhujian2', 'whistle-issued', '楼道墙体开裂');
    refused(await as('chengguan2').post(`/whistles/${w.id}/acceptance`, {}), 403, 'FORBIDDEN');
    refused(await as('chengguan2').get(`/whistles/${w.id}`), 403, 'FORBIDDEN');
    expect((await step('zhujian2', w, 'acceptance')).status).toBe('accepted');
    const d = await detail('zhujian2', { ...passed, version: passed.version + 1 });
    expect(d.departmentIds).toEqual([zhujian]);
    expect(d.tracks.map((t) => [t.departmentName, t.status])).toEqual([
      ['城管执法中队', 'transferred'],
      ['住建所', 'accepted'],
    ]);
    expect(d.timeline[1]!.detail).toContain('城管执法中队流转给住建所');
  });

  it('a dissatisfied rating reopens it (accepted); withdrawal ends one not answered', async () => {
    const w = await issue();
    await step('chengguan2', w, 'acceptance');
    await step('chengguan2', w, 'check-in', { note: '已到场' });
    await step('chengguan2', w, 'feedback', { result: '已处理' });
    // Answered: too late to withdraw.
    refused(
      await as('shuji').post(`/whistles/${w.id}/withdrawal`, { reason: '不需要了' }),
      409,
      'WRONG_STAGE',
    );
    refused(
      await as('shuji').post(`/whistles/${w.id}/rating`, { rating: 'dissatisfied' }),
      400,
      'VALIDATION_FAILED',
    );
    const reopened = await step('shuji', w, 'rating', {
      rating: 'dissatisfied',
      comment: '违建仍在',
    });
    expect(reopened.status).toBe('accepted');
    const d = await detail('chengguan2', reopened);
    expect(d.tracks[0]).toMatchObject({
      status: 'accepted',
      ratings: [{ rating: 'dissatisfied' }],
    });
    // A new round: on site again, answered again, and this time it is closed.
    await step('chengguan2', w, 'check-in', { note: '第二次到场' });
    await step('chengguan2', w, 'feedback', { result: '违建已拆除' });
    expect((await step('shuji', w, 'rating', { rating: 'basically-satisfied' })).status).toBe(
      'closed',
    );

    const other = await issue();
    const withdrawn = await step('shuji', other, 'withdrawal', { reason: '居民已自行解决' });
    expect(withdrawn.status).toBe('withdrawn');
  });

  it("a community's list filtered by demand or case holds only the whistles issued from it", async () => {
    const demand = async (content: string) =>
      (
        (
          await as('shuji')
            .post(`/communities/${communityId}/demands`, {
              content,
              category: 'public-facilities',
              source: 'online',
            })
            .expect(201)
        ).body as { id: string }
      ).id;
    const demandId = await demand('12号楼旁违章搭建');
    const otherDemandId = await demand('10号楼楼道堆物');
    const cases = (await as('shuji').get(`/communities/${communityId}/cases`).expect(200))
      .body as List;
    const caseId = cases.items[0]!.id;
    const fromDemand = await issue({ demandId });
    const fromCase = await issue({ caseId });
    const alone = await issue();
    const path = (query: string) => `/communities/${communityId}/whistles?${query}`;
    // The projection has them all before the filtered lists are read.
    await listed('shuji', path('limit=500'), 'issued', alone.id);
    const ids = async (query: string) =>
      ((await as('shuji').get(path(query)).expect(200)).body as List).items.map((i) => i.id);
    expect(await ids(`demandId=${demandId}`)).toEqual([fromDemand.id]);
    expect(await ids(`caseId=${caseId}`)).toEqual([fromCase.id]);
    expect(await ids(`demandId=${otherDemandId}`)).toEqual([]);
    expect(await ids(`demandId=${demandId}&status=accepted`)).toEqual([]);
    refused(await as('shuji').get(path('demandId=12')), 400, 'VALIDATION_FAILED');
  });

  it("another department's member and another street's officer can neither read, act nor list it", async () => {
    const w = await issue();
    refused(await as('zhujian2').get(`/whistles/${w.id}`), 403, 'FORBIDDEN');
    refused(await as('zhujian2').post(`/whistles/${w.id}/acceptance`, {}), 403, 'FORBIDDEN');
    refused(await as('langju').get(`/whistles/${w.id}`), 403, 'FORBIDDEN');
    refused(await as('zhujian2').get(`/departments/${chengguan}/whistles`), 403, 'FORBIDDEN');
    refused(await as('langju').get(`/departments/${chengguan}/whistles`), 403, 'FORBIDDEN');
    refused(await as('langju').get(`/streets/${streetId}/whistles`), 403, 'FORBIDDEN');
    refused(
      await as('chengguan2').post(`/whistles/${w.id}/rating`, { rating: 'satisfied' }),
      403,
      'FORBIDDEN',
    );
    refused(await as('shuji').get(`/whistles/${randomUUID()}`), 404, 'NOT_FOUND');
    // Their own lists do not show it.
    const zj = (await as('zhujian2').get(`/departments/${zhujian}/whistles`).expect(200))
      .body as List;
    expect(zj.items.map((i) => i.id)).not.toContain(w.id);
    const theirs = (await as('langju').get(`/streets/${otherStreetId}/whistles`).expect(200))
      .body as List;
    expect(theirs).toEqual({ items: [], total: 0 });
    await listed('jiedao', `/streets/${streetId}/whistles`, 'issued', w.id);
  });

  it('bad input is refused with a Chinese message and writes nothing', async () => {
    const before = await whistleEvents();
    const post = (body: object) =>
      as('shuji').post(`/communities/${communityId}/whistles`, {
        subject: '占道经营',
        description: '早市占道',
        departmentIds: [chengguan],
        ...body,
      });
    refused(await post({ subject: '' }), 400, 'VALIDATION_FAILED');
    refused(await post({ departmentIds: [] }), 400, 'VALIDATION_FAILED');
    refused(await post({ departmentIds: ['not-a-uuid'] }), 400, 'VALIDATION_FAILED');
    refused(await post({ departmentIds: [otherDepartment] }), 400, 'VALIDATION_FAILED');
    refused(await post({ departmentIds: [randomUUID()] }), 404, 'NOT_FOUND');
    refused(await post({ departmentIds: [chengguan, chengguan] }), 400, 'VALIDATION_FAILED');
    refused(await post({ demandId: randomUUID() }), 404, 'NOT_FOUND');
    refused(await post({ caseId: randomUUID() }), 404, 'NOT_FOUND');
    refused(await post({ acceptWithinWorkingHours: 0 }), 400, 'VALIDATION_FAILED');
    refused(
      await as('chengguan2').post(`/communities/${communityId}/whistles`, {
        subject: '占道经营',
        description: '早市占道',
        departmentIds: [chengguan],
      }),
      403,
      'FORBIDDEN',
    );
    const w = await issue();
    const after = await whistleEvents();
    expect(after).toBe(before + 1);
    refused(
      await as('chengguan').post(`/whistles/${w.id}/transfer`, {
        departmentId: otherDepartment,
        reason: '不归我们管',
      }),
      400,
      'VALIDATION_FAILED',
    );
    refused(
      await as('chengguan2').post(`/whistles/${w.id}/check-in`, { note: '' }),
      400,
      'VALIDATION_FAILED',
    );
    refused(
      await as('chengguan2').post(`/whistles/${w.id}/check-in`, { note: '到了' }),
      409,
      'WRONG_STAGE',
    );
    refused(
      await as('shuji').post(`/whistles/${w.id}/rating`, { rating: 'great' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(await whistleEvents()).toBe(after);
  });

  it('an Idempotency-Key replay answers the same whistle and issues nothing new', async () => {
    const key = randomUUID();
    const body = { subject: '路灯不亮', description: '小区东门路灯', departmentIds: [chengguan] };
    const first = await as('shuji')
      .post(`/communities/${communityId}/whistles`, body)
      .set('Idempotency-Key', key);
    expect(first.status).toBe(201);
    const before = await whistleEvents();
    const again = await as('shuji')
      .post(`/communities/${communityId}/whistles`, body)
      .set('Idempotency-Key', key);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((again.body as Written).id).toBe((first.body as Written).id);
    expect(await whistleEvents()).toBe(before);
  });
});
