import { randomUUID } from 'node:crypto';
import { type Server } from 'node:http';
import request from 'supertest';
import { formatChineseTime, type WhistleCommand } from '@yishi/domain';
import { type TestDatabase } from '../../../../test/support/database';
import { demoStreet, otherStreet } from '../../../../test/support/demo-street';
import { httpActors } from '../../../../test/support/http-actors';
import { startDemoPlatform, type TestPlatform } from '../../../../test/support/platform';
import { until } from '../../../../test/support/wait';
import { WhistleRepository } from '../whistle-repository';

/*
 * The street's figures against hand-counted ground truth, on the demo platform (秀谷镇 in 金溪县:
 * 学苑社区 with shuji; 城管执法中队 chengguan/chengguan2, 住建所 zhujian/zhujian2; jiedao its officer)
 * with a second community of the street (秀水社区, its secretary shuji-b) and a second street of the
 * district (琅琚镇, officer langju, no communities). Three whistles are written with past times
 * through the repository (a late acceptance in September with a dissatisfied then a basically
 * satisfied rating; one received on 1 November 01:00 CST, 31 October in UTC, answered on time and
 * rated satisfied; one never accepted, past its deadline), three go through the HTTP API now (one
 * closed satisfied; one passed on from 城管 to 住建; one to both departments, 城管's answer rated
 * dissatisfied, 住建 not yet accepted). Every figure of /streets/:id/stats and
 * /districts/:district/stats is checked against the counts written out below.
 */
jest.setTimeout(120_000);

const HAN = /\p{Script=Han}/u;
const HOUR = 3_600_000;
const hoursBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / HOUR;

interface Rate {
  rate: number | null;
  numerator: number;
  denominator: number;
}
interface Figures {
  received: number;
  accepted: number;
  acceptedOnTime: number;
  onTimeAcceptanceRate: Rate;
  averageHoursToCheckIn: { hours: number | null; n: number };
  averageHoursToAnswer: { hours: number | null; n: number };
  ratings: { satisfied: number; basicallySatisfied: number; dissatisfied: number };
  satisfactionRate: Rate;
  passedOn: number;
}
type WithMonths = Figures & { byMonth: (Figures & { month: string })[] };
interface Yardsticks {
  communityId: string;
  name: string;
  demands: Record<string, unknown>;
  cases: Record<string, unknown>;
}
interface StreetStats {
  name: string;
  district: string;
  from: string | null;
  to: string | null;
  months: string[];
  total: WithMonths;
  departments: (WithMonths & { departmentId: string; name: string; rank: number })[];
  communities: Yardsticks[];
}
interface DistrictStats {
  district: string;
  months: string[];
  total: WithMonths;
  streets: (WithMonths & {
    streetId: string;
    name: string;
    rank: number;
    communities: { count: number; demands: Record<string, unknown>; cases: object };
  })[];
}
interface ErrorBody {
  error: { code: string; message: string };
}
interface Detail {
  version: number;
  tracks: {
    departmentId: string;
    issuedAt: string;
    checkIns: { checkedInAt: string }[];
    answers: { answeredAt: string }[];
  }[];
}

const rate = (numerator: number, denominator: number): Rate => ({
  rate: denominator === 0 ? null : numerator / denominator,
  numerator,
  denominator,
});
/** An average of hours (to six places: they are sums of floats), or null over none. */
const avg = (...hours: number[]) => ({
  hours:
    hours.length === 0
      ? null
      : (expect.closeTo(hours.reduce((a, b) => a + b, 0) / hours.length, 6) as number),
  n: hours.length,
});
/** The figures of a group of tracks, from the counts written out by hand. */
function figures(f: {
  received?: number;
  accepted?: number;
  onTime?: number;
  due?: number;
  checkIn?: number[];
  answer?: number[];
  s?: number;
  b?: number;
  d?: number;
  passedOn?: number;
}) {
  const [s, b, d] = [f.s ?? 0, f.b ?? 0, f.d ?? 0];
  return {
    received: f.received ?? 0,
    accepted: f.accepted ?? 0,
    acceptedOnTime: f.onTime ?? 0,
    onTimeAcceptanceRate: rate(f.onTime ?? 0, f.due ?? 0),
    averageHoursToCheckIn: avg(...(f.checkIn ?? [])),
    averageHoursToAnswer: avg(...(f.answer ?? [])),
    ratings: { satisfied: s, basicallySatisfied: b, dissatisfied: d },
    satisfactionRate: rate(s + b, s + b + d),
    passedOn: f.passedOn ?? 0,
  };
}

