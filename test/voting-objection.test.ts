import { type Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { type Redis } from 'ioredis';
import { createRedisConnection, QUEUES } from '@yishi/messaging';
import { finaliseVoteJobId } from '@yishi/voting';
import { caseInDeliberation } from './support/case-fixture';
import { testRedisUrl, type TestDatabase } from './support/database';
import { httpActors } from './support/http-actors';
import { startDemoPlatform, type TestPlatform } from './support/platform';
import { reconcileOnce } from './support/reconcile';
import { until } from './support/wait';

/*
 * Issue 9, parts 4 and 5 on the whole platform (real PostgreSQL and Redis, the worker running):
 * the objection period (询异) after a vote closes, the secretary's answers and corrections, the
 * final result the case advances on; and the publication (公示), automatic at the close, with
 * rooms, areas and choices only under open voting (实名), never a person.
 */

const ESTATE = '金泰和庄';
const owner = (building: number, entrance: number, room: string) =>
  `yezhu-${building}-${entrance}-${room}`;

interface ResolutionBody {
  status: string;
  phase: string;
  closedAt: string | null;
  preliminary: {
    tally: { passed: boolean; for: { units: number } };
    objectionUntil: string;
    publishedAt: string;
  } | null;
}

interface PublicationBody {
  phase: string;
  publishedAt: string;
  objectionUntil: string | null;
  disclosure: string;
  passed: boolean;
  totals: Record<'electorate' | 'participated' | 'for' | 'against' | 'abstain', { units: number }>;
  objections: { filed: number; answered: number; upheld: number; corrections: number };
  units?: { building: string; entrance: string; room: string; area: number; choice: string }[];
}

describe('the objection period (询异) and the publication (公示) of a vote', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let redis: Redis;
  let finaliseQueue: Queue;
  let deadlines: Queue;
  let communityId: string;
  const { userIds, as, signIn, view, waitFor, errorCode } = httpActors(() => server);
  const unitIds: Record<string, string> = {};

  beforeAll(async () => {
    ({ db, platform, server } = await startDemoPlatform('voting-objection', {
      RECONCILE_EVERY_MS: String(3_600_000),
    }));
    const prefix = platform.runtime.config.queuePrefix;
    redis = createRedisConnection(testRedisUrl(), 'worker', 'yishi-test-voting-objection');
    finaliseQueue = new Queue(QUEUES.votingClose, { connection: redis, prefix });
    deadlines = new Queue(QUEUES.caseDeadlines, { connection: redis, prefix });
    await signIn('shuji', 'wuye');
    communityId = (
      (await as('shuji').get('/me').expect(200)).body as { memberships: { communityId: string }[] }
    ).memberships[0]!.communityId;
    for (const building of ['11号楼', '12号楼']) {
      const res = await as('shuji')
        .get(`/communities/${communityId}/units?building=${encodeURIComponent(building)}&limit=100`)
        .expect(200);
      for (const u of (
        res.body as { items: { id: string; building: string; entrance: string; room: string }[] }
      ).items)
        unitIds[owner(parseInt(u.building, 10), parseInt(u.entrance, 10), u.room)] = u.id;
    }
  }, 60_000);
  afterAll(async () => {
    await finaliseQueue.close();
    await deadlines.close();
    redis.disconnect();
    await platform.close();
    await db.drop();
  });

  const settings = (patch: object) =>
    as('shuji').patch(`/communities/${communityId}/settings`, patch).expect(200);
  const resolution = async (id: string) =>
    (await as('shuji').get(`/resolutions/${id}`).expect(200)).body as ResolutionBody;
  const publication = async (id: string, who = 'wuye') =>
    (await as(who).get(`/resolutions/${id}/publication`).expect(200)).body as PublicationBody;
  const vote = (who: string, resolutionId: string, choice: string) =>
    as(who).post(`/resolutions/${resolutionId}/ballots`, { choice }).expect(201);
  const object = (who: string, resolutionId: string, unitId: string | undefined, content: string) =>
    as(who).post(`/resolutions/${resolutionId}/objections`, { unitId, content });
  const answer = (resolutionId: string, objectionId: string, body: object, who = 'shuji') =>
    as(who).post(`/resolutions/${resolutionId}/objections/${objectionId}/answer`, body);

  async function draft(building: string, entrance: string, closesAt: string) {
    const caseId = await caseInDeliberation({
      store: platform.runtime.store,
      communityId,
      scope: { estate: ESTATE, building, entrance },
      title: `${building}${entrance}换管`,
    });
    const res = await as('shuji')
      .post(`/cases/${caseId}/resolutions`, {
        title: '关于更换主排水管的决议',
        text: '由物业牵头更换主排水管。',
        rule: 'simple-majority',
        closesAt,
      })
      .expect(201);
    return { caseId, resolutionId: (res.body as { id: string }).id };
  }

  it('publishes the preliminary result at the close by itself; an upheld objection flips the final tally, and only the final result advances the case', async () => {
    // An objection period of 0.006 h (21.6 s), counted from the close; totals only.
    await settings({ objectionHours: 0.006, ballotDisclosure: 'totals' });
    const voters = ['101', '102', '201', '202'].map((r) => owner(12, 1, r));
    await signIn(...voters, owner(11, 1, '101'));
    const { caseId, resolutionId } = await draft(
      '12号楼',
      '1单元',
      new Date(Date.now() + 4_000).toISOString(),
    );
    await vote(voters[0]!, resolutionId, 'for');
    await vote(voters[1]!, resolutionId, 'against');
    await vote(voters[2]!, resolutionId, 'against');

    // The queue closes the box at closesAt and publishes the preliminary result: nobody acts.
    await until(
      async () => (await resolution(resolutionId)).phase === 'objection',
      20_000,
      'the preliminary result',
    );
    const preliminary = await resolution(resolutionId);
    expect(preliminary.status).toBe('open');
    expect(preliminary.preliminary?.tally).toMatchObject({ passed: false, for: { units: 1 } });
    const closedAt = Date.parse(preliminary.closedAt!);
    expect(Date.parse(preliminary.preliminary!.publishedAt) - closedAt).toBeLessThan(60_000);
    const published = await publication(resolutionId);
    expect(published).toMatchObject({
      phase: 'preliminary',
      disclosure: 'totals',
      passed: false,
      totals: { for: { units: 1 }, against: { units: 2 }, participated: { units: 3 } },
      objectionUntil: preliminary.preliminary!.objectionUntil,
    });
    expect(published.units).toBeUndefined();
    for (const who of voters) expect(JSON.stringify(published)).not.toContain(userIds[who]!);
    // The failed preliminary result does not move the case: no result is on it yet.
    await sleep(1_000);
    const during = await view(caseId);
    expect(during.stage).toBe('deliberation');
    expect(during.resolutions[0]).toMatchObject({ id: resolutionId, status: 'open' });
    // 公示 reached the owners (the inbox of one who voted).
    await until(
      async () =>
        (
          (await as(voters[0]!).get('/me/notifications?limit=100').expect(200)).body as {
            items: { kind: string; title: string }[];
          }
        ).items.some((n) => n.kind === 'vote-published' && n.title.includes('初步')),
      15_000,
      'the preliminary publication in an owner’s inbox',
    );

    // Who may object: an owner about their own unit, nobody else.
    const notMine = await object(voters[3]!, resolutionId, unitIds[voters[1]!], '记错了').expect(
      403,
    );
    expect(errorCode(notMine.body)).toBe('FORBIDDEN');
    await object('wuye', resolutionId, unitIds[voters[1]!], '记错了').expect(403);
    const outside = await object(
      owner(11, 1, '101'),
      resolutionId,
      unitIds[owner(11, 1, '101')],
      '记错了',
    ).expect(403);
    expect(errorCode(outside.body)).toBe('FORBIDDEN');
    const bad = await object(voters[1]!, resolutionId, unitIds[voters[1]!], '').expect(400);
    expect(errorCode(bad.body)).toBe('VALIDATION_FAILED');
    await object(voters[1]!, resolutionId, 'not-a-uuid', '记错了').expect(400);

    const filed = await object(
      voters[1]!,
      resolutionId,
      unitIds[voters[1]!],
      '本户投的是赞成票，公示记为反对',
    ).expect(201);
    const objectionId = (filed.body as { id: string }).id;
    const other = await object(voters[2]!, resolutionId, unitIds[voters[2]!], '想改投赞成').expect(
      201,
    );
    const otherId = (other.body as { id: string }).id;

    // The list: the secretary sees all; an owner their own.
    const all = await as('shuji').get(`/resolutions/${resolutionId}/objections`).expect(200);
    expect((all.body as { items: unknown[] }).items).toHaveLength(2);
    const mine = await as(voters[1]!).get(`/resolutions/${resolutionId}/objections`).expect(200);
    expect((mine.body as { items: { id: string }[] }).items.map((o) => o.id)).toEqual([
      objectionId,
    ]);
    const none = await as(voters[3]!).get(`/resolutions/${resolutionId}/objections`).expect(200);
    expect((none.body as { items: unknown[] }).items).toEqual([]);

    // The secretary answers, with a reason; only the secretary.
    await answer(resolutionId, objectionId, { upheld: true, reason: '核对' }, 'wuye').expect(403);
    const noReason = await answer(resolutionId, objectionId, { upheld: true }).expect(400);
    expect(errorCode(noReason.body)).toBe('VALIDATION_FAILED');
    const badUnit = await answer(resolutionId, objectionId, {
      upheld: true,
      reason: '核对',
      correction: { unitId: unitIds[owner(11, 1, '101')], choice: 'for' },
    }).expect(400);
    expect(errorCode(badUnit.body)).toBe('VALIDATION_FAILED');
    const upheld = await answer(resolutionId, objectionId, {
      upheld: true,
      reason: '核对后台记录与纸质回执，确为赞成',
      correction: { unitId: unitIds[voters[1]!], choice: 'for' },
    }).expect(200);
    expect(upheld.body).toMatchObject({
      id: objectionId,
      upheld: true,
      correction: { unitId: unitIds[voters[1]!], choice: 'for' },
      phase: 'objection',
    });
    const twice = await answer(resolutionId, objectionId, { upheld: false, reason: '再答' }).expect(
      409,
    );
    expect(errorCode(twice.body)).toBe('WRONG_STAGE');
    await answer(resolutionId, otherId, {
      upheld: false,
      reason: '表决期已结束，不能改投',
    }).expect(200);
    const answeredList = await as(voters[2]!)
      .get(`/resolutions/${resolutionId}/objections`)
      .expect(200);
    expect((answeredList.body as { items: { answer: unknown }[] }).items[0]?.answer).toMatchObject({
      upheld: false,
      reason: '表决期已结束，不能改投',
      correction: null,
    });
    // Answered, but the period runs: still not final, the case still waits.
    expect((await resolution(resolutionId)).phase).toBe('objection');
    expect((await view(caseId)).stage).toBe('deliberation');

    // At objectionUntil the queue finalises: 2 for, 1 against, passed; the case advances on it.
    await until(
      async () => (await resolution(resolutionId)).phase === 'final',
      40_000,
      'the final result',
    );
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(preliminary.preliminary!.objectionUntil));
    await waitFor(caseId, 'follow-up on the final result', (c) => c.stage === 'follow-up');
    const recorded = (await view(caseId)).resolutions[0] as unknown as {
      status: string;
      tally: { passed: boolean; for: { units: number }; against: { units: number } };
    };
    expect(recorded).toMatchObject({
      status: 'passed',
      tally: { passed: true, for: { units: 2 }, against: { units: 1 } },
    });
    expect((await resolution(resolutionId)).status).toBe('passed');
    const tally = await as('wuye').get(`/resolutions/${resolutionId}/tally`).expect(200);
    expect(tally.body).toMatchObject({ final: true, passed: true, for: { units: 2 } });
    const final = await publication(resolutionId);
    expect(final).toMatchObject({
      phase: 'final',
      passed: true,
      totals: { for: { units: 2 }, against: { units: 1 } },
      objections: { filed: 2, answered: 2, upheld: 1, corrections: 1 },
    });

    // After the period: no more objections.
    const late = await object(voters[0]!, resolutionId, unitIds[voters[0]!], '迟到的异议').expect(
      409,
    );
    expect(errorCode(late.body)).toBe('WRONG_STAGE');
  }, 120_000);

  it('an unanswered objection holds the result past objectionUntil (the reconciler re-adds a lost job) until the answer; open voting publishes rooms, areas and choices, never a person', async () => {
    await settings({ objectionHours: 0.002, ballotDisclosure: 'open' }); // 7.2 s
    const voters = ['101', '102', '201'].map((r) => owner(11, 2, r));
    await signIn(...voters);
    const { caseId, resolutionId } = await draft(
      '11号楼',
      '2单元',
      new Date(Date.now() + 3_600_000).toISOString(),
    );
    await vote(voters[0]!, resolutionId, 'for');
    await vote(voters[1]!, resolutionId, 'for');
    await vote(voters[2]!, resolutionId, 'against');
    // Closed early by the secretary: the preliminary result, not yet final.
    const closed = await as('shuji').post(`/resolutions/${resolutionId}/close`).expect(200);
    expect(closed.body).toMatchObject({ final: false, passed: true });
    const filed = await object(voters[2]!, resolutionId, unitIds[voters[2]!], '本户未投反对票');
    expect(filed.status).toBe(201);
    const objectionId = (filed.body as { id: string }).id;

    // A lost finalise job is added again by the reconciler.
    const jobId = finaliseVoteJobId(resolutionId);
    await until(async () => (await finaliseQueue.getJob(jobId)) !== undefined, 15_000, 'the job');
    await (await finaliseQueue.getJob(jobId))!.remove();
    expect((await reconcileOnce(deadlines, db.pool)).finaliseVotingJobs).toBeGreaterThanOrEqual(1);

    // Past objectionUntil, the job has run: the unanswered objection holds the result.
    const until_ = Date.parse((await resolution(resolutionId)).preliminary!.objectionUntil);
    await until(
      async () =>
        Date.now() > until_ &&
        (await (await finaliseQueue.getJob(jobId))?.getState()) === 'completed',
      30_000,
      'the finalise job to run',
    );
    await sleep(500);
    expect((await resolution(resolutionId)).phase).toBe('objection');
    expect((await resolution(resolutionId)).status).toBe('open');
    expect((await view(caseId)).stage).toBe('deliberation');
    const late = await object(voters[0]!, resolutionId, unitIds[voters[0]!], '迟了').expect(409);
    expect(errorCode(late.body)).toBe('WRONG_STAGE');

    // The answer after the period makes it final at once; the case advances.
    const answered = await answer(resolutionId, objectionId, {
      upheld: false,
      reason: '经核对，该户线上投票记录为反对，无误',
    }).expect(200);
    expect(answered.body).toMatchObject({ phase: 'final' });
    expect((await resolution(resolutionId)).status).toBe('passed');
    await waitFor(caseId, 'follow-up', (c) => c.stage === 'follow-up');

    // Open voting (实名): every unit with its room, area and choice; no names, phones, user ids.
    const published = await publication(resolutionId, voters[0]);
    expect(published.phase).toBe('final');
    expect(published.disclosure).toBe('open');
    expect(published.units).toHaveLength(12);
    const room = (r: string) => published.units!.find((u) => u.room === r);
    expect(room('101')).toMatchObject({ building: '11号楼', entrance: '2单元', choice: 'for' });
    expect(room('201')).toMatchObject({ choice: 'against' });
    expect(room('601')).toMatchObject({ choice: null });
    expect(room('101')!.area).toBeGreaterThan(50);
    expect(Object.keys(room('101')!).sort()).toEqual(
      ['area', 'building', 'choice', 'entrance', 'estate', 'room'].sort(),
    );
    const text = JSON.stringify(published);
    for (const who of voters) {
      const me = (await as(who).get('/me').expect(200)).body as { displayName: string };
      expect(text).not.toContain(userIds[who]!);
      expect(text).not.toContain(me.displayName);
    }
    expect(text).not.toMatch(/1[3-9]\d{9}/); // no mobile number

    // The same as CSV (UTF-8 with BOM) and as a printable page.
    const csv = await as(voters[0]!)
      .get(`/resolutions/${resolutionId}/publication.csv`)
      .buffer(true)
      .parse((res, cb) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (data += chunk));
        res.on('end', () => cb(null, data));
      })
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const body = csv.body as string;
    expect(body.startsWith('\uFEFF项目,内容')).toBe(true);
    expect(body).toContain('小区,楼栋,单元,房号,面积(m²),表决意见');
    expect(body).toContain('金泰和庄,11号楼,2单元,101,');
    expect(body).not.toContain(userIds[voters[0]!]!);
    const viaQuery = await as(voters[0]!)
      .get(`/resolutions/${resolutionId}/publication?format=csv`)
      .expect(200);
    expect(viaQuery.headers['content-type']).toMatch(/^text\/csv/);
    const html = await as(voters[0]!)
      .get(`/resolutions/${resolutionId}/publication?format=html`)
      .expect(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    // The document's own policy (issue 19): nothing but its inline styles, never framed.
    expect(html.headers['content-security-policy']).toContain("default-src 'none'");
    expect(html.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(html.headers['x-content-type-options']).toBe('nosniff');
    expect(html.headers['referrer-policy']).toBe('no-referrer');
    expect(html.text).toContain('表决结果公示（最终结果）');
    const badFormat = await as(voters[0]!)
      .get(`/resolutions/${resolutionId}/publication?format=xml`)
      .expect(400);
    expect(errorCode(badFormat.body)).toBe('VALIDATION_FAILED');
  }, 120_000);

  it('an agent under a written proxy objects for that unit; a case closed by hand during the objection period cancels the vote: no objection, answer, result or publication after it', async () => {
    await settings({ objectionHours: 1, ballotDisclosure: 'totals' });
    const voter = owner(10, 1, '101');
    const principal = owner(10, 1, '102');
    await signIn(voter, principal, 'wanggeyuan');
    const units10 = (
      (
        await as('shuji')
          .get(
            `/communities/${communityId}/units?building=${encodeURIComponent('10号楼')}&limit=100`,
          )
          .expect(200)
      ).body as { items: { id: string; entrance: string; room: string }[] }
    ).items;
    for (const [who, room] of [
      [voter, '101'],
      [principal, '102'],
    ] as const)
      unitIds[who] = units10.find((u) => u.entrance === '1单元' && u.room === room)!.id;
    // 10-1-102's owner gives a written proxy (委托书) to the grid worker.
    await as(principal)
      .post(`/communities/${communityId}/proxies`, {
        unitId: unitIds[principal],
        agentId: userIds.wanggeyuan,
        validUntil: new Date(Date.now() + 86_400_000).toISOString(),
        scanUrl: 'https://files.example.cn/weituoshu/10-1-102.pdf',
      })
      .expect(201);
    const { caseId, resolutionId } = await draft(
      '10号楼',
      '1单元',
      new Date(Date.now() + 3_600_000).toISOString(),
    );
    await vote(voter, resolutionId, 'for');
    await as('shuji').post(`/resolutions/${resolutionId}/close`).expect(200);
    const filed = await object(voter, resolutionId, unitIds[voter], '有误').expect(201);
    // An agent objects for the unit of the proxy, not for another.
    await object('wanggeyuan', resolutionId, unitIds[principal], '代业主提出：本户未投票').expect(
      201,
    );
    await object('wanggeyuan', resolutionId, unitIds[voter], '代提').expect(403);
    const agents = await as('wanggeyuan')
      .get(`/resolutions/${resolutionId}/objections`)
      .expect(200);
    const agentsItems = (agents.body as { items: { unitId: string; proxyId: string | null }[] })
      .items;
    expect(agentsItems.map((o) => o.unitId)).toEqual([unitIds[principal]]);
    expect(agentsItems[0]?.proxyId).toMatch(/^[0-9a-f-]{36}$/);
    await as('shuji')
      .post(`/cases/${caseId}/close`, { outcome: 'withdrawn', reason: '业主撤回申请' })
      .expect(200);
    await until(
      async () => (await resolution(resolutionId)).phase === 'cancelled',
      10_000,
      'the cancellation',
    );
    expect((await resolution(resolutionId)).status).toBe('cancelled');
    const again = await object(voter, resolutionId, unitIds[voter], '再议').expect(409);
    expect(errorCode(again.body)).toBe('WRONG_STAGE');
    const answered = await answer(resolutionId, (filed.body as { id: string }).id, {
      upheld: false,
      reason: '案件已撤回',
    }).expect(409);
    expect(errorCode(answered.body)).toBe('WRONG_STAGE');
    const published = await as('wuye').get(`/resolutions/${resolutionId}/publication`).expect(409);
    expect(errorCode(published.body)).toBe('WRONG_STAGE');
    // The case view is a projection: it follows within its pause.
    await until(
      async () => (await view(caseId)).resolutions[0]?.status === 'cancelled',
      10_000,
      'the case view',
    );
  }, 60_000);

  it('with no objection period (the default) the result is final at the close, as before; nothing is published before it', async () => {
    await settings({ objectionHours: null, objectionWorkingDays: 0, ballotDisclosure: 'totals' });
    const voters = ['301', '302'].map((r) => owner(11, 1, r));
    await signIn(...voters);
    const { caseId, resolutionId } = await draft(
      '11号楼',
      '1单元',
      new Date(Date.now() + 3_600_000).toISOString(),
    );
    await vote(voters[0]!, resolutionId, 'for');
    const early = await as('wuye').get(`/resolutions/${resolutionId}/publication`).expect(409);
    expect(errorCode(early.body)).toBe('WRONG_STAGE');
    const noObjection = await object(voters[0]!, resolutionId, unitIds[voters[0]!], '有误').expect(
      409,
    );
    expect(errorCode(noObjection.body)).toBe('WRONG_STAGE');
    expect((await resolution(resolutionId)).phase).toBe('voting');
    const closed = await as('shuji').post(`/resolutions/${resolutionId}/close`).expect(200);
    expect(closed.body).toMatchObject({ final: true, passed: true });
    expect(await resolution(resolutionId)).toMatchObject({
      status: 'passed',
      phase: 'final',
      preliminary: null,
    });
    const published = await publication(resolutionId);
    expect(published).toMatchObject({ phase: 'final', objectionUntil: null, passed: true });
    expect(published.units).toBeUndefined();
    await waitFor(caseId, 'follow-up', (c) => c.stage === 'follow-up');
    const after = await object(voters[0]!, resolutionId, unitIds[voters[0]!], '有误').expect(409);
    expect(errorCode(after.body)).toBe('WRONG_STAGE');
  }, 60_000);
});
