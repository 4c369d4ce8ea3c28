import { at, evaluated, rejection, Scenario, SETTINGS, types } from './case.fixtures';
import { type CaseCommand } from './commands';

const progress = (percent: number, taskId = 't1'): CaseCommand => ({
  type: 'ReportProgress',
  data: { taskId, percent, note: '施工中', evidence: ['https://example.com/1.jpg'] },
});

describe('AssignTask', () => {
  it('assigns a task to a party with a due date, in follow-up', () => {
    const s = Scenario.open().toFollowUp().wait(1);
    s.run({
      type: 'AssignTask',
      data: {
        taskId: 't1',
        title: '更换排水管',
        assigneeParty: 'property-company',
        dueAt: at(100),
      },
    });
    expect(s.case.tasks).toEqual([
      {
        id: 't1',
        title: '更换排水管',
        description: null,
        assigneeParty: 'property-company',
        dueAt: at(100),
        remindAt: at(76),
        status: 'open',
        percent: 0,
        assignedAt: s.now,
        assignedBy: 'secretary-1',
        completedAt: null,
        reports: [],
        reassignments: [],
      },
    ]);
  });

  it('is assigned only in follow-up', () => {
    const s = Scenario.open().toDeliberation();
    rejection(() => s.task('t1'), 'WRONG_STAGE');
  });

  it('refuses a due date that has passed, an unknown party, a duplicate id', () => {
    const s = Scenario.open().toFollowUp();
    const assign = (extra: object): CaseCommand => ({
      type: 'AssignTask',
      data: {
        taskId: 't1',
        title: 'x',
        assigneeParty: 'partner-units',
        dueAt: at(999),
        ...extra,
      },
    });
    rejection(() => s.try(assign({ dueAt: s.now })), 'VALIDATION_FAILED');
    rejection(() => s.try(assign({ assigneeParty: 'street-office' })), 'VALIDATION_FAILED');
    s.run(assign({}));
    rejection(() => s.try(assign({})), 'ALREADY_EXISTS');
  });

  it('is not assigned while residents are evaluating', () => {
    const s = Scenario.open().toEvaluation();
    const error = rejection(() => s.task('late'), 'WRONG_STAGE');
    expect(error.details).toEqual({ phase: 'evaluation' });
  });
});

describe('ReportProgress', () => {
  it('records progress with evidence, the latest percent shown on the task', () => {
    const s = Scenario.open().toFollowUp().task('t1').wait(2);
    s.run(progress(40), { actorId: 'pm-1' });
    s.run(progress(30));
    expect(s.case.tasks[0]?.percent).toBe(30);
    expect(s.case.tasks[0]?.reports[0]).toEqual({
      kind: 'progress',
      percent: 40,
      note: '施工中',
      evidence: ['https://example.com/1.jpg'],
      reportedAt: s.now,
      reportedBy: 'pm-1',
    });
  });

  it('takes 0 and 100 and refuses anything outside', () => {
    const s = Scenario.open().toFollowUp().task('t1');
    expect(types(s.try(progress(0)))).toEqual(['TaskProgressReported']);
    expect(types(s.try(progress(100)))).toEqual(['TaskProgressReported']);
    for (const percent of [-0.1, 100.5, NaN, Infinity]) {
      rejection(() => s.try(progress(percent)), 'VALIDATION_FAILED');
    }
    rejection(() => s.try(progress('50' as never)), 'VALIDATION_FAILED');
  });

  it('refuses an unknown task, a done task, evidence that is not text', () => {
    const s = Scenario.open().toFollowUp().task('t1').task('t2');
    rejection(() => s.try(progress(10, 'nope')), 'NOT_FOUND');
    s.complete('t1');
    rejection(() => s.try(progress(10, 't1')), 'WRONG_STAGE');
    const command = {
      type: 'ReportProgress',
      data: { taskId: 't2', percent: 1, note: 'x', evidence: [1] },
    };
    rejection(() => s.try(command as never), 'VALIDATION_FAILED');
  });
});

describe('CompleteTask', () => {
  it('marks the task done; the last one opens the evaluation window', () => {
    const s = Scenario.open().toFollowUp().acknowledge().task('t1').task('t2').wait(5);
    expect(types(s.complete('t1'))).toEqual(['TaskCompleted']);
    expect(s.case.evaluationWindow).toBeNull();
    const events = s.complete('t2');
    expect(types(events)).toEqual(['TaskCompleted', 'EvaluationOpened']);
    expect(events[1]).toEqual({
      type: 'EvaluationOpened',
      data: { round: 1, opensAt: s.now, endsAt: at(s.hours + SETTINGS.evaluationWindowHours) },
    });
    expect(s.case.tasks.map((t) => [t.status, t.percent, t.completedAt])).toEqual([
      ['done', 100, s.now],
      ['done', 100, s.now],
    ]);
  });

  it('says whether the task was done on time', () => {
    const s = Scenario.open().toFollowUp().task('t1').task('t2');
    const early = s.complete('t1')[0];
    expect(early?.type === 'TaskCompleted' && early.data.onTime).toBe(true);
    s.wait(241);
    const late = s.complete('t2')[0];
    expect(late?.type === 'TaskCompleted' && late.data.onTime).toBe(false);
  });

  it('changes nothing when repeated, and refuses an unknown task', () => {
    const s = Scenario.open().toFollowUp().task('t1');
    s.complete('t1');
    expect(s.complete('t1')).toEqual([]);
    rejection(() => s.complete('t9'), 'NOT_FOUND');
  });
});

