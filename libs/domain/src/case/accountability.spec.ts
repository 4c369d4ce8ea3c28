import { at, rejection, Scenario, SETTINGS, types } from './case.fixtures';
import { acknowledgementTimes } from './decide-support';
import { type Rating } from './types';

/*
 * Issue 6 in the decider: working-day deadlines, overdue tasks escalated (吹哨), a failed evaluation
 * escalating the responsible parties, and the secretary's rating of each escalation (一哨一评).
 */

function reopened(): Scenario {
  const s = Scenario.open().toFollowUp().acknowledge();
  s.task('t1', 'property-company').task('t2', 'partner-units');
  s.complete('t1');
  s.complete('t2');
  const ratings: Rating[] = ['satisfied', 'dissatisfied', 'dissatisfied'];
  ratings.forEach((r, i) => s.evaluate(`u${i}`, r));
  s.wait(SETTINGS.evaluationWindowHours);
  return s;
}

describe('a failed evaluation escalates the parties that did the tasks', () => {
  it('reopens follow-up and escalates each assignee party once, after the new entry', () => {
    const s = reopened();
    const events = s.advance(3);
    expect(types(events)).toEqual([
      'EvaluationConcluded',
      'CaseReopened',
      'StageEntered',
      'FollowUpEscalated',
      'FollowUpEscalated',
    ]);
    const entry = s.case.stageHistory.at(-1)?.entry;
    expect(events[3]).toEqual({
      type: 'FollowUpEscalated',
      data: {
        escalationId: 'eval_1_property-company',
        cause: 'evaluation',
        party: 'property-company',
        entry,
        taskId: null,
        round: 1,
        reason: '居民评价未通过：满意率 1/3 未达到 2/3',
        deadline: at(s.hours),
        escalatedAt: s.now,
      },
    });
    expect(s.case.escalations.map((e) => [e.id, e.cause, e.party])).toEqual([
      ['eval_1_property-company', 'evaluation', 'property-company'],
      ['eval_1_partner-units', 'evaluation', 'partner-units'],
    ]);
    expect(s.case).toMatchObject({ status: 'open', stage: 'follow-up', evaluationRound: 2 });
  });

  it('does not escalate when the case closes resolved or unevaluated', () => {
    const resolved = Scenario.open().toEvaluation();
    resolved.evaluate('u1', 'basically-satisfied').wait(SETTINGS.evaluationWindowHours);
    expect(types(resolved.advance(1))).toEqual(['EvaluationConcluded', 'CaseClosed']);
    expect(resolved.case.closure?.outcome).toBe('resolved');
    expect(resolved.case.escalations).toEqual([]);

    const silent = Scenario.open().toEvaluation().wait(SETTINGS.evaluationWindowHours);
    expect(types(silent.advance())).toEqual(['EvaluationConcluded', 'CaseClosed']);
    expect(silent.case.closure).toEqual({ outcome: 'unevaluated', reason: null });
    expect(silent.case.escalations).toEqual([]);
  });
});

describe('EscalateTask (an overdue task, sent by the queue)', () => {
  it('escalates the assignee at the due date, once', () => {
    const s = Scenario.open().toFollowUp().acknowledge().task('t1', 'property-company');
    rejection(() => s.run({ type: 'EscalateTask', data: { taskId: 't1' } }), 'VALIDATION_FAILED');
    s.wait(240);
    const events = s.run({ type: 'EscalateTask', data: { taskId: 't1', revision: 1 } });
    expect(events).toEqual([
      {
        type: 'FollowUpEscalated',
        data: expect.objectContaining({
          escalationId: 'task_t1_1',
          cause: 'task-overdue',
          party: 'property-company',
          taskId: 't1',
          deadline: s.case.tasks[0]?.dueAt,
          reason: '任务“更换排水管”逾期未完成',
        }) as unknown,
      },
    ]);
    expect(s.run({ type: 'EscalateTask', data: { taskId: 't1', revision: 1 } })).toEqual([]);
  });

  it('does nothing for a done task or a timer set for an earlier due date', () => {
    const s = Scenario.open().toFollowUp().acknowledge().task('t1').task('t2');
    s.complete('t1');
    s.run({
      type: 'ReassignTask',
      data: { taskId: 't2', assigneeParty: 'partner-units', dueAt: at(s.hours + 500) },
    });
    s.wait(300);
    expect(s.run({ type: 'EscalateTask', data: { taskId: 't1' } })).toEqual([]);
    expect(s.run({ type: 'EscalateTask', data: { taskId: 't2', revision: 1 } })).toEqual([]);
    rejection(
      () => s.run({ type: 'EscalateTask', data: { taskId: 't2', revision: 2 } }),
      'VALIDATION_FAILED',
    );
  });

  it('moves the reminder with a reassignment: the setting`s hours before the new due date', () => {
    const s = Scenario.open().toFollowUp().acknowledge().task('t1');
    const due = at(s.hours + 100);
    s.run({
      type: 'ReassignTask',
      data: { taskId: 't1', assigneeParty: 'partner-units', dueAt: due },
    });
    expect(s.case.tasks[0]).toMatchObject({ dueAt: due, remindAt: at(s.hours + 76) });
  });
});

