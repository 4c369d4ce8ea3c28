import { randomUUID } from 'node:crypto';
import { PARTY_ACCOUNTS } from './support/api';
import { until } from './support/wait';
import {
  ALL_PARTIES,
  owner,
  type Party,
  ROOMS,
  type Tally,
  useVotingPlatform,
} from './support/voting-platform';

/*
 * Issue 4, point 7 over HTTP on the whole platform (real PostgreSQL and Redis, the queue moving the
 * case): resolutions and the simple ballot box, tasks, evaluations, and a case from opening to
 * closed in both mechanisms; a failed vote, closed by the queue at closesAt, returns the case to
 * analysis.
 */

describe('voting, tasks and evaluations over HTTP: cases from opening to closed', () => {
  const voting = useVotingPlatform('voting');
  const {
    as,
    signIn,
    view,
    waitFor,
    acknowledge,
    errorCode,
    unitIds,
    settings,
    inAnHour,
    caseInDeliberation,
    draft,
    vote,
  } = voting;

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
    // A fourth unit of the 12 answers: 4/12 reaches the minimum response (3/10).
    await as(voters[3]!).post(`/cases/${caseId}/evaluations`, { rating: 'satisfied' }).expect(201);

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
    expect(done.evaluations.items).toHaveLength(4);

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
});