/** A step of a past history: its command, when and by whom. */
type PastStep = { at: string; by: string; command: WhistleCommand };
const accepted = (at: string, by: string, departmentId: string): PastStep => ({
  at,
  by,
  command: { type: 'AcceptWhistle', data: { departmentId } },
});
const checkedIn = (at: string, by: string, departmentId: string, note: string): PastStep => ({
  at,
  by,
  command: { type: 'CheckIn', data: { departmentId, note } },
});
const answered = (at: string, by: string, departmentId: string, result: string): PastStep => ({
  at,
  by,
  command: { type: 'AnswerWhistle', data: { departmentId, result } },
});
const rated = (
  at: string,
  by: string,
  rating: 'satisfied' | 'basically-satisfied' | 'dissatisfied',
  comment?: string,
): PastStep => ({
  at,
  by,
  command: { type: 'RateWhistle', data: comment === undefined ? { rating } : { rating, comment } },
});

describe("the street's figures (GET /streets/:id/stats, /districts/:district/stats)", () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let communityA: string;
  let communityB: string;
  let streetId: string;
  let otherStreetId: string;
  let chengguan: string;
  let zhujian: string;
  let departmentIds: string[];
  const whistleIds: string[] = [];
  const actors = httpActors(() => server);
  const { as, signInWith, tokens, userIds } = actors;
  const refused = (res: { status: number; body: unknown }, status: number, code: string) => {
    expect([res.status, (res.body as ErrorBody).error?.code]).toEqual([status, code]);
    expect((res.body as ErrorBody).error.message).toMatch(HAN);
  };

  /** A whistle's history written with past times, as the API's commands would write it. */
  async function past(
    issue: { communityId: string; departments: string[]; at: string; by: string },
    steps: PastStep[],
  ): Promise<void> {
    const repo = platform.app.get(WhistleRepository, { strict: false });
    const whistleId = randomUUID();
    whistleIds.push(whistleId);
    await repo.execute(
      whistleId,
      {
        type: 'IssueWhistle',
        data: {
          whistleId,
          communityId: issue.communityId,
          streetId,
          subject: `往期吹哨${whistleIds.length}`,
          description: '按往期时间写入',
          departmentIds: issue.departments,
          acceptWithinWorkingHours: 2,
          resolveWithinWorkingDays: 5,
        },
      },
      { actorId: userIds[issue.by]!, streetDepartmentIds: departmentIds, now: issue.at },
    );
    for (const s of steps) {
      const departmentId = (s.command.data as { departmentId?: string }).departmentId;
      await repo.execute(whistleId, s.command, {
        actorId: userIds[s.by]!,
        now: s.at,
        memberships: departmentId === undefined ? [] : [{ departmentId, role: 'staff' }],
      });
    }
  }
  const post = async (who: string, path: string, body: object = {}) => {
    const res = await as(who).post(path, body);
    if (res.status !== 201)
      throw new Error(`${who} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; version: number };
  };
  const issue = async (who: string, communityId: string, departments: string[]) => {
    const w = await post(who, `/communities/${communityId}/whistles`, {
      subject: `本月吹哨${whistleIds.length + 1}`,
      description: '经 HTTP 录入',
      departmentIds: departments,
    });
    whistleIds.push(w.id);
    return w.id;
  };
  /** Hours from a track's receipt to its first 报到 and first 反馈, from the whistle's own detail. */
  const hoursOf = async (whistleId: string, departmentId: string) => {
    const d = (await as('jiedao').get(`/whistles/${whistleId}`).expect(200)).body as Detail;
    const t = d.tracks.find((x) => x.departmentId === departmentId)!;
    return {
      checkIn: hoursBetween(t.issuedAt, t.checkIns[0]!.checkedInAt),
      answer: hoursBetween(t.issuedAt, t.answers[0]!.answeredAt),
    };
  };

  const FROM = '2026-09-01T00:00:00+08:00';
  const TO = new Date(Date.now() + 24 * HOUR).toISOString();
  const range = `from=${encodeURIComponent(FROM)}&to=${encodeURIComponent(TO)}`;
  /** The CST month the HTTP whistles are received in (now). */
  const thisMonth = new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 7);
  let h1: { checkIn: number; answer: number };
  let h3: { checkIn: number; answer: number };

  beforeAll(async () => {
    ({ db, platform, server } = await startDemoPlatform('street-stats'));
    ({
      communityId: communityA,
      streetId,
      departmentIds,
      chengguan,
      zhujian,
    } = await demoStreet(actors));

    communityB = (
      (await as('admin').post('/communities', { name: '秀水社区', streetId }).expect(201)).body as {
        id: string;
      }
    ).id;
    const secretaryB = (
      (
        await as('admin')
          .post('/users', {
            username: 'shuji-b',
            password: 'street-stats-pass-7',
            displayName: '秀水社区书记',
          })
          .expect(201)
      ).body as { id: string }
    ).id;
    await as('admin')
      .post(`/communities/${communityB}/memberships`, { userId: secretaryB, roles: ['secretary'] })
      .expect(201);
    await signInWith('shuji-b', 'street-stats-pass-7');

    otherStreetId = await otherStreet(actors, 'street-stats-pass-8');

    // P1 (学苑, 城管), September: issued Monday 09:00 CST, due 11:00; accepted on Wednesday (late),
    // 报到 after 51 h, 反馈 after 72 h; rated dissatisfied, answered again, basically satisfied.
    await past(
      {
        communityId: communityA,
        departments: [chengguan],
        at: '2026-09-14T01:00:00Z',
        by: 'shuji',
      },
      [
        accepted('2026-09-16T02:00:00Z', 'chengguan2', chengguan),
        checkedIn('2026-09-16T04:00:00Z', 'chengguan2', chengguan, '到场'),
        answered('2026-09-17T01:00:00Z', 'chengguan2', chengguan, '已处理'),
        rated('2026-09-17T03:00:00Z', 'shuji', 'dissatisfied', '仍未解决'),
        checkedIn('2026-09-17T05:00:00Z', 'chengguan2', chengguan, '再次到场'),
        answered('2026-09-18T01:00:00Z', 'chengguan2', chengguan, '已解决'),
        rated('2026-09-18T02:00:00Z', 'shuji', 'basically-satisfied'),
      ],
    );
    // P2 (秀水, 住建): received Sunday 1 November 01:00 CST (31 October in UTC), accepted Monday
    // 09:30 (due 11:00: on time), 报到 after 34.5 h, 反馈 after 60 h, rated satisfied.
    await past(
      {
        communityId: communityB,
        departments: [zhujian],
        at: '2026-10-31T17:00:00Z',
        by: 'shuji-b',
      },
      [
        accepted('2026-11-02T01:30:00Z', 'zhujian2', zhujian),
        checkedIn('2026-11-02T03:30:00Z', 'zhujian2', zhujian, '到场'),
        answered('2026-11-03T05:00:00Z', 'zhujian2', zhujian, '已修复'),
        rated('2026-11-03T06:00:00Z', 'shuji-b', 'satisfied'),
      ],
    );
    // P3 (秀水, 城管), November: never accepted, long past its deadline.
    await past(
      {
        communityId: communityB,
        departments: [chengguan],
        at: '2026-11-16T01:00:00Z',
        by: 'shuji-b',
      },
      [],
    );

    // H1 (学苑, 城管): accepted at once, on site, answered, rated satisfied.
    const w1 = await issue('shuji', communityA, [chengguan]);
    await post('chengguan2', `/whistles/${w1}/acceptance`);
    await post('chengguan2', `/whistles/${w1}/check-in`, { note: '已到场' });
    await post('chengguan2', `/whistles/${w1}/feedback`, { result: '已处理' });
    await post('shuji', `/whistles/${w1}/rating`, { rating: 'satisfied' });
    // H2 (学苑): 城管's dispatcher passes it on to 住建, which accepts it.
    const w2 = await issue('shuji', communityA, [chengguan]);
    await post('chengguan', `/whistles/${w2}/transfer`, {
      departmentId: zhujian,
      reason: '属住建所职责',
    });
    await post('zhujian2', `/whistles/${w2}/acceptance`);
    // H3 (秀水, both): 城管 answers and is rated dissatisfied; 住建 has not accepted yet.
    const w3 = await issue('shuji-b', communityB, [chengguan, zhujian]);
    await post('chengguan2', `/whistles/${w3}/acceptance`);
    await post('chengguan2', `/whistles/${w3}/check-in`, { note: '已到场' });
    await post('chengguan2', `/whistles/${w3}/feedback`, { result: '已处理' });
    await post('shuji-b', `/whistles/${w3}/rating`, {
      rating: 'dissatisfied',
      comment: '未解决',
      departmentId: chengguan,
    });

    // Until the read model holds every whistle at its stream's version.
    await until(
      async () =>
        (
          await db.pool.query(
            `SELECT 1 FROM whistle_views v JOIN streams s ON s.stream_id = 'whistle-' || v.whistle_id
              WHERE v.whistle_id = ANY($1::uuid[]) AND v.version = s.version`,
            [whistleIds],
          )
        ).rowCount === whistleIds.length,
      30_000,
      'the whistle views',
    );
    h1 = await hoursOf(w1, chengguan);
    h3 = await hoursOf(w3, chengguan);
  });
  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  const months = () => ['2026-09', '2026-11', thisMonth];
  /** 城管执法中队: P1 (Sep), P3 (Nov), H1, H2 passed on, H3 (this month). */
  const chengguanFigures = () => ({
    ...figures({
      received: 5,
      accepted: 3,
      onTime: 2,
      due: 4,
      checkIn: [51, h1.checkIn, h3.checkIn],
      answer: [72, h1.answer, h3.answer],
      s: 1,
      b: 1,
      d: 2,
      passedOn: 1,
    }),
    byMonth: [
      {
        month: '2026-09',
        ...figures({ received: 1, accepted: 1, due: 1, checkIn: [51], answer: [72], b: 1, d: 1 }),
      },
      { month: '2026-11', ...figures({ received: 1, due: 1 }) },
      {
        month: thisMonth,
        ...figures({
          received: 3,
          accepted: 2,
          onTime: 2,
          due: 2,
          checkIn: [h1.checkIn, h3.checkIn],
          answer: [h1.answer, h3.answer],
          s: 1,
          d: 1,
          passedOn: 1,
        }),
      },
    ],
  });
  /** 住建所: P2 (Nov, on time, satisfied), H2 received by transfer, H3 not accepted yet. */
  const zhujianFigures = () => ({
    ...figures({
      received: 3,
      accepted: 2,
      onTime: 2,
      due: 2,
      checkIn: [34.5],
      answer: [60],
      s: 1,
    }),
    byMonth: [
      { month: '2026-09', ...figures({}) },
      {
        month: '2026-11',
        ...figures({
          received: 1,
          accepted: 1,
          onTime: 1,
          due: 1,
          checkIn: [34.5],
          answer: [60],
          s: 1,
        }),
      },
      { month: thisMonth, ...figures({ received: 2, accepted: 1, onTime: 1, due: 1 }) },
    ],
  });
  /** The street: both departments added up. */
  const streetFigures = () => ({
    ...figures({
      received: 8,
      accepted: 5,
      onTime: 4,
      due: 6,
      checkIn: [51, 34.5, h1.checkIn, h3.checkIn],
      answer: [72, 60, h1.answer, h3.answer],
      s: 2,
      b: 1,
      d: 2,
      passedOn: 1,
    }),
    byMonth: [
      {
        month: '2026-09',
        ...figures({ received: 1, accepted: 1, due: 1, checkIn: [51], answer: [72], b: 1, d: 1 }),
      },
      {
        month: '2026-11',
        ...figures({
          received: 2,
          accepted: 1,
          onTime: 1,
          due: 2,
          checkIn: [34.5],
          answer: [60],
          s: 1,
        }),
      },
      {
        month: thisMonth,
        ...figures({
          received: 5,
          accepted: 3,
          onTime: 3,
          due: 3,
          checkIn: [h1.checkIn, h3.checkIn],
          answer: [h1.answer, h3.answer],
          s: 1,
          d: 1,
          passedOn: 1,
        }),
      },
    ],
  });
  /** A community's yardsticks as its own statistics route gives them over the same range. */
  const yardsticksOf = async (communityId: string, name: string) => {
    const own = (await as('admin').get(`/communities/${communityId}/stats?${range}`).expect(200))
      .body as {
      cases: object;
      rates: object;
      demands: Record<string, unknown>;
    };
    const {
      byGrid: _g,
      byCategory: _c,
      byEstate: _e,
      byPropertyCompany: _p,
      ...demands
    } = own.demands;
    return { communityId, name, demands, cases: { ...own.cases, ...own.rates } };
  };

  it('every figure of the street equals the hand count: departments ranked, by CST month, communities side by side', async () => {
    const s = (await as('jiedao').get(`/streets/${streetId}/stats?${range}`).expect(200))
      .body as StreetStats;
    expect(s).toMatchObject({
      name: '秀谷镇',
      district: '金溪县',
      from: new Date(FROM).toISOString(),
      to: TO,
    });
    expect(s.months).toEqual(months());
    expect(s.total).toEqual(streetFigures());
    const byName = new Map(s.departments.map((d) => [d.name, d]));
    expect(byName.get('城管执法中队')).toEqual({
      departmentId: chengguan,
      name: '城管执法中队',
      kind: 'department',
      rank: 2,
      ...chengguanFigures(),
    });
    expect(byName.get('住建所')).toEqual({
      departmentId: zhujian,
      name: '住建所',
      kind: 'department',
      rank: 1,
      ...zhujianFigures(),
    });
    // 住建 (满意率 1/1) before 城管 (2/4); every other department (nothing rated or due) third, with zeros.
    expect(s.departments.map((d) => d.rank)).toEqual([
      1,
      2,
      ...Array<number>(departmentIds.length - 2).fill(3),
    ]);
    expect(s.departments.map((d) => d.departmentId).sort()).toEqual([...departmentIds].sort());
    for (const d of s.departments.slice(2))
      expect(d).toMatchObject({
        ...figures({}),
        byMonth: months().map((month) => ({ month, ...figures({}) })),
      });
    expect(s.communities).toEqual([
      await yardsticksOf(communityA, '学苑社区'),
      await yardsticksOf(communityB, '秀水社区'),
    ]);
    // 学苑社区 has the demo's cases; 秀水社区 none, so its rates rest on nothing.
    expect(s.communities[1]!.cases).toMatchObject({
      opened: 0,
      closureRate: { rate: null, numerator: 0, denominator: 0 },
    });
  });

  it('counts a track in the CST month it was received: 1 November 01:00 CST is November', async () => {
    const nov = (from: string, to: string) =>
      as('jiedao')
        .get(
          `/streets/${streetId}/stats?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
        )
        .expect(200)
        .then((r) => r.body as StreetStats);
    const november = await nov('2026-11-01T00:00:00+08:00', '2026-12-01T00:00:00+08:00');
    expect(november.months).toEqual(['2026-11']);
    expect(november.departments.find((d) => d.departmentId === zhujian)).toMatchObject(
      figures({ received: 1, accepted: 1, onTime: 1, due: 1, checkIn: [34.5], answer: [60], s: 1 }),
    );
    expect(november.departments.find((d) => d.departmentId === chengguan)).toMatchObject(
      figures({ received: 1, due: 1 }),
    );
    const october = await nov('2026-10-01T00:00:00+08:00', '2026-11-01T00:00:00+08:00');
    expect(october.total).toEqual({ ...figures({}), byMonth: [] });
  });

  it('an empty range gives zeros and nulls; bad dates are a 400 with a Chinese message', async () => {
    const empty = (
      await as('jiedao')
        .get(
          `/streets/${streetId}/stats?from=2020-01-01T00:00:00%2B08:00&to=2020-02-01T00:00:00%2B08:00`,
        )
        .expect(200)
    ).body as StreetStats;
    expect(empty.months).toEqual([]);
    expect(empty.total).toEqual({ ...figures({}), byMonth: [] });
    expect(empty.departments.every((d) => d.rank === 1 && d.received === 0)).toBe(true);
    expect(empty.communities.map((c) => c.cases)).toEqual([
      expect.objectContaining({ opened: 0 }),
      expect.objectContaining({ opened: 0 }),
    ]);
    expect(empty.communities.map((c) => c.demands.received)).toEqual([0, 0]);
    refused(
      await as('jiedao').get(`/streets/${streetId}/stats?from=2026-13-01`),
      400,
      'VALIDATION_FAILED',
    );
    refused(
      await as('jiedao').get(`/streets/${streetId}/stats?to=yesterday`),
      400,
      'VALIDATION_FAILED',
    );
    refused(
      await as('jiedao').get(
        `/streets/${streetId}/stats?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z`,
      ),
      400,
      'VALIDATION_FAILED',
    );
    refused(
      await as('admin').get(`/districts/${encodeURIComponent('金溪县')}/stats?from=x`),
      400,
      'VALIDATION_FAILED',
    );
  });

  it("another street's officer, a department member and a secretary are refused; the district is the admin's", async () => {
    refused(await as('langju').get(`/streets/${streetId}/stats`), 403, 'FORBIDDEN');
    refused(await as('langju').get(`/streets/${streetId}/stats/export`), 403, 'FORBIDDEN');
    refused(await as('chengguan').get(`/streets/${streetId}/stats`), 403, 'FORBIDDEN');
    refused(await as('shuji').get(`/streets/${streetId}/stats`), 403, 'FORBIDDEN');
    await as('admin').get(`/streets/${streetId}/stats`).expect(200);
    const district = `/districts/${encodeURIComponent('金溪县')}/stats`;
    refused(await as('jiedao').get(district), 403, 'FORBIDDEN');
    refused(await as('jiedao').get(`${district}/export`), 403, 'FORBIDDEN');
    refused(await as('admin').get(`/streets/${randomUUID()}/stats`), 404, 'NOT_FOUND');
    refused(
      await as('admin').get(`/districts/${encodeURIComponent('无此县')}/stats`),
      404,
      'NOT_FOUND',
    );
    // Their own street: nothing received, every rate on nothing.
    const own = (await as('langju').get(`/streets/${otherStreetId}/stats?${range}`).expect(200))
      .body as StreetStats;
    expect(own).toMatchObject({ name: '琅琚镇', months: [], communities: [] });
    expect(own.total).toEqual({ ...figures({}), byMonth: [] });
  });

  it("the district's figures are each street's totals, ranked; its communities added up", async () => {
    const d = (
      await as('admin')
        .get(`/districts/${encodeURIComponent('金溪县')}/stats?${range}`)
        .expect(200)
    ).body as DistrictStats;
    expect(d.district).toBe('金溪县');
    expect(d.months).toEqual(months());
    expect(d.total).toEqual(streetFigures());
    const [xiugu, langju] = d.streets;
    expect(xiugu).toMatchObject({ streetId, name: '秀谷镇', rank: 1 });
    expect({
      ...xiugu,
      streetId: undefined,
      name: undefined,
      rank: undefined,
      communities: undefined,
    }).toEqual({
      ...streetFigures(),
      streetId: undefined,
      name: undefined,
      rank: undefined,
      communities: undefined,
    });
    expect(langju).toMatchObject({
      streetId: otherStreetId,
      name: '琅琚镇',
      rank: 2,
      ...figures({}),
    });
    expect(langju!.byMonth).toEqual(months().map((month) => ({ month, ...figures({}) })));
    expect(langju!.communities.count).toBe(0);
    // 秀水社区 adds nothing to 学苑社区 but a community: the street's communities are 学苑's figures.
    const a = await yardsticksOf(communityA, '学苑社区');
    expect(xiugu!.communities).toEqual({ count: 2, demands: a.demands, cases: a.cases });
  });

  it('exports CSV: UTF-8 with BOM, Chinese headers, a row per department and per street', async () => {
    const csv = async (path: string, who: string) => {
      const res = await request(server)
        .get(`/api/v1${path}?${range}`)
        .set('Authorization', `Bearer ${tokens[who]}`)
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
        })
        .expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
      const text = res.body as string;
      expect(text.startsWith('\uFEFF')).toBe(true);
      return text
        .slice(1)
        .split('\r\n')
        .map((l) => l.split(','));
    };
    const when = [formatChineseTime(new Date(FROM).toISOString()), formatChineseTime(TO)];
    const round1 = (h: number) => String(Math.round(h * 10) / 10);

    const street = await csv(`/streets/${streetId}/stats/export`, 'jiedao');
    expect(street[0]).toEqual([
      '排名',
      '部门',
      '统计起',
      '统计止',
      '收到吹哨',
      '已签收',
      '按时签收',
      '按时签收率(%)',
      '按时签收率基数',
      '平均报到用时(小时)',
      '报到件数',
      '平均反馈用时(小时)',
      '反馈件数',
      '满意',
      '基本满意',
      '不满意',
      '满意率(%)',
      '评价次数',
      '流转',
    ]);
    expect(street[1]).toEqual([
      '1',
      '住建所',
      ...when,
      '3',
      '2',
      '2',
      '100',
      '2',
      '34.5',
      '1',
      '60',
      '1',
      '1',
      '0',
      '0',
      '100',
      '1',
      '0',
    ]);
    expect(street[2]).toEqual([
      '2',
      '城管执法中队',
      ...when,
      '5',
      '3',
      '2',
      '50',
      '4',
      round1((51 + h1.checkIn + h3.checkIn) / 3),
      '3',
      round1((72 + h1.answer + h3.answer) / 3),
      '3',
      '1',
      '1',
      '2',
      '50',
      '4',
      '1',
    ]);
    expect(street.find((r) => r[1] === '秀谷镇（全街道）')?.slice(4, 9)).toEqual([
      '8',
      '5',
      '4',
      '66.67',
      '6',
    ]);
    expect(street.find((r) => r[0] === '2026年11月' && r[1] === '住建所')).toEqual([
      '2026年11月',
      '住建所',
      '1',
      '1',
      '1',
      '100',
      '1',
      '34.5',
      '1',
      '60',
      '1',
      '1',
      '0',
      '0',
      '100',
      '1',
      '0',
    ]);
    const communities = street.findIndex((r) => r[0] === '诉求范围');
    expect(street[communities]).toContain('办结率(%)');
    expect(street[communities + 2]?.slice(0, 4)).toEqual(['秀水社区', ...when, '0']);

    const district = await csv(`/districts/${encodeURIComponent('金溪县')}/stats/export`, 'admin');
    expect(district[0]!.slice(0, 2)).toEqual(['排名', '街道']);
    expect(district[1]!.slice(0, 9)).toEqual(['1', '秀谷镇', ...when, '8', '5', '4', '66.67', '6']);
    expect(district[2]!.slice(0, 5)).toEqual(['2', '琅琚镇', ...when, '0']);
  });
});