describe('RateEscalation (一哨一评)', () => {
  it('rates each escalation once, also after the case closed', () => {
    const s = reopened();
    s.advance(3);
    s.run({
      type: 'CloseCase',
      data: { outcome: 'unresolved', reason: '居民仍不满意，转街道处理' },
    });
    s.run({
      type: 'RateEscalation',
      data: {
        escalationId: 'eval_1_property-company',
        rating: 'basically-satisfied',
        comment: '响应及时',
      },
    });
    expect(s.case.escalations[0]?.rating).toEqual({
      rating: 'basically-satisfied',
      comment: '响应及时',
      ratedAt: s.now,
      ratedBy: 'secretary-1',
    });
    rejection(
      () =>
        s.run({
          type: 'RateEscalation',
          data: { escalationId: 'eval_1_property-company', rating: 'satisfied' },
        }),
      'ALREADY_EXISTS',
    );
    rejection(
      () => s.run({ type: 'RateEscalation', data: { escalationId: 'nope', rating: 'satisfied' } }),
      'NOT_FOUND',
    );
    rejection(
      () =>
        s.run({
          type: 'RateEscalation',
          data: { escalationId: 'eval_1_partner-units', rating: 'great' as Rating },
        }),
      'VALIDATION_FAILED',
    );
  });

  it('lists acknowledgement escalations too, with a stable id', () => {
    const s = Scenario.open();
    s.wait(SETTINGS.acknowledgementHours);
    s.run({ type: 'EscalateParty', data: { party: 'property-company', stage: 'gathering' } });
    expect(s.case.escalations).toEqual([
      expect.objectContaining({
        id: 'ack_1_property-company',
        cause: 'acknowledgement',
        stage: 'gathering',
        rating: null,
      }),
    ]);
  });
});

describe('working-day deadlines', () => {
  const iso = (s: string) => ({ ms: Date.parse(s), iso: new Date(s).toISOString() });

  it('counts acknowledgement days over National Day 2025 and the 调休 Saturday', () => {
    // Sunday 28 September 2025 is a 调休 working day; 1 to 8 October are off.
    const now = iso('2025-09-26T09:30:00+08:00');
    const { deadline, remindAt } = acknowledgementTimes(now, {
      ...SETTINGS,
      acknowledgementWorkingDays: 4,
      reminderBeforeWorkingDays: 1,
    });
    expect(new Date(deadline).toISOString()).toBe('2025-10-09T01:30:00.000Z');
    expect(new Date(remindAt).toISOString()).toBe('2025-09-30T01:30:00.000Z');
  });

  it('uses hours when no working days are set, and reminds hours before a working-day deadline', () => {
    const now = iso('2025-09-26T09:30:00+08:00');
    expect(acknowledgementTimes(now, SETTINGS)).toEqual({
      deadline: now.ms + 48 * 3_600_000,
      remindAt: now.ms + 36 * 3_600_000,
    });
    const { deadline, remindAt } = acknowledgementTimes(now, {
      ...SETTINGS,
      acknowledgementWorkingDays: 2,
    });
    expect(new Date(deadline).toISOString()).toBe('2025-09-29T01:30:00.000Z');
    expect(remindAt).toBe(deadline - 12 * 3_600_000);
  });

  it('gives a task due in working days, over a weekend, and refuses both forms or a fraction', () => {
    const s = Scenario.open().toFollowUp().acknowledge();
    // Now is Tuesday 4 March 2025 08:00 in Shanghai: five working days is the next Tuesday 08:00.
    expect(s.now).toBe('2025-03-04T00:00:00.000Z');
    s.run({
      type: 'AssignTask',
      data: { taskId: 't1', title: '疏通', assigneeParty: 'property-company', dueInWorkingDays: 5 },
    });
    const task = s.case.tasks[0];
    expect(task).toMatchObject({
      dueAt: '2025-03-11T00:00:00.000Z',
      remindAt: '2025-03-10T00:00:00.000Z',
    });
    rejection(
      () =>
        s.run({
          type: 'AssignTask',
          data: {
            taskId: 't2',
            title: '疏通',
            assigneeParty: 'property-company',
            dueAt: at(s.hours + 10),
            dueInWorkingDays: 2,
          },
        }),
      'VALIDATION_FAILED',
    );
    rejection(
      () =>
        s.run({
          type: 'AssignTask',
          data: {
            taskId: 't3',
            title: '疏通',
            assigneeParty: 'property-company',
            dueInWorkingDays: 1.5,
          },
        }),
      'VALIDATION_FAILED',
    );
  });
});
