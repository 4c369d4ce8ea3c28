import { type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { PARTY_ACCOUNTS } from './support/api';
import { type TestDatabase } from './support/database';
import { httpActors } from './support/http-actors';
import { startDemoPlatform, type TestPlatform } from './support/platform';
import { until } from './support/wait';

/*
 * Issue 4, point 7 over HTTP on the whole platform (real PostgreSQL and Redis, the queue moving the
 * case): resolutions and the simple ballot box, tasks, evaluations, and a case from opening to
 * closed in both mechanisms; a failed vote, closed by the queue at closesAt, returns the case to
 * analysis.
 */

type Party = keyof typeof PARTY_ACCOUNTS;
const ALL_PARTIES = Object.keys(PARTY_ACCOUNTS) as Party[];
const ROOMS = ['101', '102', '201', '202', '301', '302', '401', '402', '501', '502', '601', '602'];
const owner = (building: number, entrance: number, room: string) =>
  `yezhu-${building}-${entrance}-${room}`;

interface Tally {
  resolutionId: string;
  final: boolean;
  rule: string;
  passed: boolean;
  electorate: { units: number; owners: number; area: number };
  participated: { units: number; owners: number };
  for: { units: number };
  against: { units: number };
  abstain: { units: number };
  thresholds: Record<string, { held: boolean }>;
  explanation: { zh: string; en: string };
}

describe('voting, tasks and evaluations over HTTP: cases from opening to closed', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let communityId: string;
  const { userIds, as, signIn, view, waitFor, acknowledge, errorCode } = httpActors(() => server);
  const unitIds: Record<string, string> = {};

  beforeAll(async () => {
    ({ db, platform, server } = await startDemoPlatform('voting'));
    await signIn('shuji', 'wanggeyuan', 'loudongzhang', ...Object.values(PARTY_ACCOUNTS));
    const me = await as('shuji').get('/me').expect(200);
    communityId = (me.body as { memberships: { communityId: string }[] }).memberships[0]!
      .communityId;
    for (const building of ['10号楼', '11号楼', '12号楼']) {
      const res = await as('shuji')
        .get(`/communities/${communityId}/units?building=${encodeURIComponent(building)}&limit=100`)
        .expect(200);
      for (const u of (
        res.body as { items: { id: string; building: string; entrance: string; room: string }[] }
      ).items)
        unitIds[owner(parseInt(u.building, 10), parseInt(u.entrance, 10), u.room)] = u.id;
    }
    // No notice period: analysis → deliberation as soon as everyone acknowledged.
    await as('shuji')
      .patch(`/communities/${communityId}/settings`, { noticePeriodHours: 0 })
      .expect(200);
  });
  afterAll(async () => {
    await platform.close();
    await db.drop();
  });

  const settings = (patch: object) =>
    as('shuji').patch(`/communities/${communityId}/settings`, patch).expect(200);
  const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

  /** Opens a case and takes it, over HTTP and the queue, into deliberation. */
  async function caseInDeliberation(options: {
    mechanism: 'five-party-hall' | 'neighbourhood-consultation';
    building: string;
    entrance: string;
    parties: readonly Party[];
    demandBy: string;
  }): Promise<string> {
    const opened = await as('shuji')
      .post(`/communities/${communityId}/cases`, {
        mechanism: options.mechanism,
        title: `${options.building}${options.entrance}议事`,
        description: '测试案件',
        category: '设施维修',
        scope: { estate: '金泰和庄', building: options.building, entrance: options.entrance },
      })
      .expect(201);
    const caseId = (opened.body as { id: string }).id;
    await as(options.demandBy)
      .post(`/cases/${caseId}/demands`, { content: '下水道又堵了', source: 'online' })
      .expect(201);
    await acknowledge(caseId, 'gathering', options.parties);
    await as('shuji').post(`/cases/${caseId}/advance`, { to: 'analysis' }).expect(202);
    await waitFor(caseId, 'analysis', (c) => c.stage === 'analysis');
    await as('shuji')
      .post(`/cases/${caseId}/analysis`, {
        summary: '主排水管坡度不足，属施工缺陷',
        leadParty: 'property-company',
        siteSurvey: '现场勘查',
        options: [{ title: '更换主排水管', description: '物业牵头施工' }],
      })
      .expect(201);
    await acknowledge(caseId, 'analysis', options.parties);
    await waitFor(caseId, 'deliberation', (c) => c.stage === 'deliberation');
    await acknowledge(caseId, 'deliberation', options.parties);
    await as('shuji')
      .post(`/cases/${caseId}/meetings`, {
        heldAt: new Date().toISOString(),
        place: '社区党群服务中心',
        attendance: options.parties.map((party) => ({
          party,
          attendees: [userIds[PARTY_ACCOUNTS[party]]],
        })),
        minutes: '各方同意更换主排水管',
      })
      .expect(201);
    return caseId;
  }

  async function draft(caseId: string, closesAt = inAnHour()): Promise<string> {
    const res = await as('shuji')
      .post(`/cases/${caseId}/resolutions`, {
        title: '关于更换主排水管的决议',
        text: '由物业牵头更换主排水管，共建单位出资。',
        rule: 'simple-majority',
        closesAt,
      })
      .expect(201);
    expect(res.body).toMatchObject({ status: 'open', closesAt });
    return (res.body as { id: string }).id;
  }

  const vote = (who: string, resolutionId: string, choice: string, unitId?: string) =>
    as(who).post(
      `/resolutions/${resolutionId}/ballots`,
      unitId === undefined ? { choice } : { choice, unitId },
    );

  it('a five-party case goes from opening to closed: meeting, a passed vote, a task done, evaluations', async () => {
    // The evaluation window of the follow-up stage entered below: 7.2 s.
    await settings({ evaluationWindowHours: 0.002 });
    const voters = ROOMS.slice(0, 6).map((r) => owner(12, 2, r));
    await signIn(...voters, owner(10, 1, '101'));
    const caseId = await caseInDeliberation({
      mechanism: 'five-party-hall',
      building: '12号楼',
      entrance: '2单元',
      parties: ALL_PARTIES,
      demandBy: voters[0]!,
    });

    // Drafting: the secretary only, in deliberation, one open resolution at a time.
    const body = {
      title: '决议',
      text: '决议全文',
      rule: 'simple-majority',
      closesAt: inAnHour(),
    };
    await as('wuye').post(`/cases/${caseId}/resolutions`, body).expect(403);
    await as(voters[0]!).post(`/cases/${caseId}/resolutions`, body).expect(403);
    const resolutionId = await draft(caseId);
    const second = await as('shuji').post(`/cases/${caseId}/resolutions`, body).expect(409);
    expect(errorCode(second.body)).toBe('ALREADY_EXISTS');

    // The frozen electorate: the 12 units of 12号楼 2单元, one owner each.
    const resolution = await as('jumindaibiao').get(`/resolutions/${resolutionId}`).expect(200);
    expect(resolution.body).toMatchObject({
      id: resolutionId,
      caseId,
      rule: 'simple-majority',
      matter: 'ordinary',
      status: 'open',
      closedAt: null,
      electorate: { units: 12, owners: 12 },
    });
    expect((resolution.body as { electorate: { area: number } }).electorate.area).toBeGreaterThan(
      12 * 60,
    );

    // One ballot per unit, by its owner.
    await vote(voters[0]!, resolutionId, 'for').expect(201);
    const ballot = await vote(voters[1]!, resolutionId, 'for', unitIds[voters[1]!]).expect(201);
    expect(ballot.body).toMatchObject({
      resolutionId,
      unitId: unitIds[voters[1]!],
      choice: 'for',
      channel: 'online',
    });
    await vote(voters[2]!, resolutionId, 'against').expect(201);
    await vote(voters[3]!, resolutionId, 'abstain').expect(201);
    const again = await vote(voters[0]!, resolutionId, 'against').expect(409);
    expect(errorCode(again.body)).toBe('ALREADY_VOTED');
    // Someone else's unit; a unit outside the electorate; parties do not vote.
    const others = await vote(voters[4]!, resolutionId, 'for', unitIds[voters[5]!]).expect(403);
    expect(errorCode(others.body)).toBe('FORBIDDEN');
    await vote(owner(10, 1, '101'), resolutionId, 'for').expect(403);
    await vote(owner(10, 1, '101'), resolutionId, 'for', unitIds[owner(10, 1, '101')]).expect(403);
    await vote('wuye', resolutionId, 'for').expect(403);
    await vote('shuji', resolutionId, 'for').expect(403);

    // The running count while open.
    const running = await as('gongjian').get(`/resolutions/${resolutionId}/tally`).expect(200);
    const open = running.body as Tally;
    expect(open).toMatchObject({
      resolutionId,
      final: false,
      rule: 'simple-majority',
      passed: true,
      electorate: { units: 12, owners: 12 },
      participated: { units: 4, owners: 4 },
      for: { units: 2 },
      against: { units: 1 },
      abstain: { units: 1 },
    });
    expect(open.thresholds.forOverAgainst?.held).toBe(true);
    expect(open.explanation.zh.length).toBeGreaterThan(0);

    // Closing: the secretary only; the tally is final and recorded on the case.
    await as('wuye').post(`/resolutions/${resolutionId}/close`).expect(403);
    const closed = await as('shuji').post(`/resolutions/${resolutionId}/close`).expect(200);
    expect(closed.body).toMatchObject({ final: true, passed: true, for: { units: 2 } });
    const repeat = await as('shuji').post(`/resolutions/${resolutionId}/close`).expect(200);
    expect(repeat.body).toEqual(closed.body);
    const late = await vote(voters[4]!, resolutionId, 'for').expect(409);
    expect(errorCode(late.body)).toBe('WRONG_STAGE');
    const after = await as(voters[5]!).get(`/resolutions/${resolutionId}`).expect(200);
    expect(after.body).toMatchObject({ status: 'passed' });
    expect((after.body as { closedAt: string | null }).closedAt).not.toBeNull();

    // Meeting + passed vote + every acknowledgement: follow-up without anyone pressing a button.
    await waitFor(caseId, 'follow-up', (c) => c.stage === 'follow-up');
    expect((await view(caseId)).resolutions[0]).toMatchObject({
      id: resolutionId,
      status: 'passed',
      tally: { passed: true },
    });
    await acknowledge(caseId, 'follow-up', ALL_PARTIES);

    // Tasks: the secretary assigns; only the assignee party's members report.
    const task = {
      title: '更换主排水管',
      description: '周六施工，临时停水半天',
      assigneeParty: 'property-company',
      dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    };
    await as('wuye').post(`/cases/${caseId}/tasks`, task).expect(403);
    const assigned = await as('shuji').post(`/cases/${caseId}/tasks`, task).expect(201);
    const taskId = (assigned.body as { id: string }).id;
    // Residents evaluate only once every task is done.
    const early = await as(voters[0]!)
      .post(`/cases/${caseId}/evaluations`, { rating: 'satisfied' })
      .expect(409);
    expect(errorCode(early.body)).toBe('WRONG_STAGE');

    const evidence = ['https://oss.example.cn/yishi/12-2/before.jpg'];
    await as('wuye')
      .post(`/tasks/${taskId}/progress`, { percent: 40, note: '旧管已拆除', evidence })
      .expect(201);
    for (const who of ['yeweihui', 'gongjian', 'shuji', voters[0]!])
      await as(who).post(`/tasks/${taskId}/progress`, { percent: 50, note: 'x' }).expect(403);
    await as('shuji')
      .post(`/tasks/${randomUUID()}/progress`, { percent: 1, note: 'x' })
      .expect(404);

    // Reassigned by the lead party (property-company): now partner-units reports, not the property company.
    await as('yeweihui')
      .post(`/tasks/${taskId}/reassign`, { assigneeParty: 'owners-committee' })
      .expect(403);
    await as('wuye')
      .post(`/tasks/${taskId}/reassign`, { assigneeParty: 'partner-units', reason: '共建单位施工' })
      .expect(200);
    await as('wuye').post(`/tasks/${taskId}/progress`, { percent: 60, note: 'x' }).expect(403);
    await as('gongjian')
      .post(`/tasks/${taskId}/progress`, { percent: 80, note: '新管已铺设', evidence })
      .expect(201);
    await as('gongjian')
      .post(`/tasks/${taskId}/complete`, {
        note: '试水通畅',
        evidence: ['https://oss.example.cn/yishi/12-2/after.jpg'],
      })
      .expect(200);

    // Evaluations in the window: one per unit, a resident's own unit in the scope.
    await as(voters[0]!)
      .post(`/cases/${caseId}/evaluations`, { rating: 'satisfied', comment: '管道通了，心也通了' })
      .expect(201);
    await as(voters[1]!)
      .post(`/cases/${caseId}/evaluations`, { rating: 'basically-satisfied' })
      .expect(201);
    await as(voters[2]!)
      .post(`/cases/${caseId}/evaluations`, {
        rating: 'satisfied',
        unitId: unitIds[voters[2]!],
      })
      .expect(201);
    const twice = await as(voters[0]!)
      .post(`/cases/${caseId}/evaluations`, { rating: 'dissatisfied' })
      .expect(409);
    expect(errorCode(twice.body)).toBe('ALREADY_EXISTS');
    await as(voters[3]!)
      .post(`/cases/${caseId}/evaluations`, { rating: 'satisfied', unitId: unitIds[voters[4]!] })
      .expect(403);
    await as(owner(10, 1, '101'))
      .post(`/cases/${caseId}/evaluations`, { rating: 'satisfied' })
      .expect(403);
    await as('wuye').post(`/cases/${caseId}/evaluations`, { rating: 'satisfied' }).expect(403);

    // The window ends (7.2 s): the queue concludes the round and closes the case, resolved.
    await waitFor(caseId, 'closed', (c) => c.status === 'closed');
    const done = await view(caseId);
    expect(done.closure).toMatchObject({ outcome: 'resolved' });
    expect(done.tasks[0]).toMatchObject({
      status: 'done',
      percent: 100,
      assigneeParty: 'partner-units',
    });
    expect(done.tasks[0]!.reports.map((r) => r.kind)).toEqual([
      'progress',
      'progress',
      'completion',
    ]);
    expect(done.evaluations.items).toHaveLength(3);

    const timeline = await as(voters[0]!).get(`/cases/${caseId}/events`).expect(200);
    const types = (timeline.body as { items: { type: string }[] }).items.map((i) => i.type);
    for (const t of [
      'CaseOpened',
      'MeetingRecorded',
      'ResolutionDrafted',
      'VoteRecorded',
      'TaskAssigned',
      'TaskProgressReported',
      'TaskReassigned',
      'TaskCompleted',
      'EvaluationOpened',
      'EvaluationSubmitted',
      'EvaluationConcluded',
      'CaseClosed',
    ])
      expect(types).toContain(t);
    expect(types.filter((t) => t === 'StageAdvanced')).toHaveLength(3);

    // Each member of each of the five parties: one stage-entered notification per stage, and the
    // vote's opening (for information: parties do not vote); the closing notice too.
    for (const user of [...Object.values(PARTY_ACCOUNTS), 'shuji']) {
      const mine = async () => {
        const res = await as(user).get('/me/notifications?limit=100').expect(200);
        return (res.body as { items: { caseId: string; kind: string; stage?: string }[] }).items
          .filter((n) => n.caseId === caseId)
          .map((n) => (n.kind === 'stage-entered' ? `${n.kind}:${n.stage}` : n.kind))
          .sort();
      };
      await until(async () => (await mine()).includes('case-closed'), 15_000, `${user} notified`);
      const kinds = await mine();
      expect([user, kinds.filter((k) => k.startsWith('stage-entered'))]).toEqual([
        user,
        [
          'stage-entered:analysis',
          'stage-entered:deliberation',
          'stage-entered:follow-up',
          'stage-entered:gathering',
        ],
      ]);
      expect(kinds.filter((k) => k === 'voting-opened-notice')).toHaveLength(1);
      expect(kinds).not.toContain('voting-opened');
    }
  });

  it('a neighbourhood consultation closes as soon as every unit in its scope has evaluated', async () => {
    await settings({ evaluationWindowHours: 24 });
    const residents = ROOMS.map((r) => owner(12, 1, r));
    await signIn(...residents);
    const parties: Party[] = ['party-organisation', 'resident-representatives'];
    const caseId = await caseInDeliberation({
      mechanism: 'neighbourhood-consultation',
      building: '12号楼',
      entrance: '1单元',
      parties,
      demandBy: residents[0]!,
    });
    const resolutionId = await draft(caseId);
    const electorate = await as('dangwei').get(`/resolutions/${resolutionId}`).expect(200);
    expect(electorate.body).toMatchObject({ electorate: { units: 12, owners: 12 } });
    await vote(residents[0]!, resolutionId, 'for').expect(201);
    await vote(residents[1]!, resolutionId, 'for').expect(201);
    await vote(residents[2]!, resolutionId, 'against').expect(201);
    const closed = await as('shuji').post(`/resolutions/${resolutionId}/close`).expect(200);
    expect(closed.body).toMatchObject({ passed: true, participated: { units: 3 } });

    await waitFor(caseId, 'follow-up', (c) => c.stage === 'follow-up');
    await acknowledge(caseId, 'follow-up', parties);
    const assigned = await as('shuji')
      .post(`/cases/${caseId}/tasks`, {
        title: '疏通并回访',
        assigneeParty: 'resident-representatives',
        dueAt: new Date(Date.now() + 86_400_000).toISOString(),
      })
      .expect(201);
    const taskId = (assigned.body as { id: string }).id;
    await as('wuye').post(`/tasks/${taskId}/complete`, { note: 'x' }).expect(403);
    await as('jumindaibiao').post(`/tasks/${taskId}/complete`, { note: '已疏通' }).expect(200);
    // Completing again changes nothing.
    await as('jumindaibiao').post(`/tasks/${taskId}/complete`, { note: '已疏通' }).expect(200);

    // 24 h window, but every one of the 12 units evaluates: the case closes at once.
    for (const [i, who] of residents.entries())
      await as(who)
        .post(`/cases/${caseId}/evaluations`, {
          rating: i === 0 ? 'dissatisfied' : 'satisfied',
        })
        .expect(201);
    await waitFor(caseId, 'closed', (c) => c.status === 'closed');
    const done = await view(caseId);
    expect(done.closure).toMatchObject({ outcome: 'resolved' });
    expect(done.evaluations.items).toHaveLength(12);
  });

  it('a failed vote, closed by the queue at closesAt, sends the case back to analysis', async () => {
    const residents = ROOMS.slice(0, 3).map((r) => owner(11, 2, r));
    await signIn(...residents, owner(11, 2, '301'));
    const caseId = await caseInDeliberation({
      mechanism: 'five-party-hall',
      building: '11号楼',
      entrance: '2单元',
      parties: ALL_PARTIES,
      demandBy: residents[0]!,
    });
    const resolutionId = await draft(caseId, new Date(Date.now() + 4_000).toISOString());
    await vote(residents[0]!, resolutionId, 'for').expect(201);
    await vote(residents[1]!, resolutionId, 'against').expect(201);
    await vote(residents[2]!, resolutionId, 'against').expect(201);

    // Nobody closes it: the delayed job does, at closesAt.
    await waitFor(caseId, 'back in analysis', (c) => c.stage === 'analysis');
    const c = await view(caseId);
    expect(c.resolutions[0]).toMatchObject({ id: resolutionId, status: 'failed' });
    const resolution = await as('shuji').get(`/resolutions/${resolutionId}`).expect(200);
    expect(resolution.body).toMatchObject({ status: 'failed' });
    const tally = await as('shuji').get(`/resolutions/${resolutionId}/tally`).expect(200);
    expect(tally.body).toMatchObject({
      final: true,
      passed: false,
      for: { units: 1 },
      against: { units: 2 },
    });
    const late = await vote(owner(11, 2, '301'), resolutionId, 'for');
    expect([late.status, errorCode(late.body)]).toEqual([409, 'WRONG_STAGE']);
    // Closing again changes nothing and answers the same result.
    const again = await as('shuji').post(`/resolutions/${resolutionId}/close`).expect(200);
    expect(again.body).toMatchObject({ final: true, passed: false });

    const timeline = await as('shuji').get(`/cases/${caseId}/events`).expect(200);
    const events = (timeline.body as { items: { type: string; data: unknown }[] }).items;
    expect(events.find((e) => e.type === 'StageReturned')?.data).toMatchObject({
      from: 'deliberation',
      to: 'analysis',
      reason: 'vote-failed',
      resolutionId,
    });
    // A new deliberation needs a new analysis and notice; resolutions only in deliberation.
    const wrong = await as('shuji')
      .post(`/cases/${caseId}/resolutions`, {
        title: 't',
        text: 't',
        rule: 'simple-majority',
        closesAt: inAnHour(),
      })
      .expect(409);
    expect(errorCode(wrong.body)).toBe('WRONG_STAGE');
  });

  it('ballots racing the close are either counted or refused, never accepted and lost', async () => {
    const residents = ROOMS.map((r) => owner(11, 1, r));
    await signIn(...residents);
    const caseId = await caseInDeliberation({
      mechanism: 'neighbourhood-consultation',
      building: '11号楼',
      entrance: '1单元',
      parties: ['party-organisation', 'resident-representatives'],
      demandBy: residents[0]!,
    });
    const resolutionId = await draft(caseId);
    await vote(residents[0]!, resolutionId, 'for').expect(201);
    // Ballots in flight when the close arrives, sent in the same moment: each is counted or
    // refused (by the service, or by the database if it passed the service's check before the close).
    const cast = (who: string, i: number) => vote(who, resolutionId, i % 2 ? 'for' : 'against');
    const [early, late] = [residents.slice(1, 6), residents.slice(6)];
    const all = await Promise.all([
      ...early.map(cast),
      as('shuji').post(`/resolutions/${resolutionId}/close`),
      ...late.map(cast),
    ]);
    const closed = all[early.length]!;
    const ballots = all.filter((_, i) => i !== early.length);
    expect(closed.status).toBe(200);
    const refused = ballots.filter((b) => b.status !== 201);
    for (const b of refused) expect([b.status, errorCode(b.body)]).toEqual([409, 'WRONG_STAGE']);
    const accepted = 1 + ballots.length - refused.length;
    expect((closed.body as Tally).participated.units).toBe(accepted);
    const final = await as('shuji').get(`/resolutions/${resolutionId}/tally`).expect(200);
    expect((final.body as Tally).participated.units).toBe(accepted);

    // The database itself refuses a ballot once the box is closed, whoever appends it.
    const { store, pool } = platform.runtime;
    const ballot = (unitId: string) => ({
      type: 'BallotCast',
      data: {
        resolutionId,
        unitId,
        choice: 'for',
        channel: 'online',
        byOwner: true,
        castBy: userIds[residents[0]!],
        castAt: new Date().toISOString(),
      },
    });
    const unitId = randomUUID();
    await expect(
      store.append(`ballot-${resolutionId}-${unitId}`, 'no-stream', [ballot(unitId)]),
    ).rejects.toMatchObject({ code: '23V01' });
    const { rows } = await pool.query(
      `SELECT count(*)::int AS n FROM events WHERE type = 'BallotCast' AND data->>'resolutionId' = $1`,
      [resolutionId],
    );
    expect(rows[0]).toEqual({ n: accepted });
  });

  it('the close waits in the database for a ballot still being written, and refuses one after it', async () => {
    // Below the service: a ballot's transaction holds its resolution's lock (shared) until it
    // commits; VotingClosed takes it exclusively, so it waits; a ballot after it sees the close.
    const caseId = await caseInDeliberation({
      mechanism: 'neighbourhood-consultation',
      building: '11号楼',
      entrance: '1单元',
      parties: ['party-organisation', 'resident-representatives'],
      demandBy: owner(11, 1, ROOMS[0]!),
    });
    const resolutionId = await draft(caseId);
    const { store, pool } = platform.runtime;
    const stream = `resolution-${resolutionId}`;
    const ballot = (unitId: string) => ({
      resolutionId,
      unitId,
      choice: 'for',
      channel: 'online',
      byOwner: true,
      castBy: userIds[owner(11, 1, ROOMS[0]!)],
      castAt: new Date().toISOString(),
    });
    const writer = await pool.connect();
    try {
      await writer.query('BEGIN');
      const unitId = randomUUID();
      await writer.query(
        `SELECT append_event($1, 0, $2::uuid, 'BallotCast', 1, $3::jsonb, '{}'::jsonb)`,
        [`ballot-${resolutionId}-${unitId}`, randomUUID(), JSON.stringify(ballot(unitId))],
      );
      let closed = false;
      const version = (await store.streamVersion(stream))!;
      const closing = store
        .append(stream, version, [
          {
            type: 'VotingClosed',
            data: {
              resolutionId,
              closedAt: new Date().toISOString(),
              closedBy: userIds.shuji,
              trigger: 'secretary',
            },
          },
        ])
        .then(() => (closed = true));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(closed).toBe(false);
      await writer.query('COMMIT');
      await closing;
    } finally {
      writer.release();
    }
    const late = randomUUID();
    await expect(
      store.append(`ballot-${resolutionId}-${late}`, 'no-stream', [
        { type: 'BallotCast', data: ballot(late) },
      ]),
    ).rejects.toMatchObject({ code: '23V01' });
    const { rows } = await pool.query(
      `SELECT count(*)::int AS n FROM events WHERE type = 'BallotCast' AND data->>'resolutionId' = $1`,
      [resolutionId],
    );
    expect(rows[0]).toEqual({ n: 1 });
  });

  it('describes every new endpoint in the OpenAPI document, with request and response schemas', async () => {
    const doc = (await request(server).get('/docs-json').expect(200)).body as {
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: { content: Record<string, { schema: unknown }> };
            responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
          }
        >
      >;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    const routes: [string, string, boolean][] = [
      ['post', '/api/v1/cases/{caseId}/resolutions', true],
      ['get', '/api/v1/resolutions/{resolutionId}', false],
      ['post', '/api/v1/resolutions/{resolutionId}/ballots', true],
      ['post', '/api/v1/resolutions/{resolutionId}/close', false],
      ['get', '/api/v1/resolutions/{resolutionId}/tally', false],
      ['post', '/api/v1/cases/{caseId}/tasks', true],
      ['post', '/api/v1/tasks/{taskId}/progress', true],
      ['post', '/api/v1/tasks/{taskId}/complete', true],
      ['post', '/api/v1/tasks/{taskId}/reassign', true],
      ['post', '/api/v1/cases/{caseId}/evaluations', true],
    ];
    // A named schema (a $ref to components) for the JSON body and for the 2xx response.
    const named = (schema: unknown) => typeof (schema as { $ref?: unknown })?.$ref === 'string';
    for (const [method, path, hasBody] of routes) {
      const operation = doc.paths[path]?.[method];
      expect([method, path, operation !== undefined]).toEqual([method, path, true]);
      if (hasBody)
        expect([path, named(operation!.requestBody?.content['application/json']?.schema)]).toEqual([
          path,
          true,
        ]);
      const ok = Object.entries(operation!.responses).find(([status]) => status.startsWith('2'));
      expect([path, named(ok?.[1].content?.['application/json']?.schema)]).toEqual([path, true]);
    }
    expect(Object.keys(doc.components.schemas.TallyResponse?.properties ?? {})).toEqual(
      expect.arrayContaining([
        'rule',
        'matter',
        'electorate',
        'participated',
        'for',
        'against',
        'abstain',
        'thresholds',
        'passed',
        'explanation',
      ]),
    );
  });

  it('refuses bad input on every new endpoint with 400 and a code, and unknown ids with 404', async () => {
    const residents = ROOMS.slice(0, 2).map((r) => owner(10, 2, r));
    await signIn(...residents);
    const caseId = await caseInDeliberation({
      mechanism: 'neighbourhood-consultation',
      building: '10号楼',
      entrance: '2单元',
      parties: ['party-organisation', 'resident-representatives'],
      demandBy: residents[0]!,
    });
    const expect400 = (res: { status: number; body: unknown }, what: string) => {
      expect([what, res.status, errorCode(res.body)]).toEqual([what, 400, 'VALIDATION_FAILED']);
    };

    const good = {
      title: '决议',
      text: '全文',
      rule: 'simple-majority',
      matter: 'ordinary',
      closesAt: inAnHour(),
    };
    for (const [what, bad] of Object.entries({
      'no title': { ...good, title: undefined },
      'empty title': { ...good, title: '' },
      'title too long': { ...good, title: '议'.repeat(201) },
      'text too long': { ...good, text: 'x'.repeat(20_001) },
      'unknown rule': { ...good, rule: 'unanimous' },
      'unknown matter': { ...good, matter: 'huge' },
      'major by simple majority': { ...good, matter: 'major' },
      'closesAt not a time': { ...good, closesAt: 'tomorrow' },
      'closesAt past': { ...good, closesAt: new Date(Date.now() - 60_000).toISOString() },
      'closesAt in two years': {
        ...good,
        closesAt: new Date(Date.now() + 2 * 366 * 86_400_000).toISOString(),
      },
      'title a number': { ...good, title: 42 },
      'unknown field': { ...good, quorum: 0.5 },
    }))
      expect400(await as('shuji').post(`/cases/${caseId}/resolutions`, bad), `resolution: ${what}`);
    // A matter for Article 278 is accepted by the decider.
    const resolutionId = await draft(caseId);

    for (const [what, bad] of Object.entries({
      'no choice': {},
      'unknown choice': { choice: 'maybe' },
      'choice a number': { choice: 1 },
      'unitId not a uuid': { choice: 'for', unitId: '12-2-301' },
      'unknown field': { choice: 'for', channel: 'paper' },
    }))
      expect400(
        await as(residents[0]!).post(`/resolutions/${resolutionId}/ballots`, bad),
        `ballot: ${what}`,
      );
    const malformed = await as(residents[0]!)
      .post(`/resolutions/${resolutionId}/ballots`, '{"choice":')
      .set('Content-Type', 'application/json');
    expect(malformed.status).toBe(400);
    for (const path of ['', '/tally'])
      await as('shuji').get(`/resolutions/${randomUUID()}${path}`).expect(404);
    await as('shuji').post(`/resolutions/${randomUUID()}/close`).expect(404);
    await vote(residents[0]!, randomUUID(), 'for').expect(404);
    await as('shuji').get('/resolutions/not-a-uuid').expect(404);

    // Into follow-up, for tasks and evaluations.
    await vote(residents[0]!, resolutionId, 'for').expect(201);
    await as('shuji').post(`/resolutions/${resolutionId}/close`).expect(200);
    await waitFor(caseId, 'follow-up', (c) => c.stage === 'follow-up');

    const task = {
      title: '任务',
      description: '说明',
      assigneeParty: 'resident-representatives',
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    };
    for (const [what, bad] of Object.entries({
      'no title': { ...task, title: undefined },
      'title too long': { ...task, title: 'x'.repeat(201) },
      'description too long': { ...task, description: 'x'.repeat(5001) },
      'unknown party': { ...task, assigneeParty: 'street-office' },
      'dueAt not a time': { ...task, dueAt: 'next week' },
      'dueAt past': { ...task, dueAt: new Date(Date.now() - 60_000).toISOString() },
      'unknown field': { ...task, priority: 'high' },
    }))
      expect400(await as('shuji').post(`/cases/${caseId}/tasks`, bad), `task: ${what}`);
    const taskId = (
      (await as('shuji').post(`/cases/${caseId}/tasks`, task).expect(201)).body as { id: string }
    ).id;

    const evidence = (n: number) =>
      Array.from({ length: n }, (_, i) => `https://oss.example.cn/e/${i}.jpg`);
    const progress = { percent: 50, note: '进行中', evidence: evidence(20) };
    for (const [what, bad] of Object.entries({
      'percent over 100': { ...progress, percent: 101 },
      'percent negative': { ...progress, percent: -1 },
      'percent fractional': { ...progress, percent: 33.3 },
      'percent text': { ...progress, percent: 'half' },
      'no percent': { ...progress, percent: undefined },
      'no note': { ...progress, note: undefined },
      'note too long': { ...progress, note: 'x'.repeat(2001) },
      '21 evidence links': { ...progress, evidence: evidence(21) },
      'evidence not http': { ...progress, evidence: ['ftp://files.example.cn/a.jpg'] },
      'evidence not a url': { ...progress, evidence: ['照片'] },
      'evidence not a list': { ...progress, evidence: 'https://oss.example.cn/a.jpg' },
      'unknown field': { ...progress, photos: [] },
    }))
      expect400(
        await as('jumindaibiao').post(`/tasks/${taskId}/progress`, bad),
        `progress: ${what}`,
      );
    await as('jumindaibiao').post(`/tasks/${taskId}/progress`, progress).expect(201);
    for (const [what, bad] of Object.entries({
      'no note': {},
      'note a number': { note: 5 },
      'evidence not http': { note: '完成', evidence: ['javascript:alert(1)'] },
      'unknown field': { note: '完成', percent: 100 },
    }))
      expect400(
        await as('jumindaibiao').post(`/tasks/${taskId}/complete`, bad),
        `complete: ${what}`,
      );
    for (const [what, bad] of Object.entries({
      'no party': {},
      'unknown party': { assigneeParty: 'nobody' },
      'dueAt not a time': { assigneeParty: 'partner-units', dueAt: 'soon' },
      'reason too long': { assigneeParty: 'partner-units', reason: 'x'.repeat(2001) },
    }))
      expect400(await as('shuji').post(`/tasks/${taskId}/reassign`, bad), `reassign: ${what}`);
    await as('shuji').post(`/tasks/${randomUUID()}/complete`, { note: 'x' }).expect(404);
    await as('shuji')
      .post(`/tasks/${randomUUID()}/reassign`, { assigneeParty: 'partner-units' })
      .expect(404);
    await as('jumindaibiao').post(`/tasks/${taskId}/complete`, { note: '完成' }).expect(200);
    // A done task takes no more progress.
    const done = await as('jumindaibiao')
      .post(`/tasks/${taskId}/progress`, { percent: 100, note: 'x' })
      .expect(409);
    expect(errorCode(done.body)).toBe('WRONG_STAGE');

    for (const [what, bad] of Object.entries({
      'no rating': {},
      'unknown rating': { rating: 'great' },
      'comment too long': { rating: 'satisfied', comment: 'x'.repeat(2001) },
      'unitId not a uuid': { rating: 'satisfied', unitId: '10-2-101' },
      'unknown field': { rating: 'satisfied', stars: 5 },
    }))
      expect400(
        await as(residents[1]!).post(`/cases/${caseId}/evaluations`, bad),
        `evaluation: ${what}`,
      );
    await as(residents[1]!)
      .post(`/cases/${caseId}/evaluations`, { rating: 'satisfied' })
      .expect(201);
  });
});