describe('ReassignTask', () => {
  const reassign = (extra: object = {}): CaseCommand => ({
    type: 'ReassignTask',
    data: { taskId: 't1', assigneeParty: 'partner-units', reason: '需专业施工', ...extra },
  });

  it('moves the task to another party, keeping the history', () => {
    const s = Scenario.open().toFollowUp().task('t1');
    s.run(reassign({ dueAt: at(s.hours + 500) }));
    expect(s.case.tasks[0]).toMatchObject({
      assigneeParty: 'partner-units',
      dueAt: at(s.hours + 500),
    });
    expect(s.case.tasks[0]?.reassignments).toEqual([
      {
        from: 'property-company',
        to: 'partner-units',
        dueAt: at(s.hours + 500),
        reason: '需专业施工',
        reassignedAt: s.now,
        reassignedBy: 'secretary-1',
      },
    ]);
  });

  it('changes nothing for the same party and date; a new date alone is a change', () => {
    const s = Scenario.open().toFollowUp().task('t1');
    expect(s.try(reassign({ assigneeParty: 'property-company' }))).toEqual([]);
    expect(
      types(s.try(reassign({ assigneeParty: 'property-company', dueAt: at(s.hours + 1) }))),
    ).toEqual(['TaskReassigned']);
  });

  it('refuses a done task and a due date that has passed', () => {
    const s = Scenario.open().toFollowUp().task('t1').task('t2');
    rejection(() => s.try(reassign({ dueAt: s.now })), 'VALIDATION_FAILED');
    s.complete('t1');
    rejection(() => s.try(reassign()), 'WRONG_STAGE');
  });
});

describe('CloseCase and ReopenCase', () => {
  it('withdraws a case at any stage, with or without a reason', () => {
    const s = Scenario.open().toAnalysis().wait(1);
    s.run({ type: 'CloseCase', data: { outcome: 'withdrawn' } });
    expect(s.case).toMatchObject({
      status: 'closed',
      stage: 'analysis',
      closedAt: s.now,
      closure: { outcome: 'withdrawn', reason: null },
    });
    expect(s.case.stageHistory.at(-1)?.leftAt).toBe(s.now);
  });

  it('closes unresolved only with a reason, and never resolved by hand', () => {
    const s = Scenario.open();
    rejection(
      () => s.try({ type: 'CloseCase', data: { outcome: 'unresolved' } }),
      'VALIDATION_FAILED',
    );
    rejection(
      () => s.try({ type: 'CloseCase', data: { outcome: 'unresolved', reason: ' ' } }),
      'VALIDATION_FAILED',
    );
    rejection(
      () => s.try({ type: 'CloseCase', data: { outcome: 'resolved' } } as never),
      'VALIDATION_FAILED',
    );
    s.run({ type: 'CloseCase', data: { outcome: 'unresolved', reason: '超出社区职权' } });
    expect(s.case.closure).toEqual({ outcome: 'unresolved', reason: '超出社区职权' });
  });

  it('accepts nothing on a closed case but a reopen', () => {
    const s = Scenario.open().toEvaluation();
    s.run({ type: 'CloseCase', data: { outcome: 'withdrawn', reason: '居民撤回' } });
    const refused: CaseCommand[] = [
      { type: 'SubmitDemand', data: { demandId: 'd', content: 'x', source: 'online' } },
      { type: 'Acknowledge', data: { party: 'owners-committee', stage: 'follow-up' } },
      { type: 'PostOpinion', data: { opinionId: 'o', content: 'x' } },
      { type: 'RequestAdvance', data: { to: 'closed' } },
      { type: 'CompleteTask', data: { taskId: 'task-main', note: 'x' } },
      { type: 'Evaluate', data: { unitId: 'u1', rating: 'satisfied' } },
      { type: 'EscalateParty', data: { party: 'owners-committee', stage: 'follow-up' } },
      { type: 'CloseCase', data: { outcome: 'withdrawn' } },
    ];
    for (const command of refused) rejection(() => s.try(command), 'WRONG_STAGE');
    expect(s.try({ type: 'EvaluateAdvance', data: { to: 'closed' } })).toEqual([]);
  });

  it('reopens a closed follow-up into a new round; the parties acknowledge again', () => {
    const s = evaluated(['satisfied']);
    s.advance(1);
    expect(s.case.closure?.outcome).toBe('resolved');
    s.wait(100);
    const events = s.run({ type: 'ReopenCase', data: { reason: '排水管再次堵塞' } });
    expect(types(events)).toEqual(['CaseReopened', 'StageEntered']);
    expect(events[1]).toMatchObject({
      data: { stage: 'follow-up', cause: 'reopened', enteredAt: s.now },
    });
    expect(s.case).toMatchObject({
      status: 'open',
      stage: 'follow-up',
      closedAt: null,
      closure: null,
      evaluationRound: 2,
      evaluationWindow: null,
      evaluations: [],
    });
    expect(s.case.evaluationResults).toHaveLength(1);
    expect(s.case.tasks).toHaveLength(1);
  });

  it('reopens a case in the stage it was closed in', () => {
    const s = Scenario.open().demand();
    s.run({ type: 'CloseCase', data: { outcome: 'withdrawn' } });
    s.run({ type: 'ReopenCase', data: { reason: '居民再次反映' } });
    expect(s.case).toMatchObject({ status: 'open', stage: 'gathering', evaluationRound: 1 });
    expect(s.case.stageHistory.map((e) => e.cause)).toEqual(['opened', 'reopened']);
  });

  it('reopens only a closed case, and only with a reason', () => {
    const s = Scenario.open();
    rejection(() => s.try({ type: 'ReopenCase', data: { reason: 'x' } }), 'WRONG_STAGE');
    s.run({ type: 'CloseCase', data: { outcome: 'withdrawn' } });
    rejection(() => s.try({ type: 'ReopenCase', data: { reason: '' } }), 'VALIDATION_FAILED');
  });
});
