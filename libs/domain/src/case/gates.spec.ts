import { formatChineseTime } from '../calendar/time';
import { at, rejection, Scenario, SETTINGS, types } from './case.fixtures';
import { evolve } from './evolve';
import { gate, nextTarget } from './gates';
import { PARTIES, STAGES, type Unmet } from './types';

const conditions = (unmet: readonly Unmet[]) => unmet.map((u) => u.condition);

describe('gate: every gate needs each required party', () => {
  it('lists each required party that neither acknowledged nor was escalated, in Chinese', () => {
    const s = Scenario.open().demand().acknowledge(['party-organisation', 'partner-units']);
    expect(gate(s.case, 'analysis', s.now)).toEqual([
      {
        condition: 'acknowledgement',
        message: '业主委员会尚未签收“了解诉求”阶段',
        party: 'owners-committee',
        stage: 'gathering',
      },
      {
        condition: 'acknowledgement',
        message: '物业服务企业尚未签收“了解诉求”阶段',
        party: 'property-company',
        stage: 'gathering',
      },
      {
        condition: 'acknowledgement',
        message: '居民代表尚未签收“了解诉求”阶段',
        party: 'resident-representatives',
        stage: 'gathering',
      },
    ]);
  });

  it('counts only acknowledgements of the current entry of the stage', () => {
    const s = Scenario.open().toDeliberation().acknowledge().meet();
    s.resolve(false);
    s.analyse().wait(72);
    expect(s.case.parties.every((p) => p.acknowledgedStages.includes('analysis'))).toBe(true);
    expect(gate(s.case, 'deliberation', s.now)).toHaveLength(PARTIES.length);
  });
});

describe('gate: gathering → analysis', () => {
  it('needs at least one demand', () => {
    const s = Scenario.open().acknowledge();
    expect(gate(s.case, 'analysis', s.now)).toEqual([
      { condition: 'demands', message: '尚无诉求：至少需要一条诉求' },
    ]);
    s.demand();
    expect(gate(s.case, 'analysis', s.now)).toEqual([]);
  });
});

describe('gate: analysis → deliberation', () => {
  it('needs an analysis: no lead party, no option, no notice', () => {
    const s = Scenario.open().toAnalysis().acknowledge();
    expect(gate(s.case, 'deliberation', s.now)).toEqual([
      { condition: 'lead-party', message: '尚未记录分析研判，未确定牵头方' },
      { condition: 'options', message: '尚未拟定方案：至少需要一个方案' },
      { condition: 'notice-period', message: '尚未发布议事公告' },
    ]);
  });

  it('needs the notice period to have passed, and holds from its last instant', () => {
    const s = Scenario.open().toAnalysis().acknowledge().analyse();
    const until = at(s.hours + 72);
    expect(gate(s.case, 'deliberation', at(s.hours + 71.99))).toEqual([
      {
        condition: 'notice-period',
        message: `公告期未满，${formatChineseTime(until)} 后方可进入议事会商`,
        until,
      },
    ]);
    expect(gate(s.case, 'deliberation', until)).toEqual([]);
  });

  it('writes the time in a message as China Standard Time in Chinese, never as ISO', () => {
    const s = Scenario.open().toAnalysis().acknowledge().analyse();
    const [unmet] = gate(s.case, 'deliberation', at(s.hours + 1));
    expect(unmet?.message).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(unmet?.message).toMatch(/^公告期未满，2025年3月\d{1,2}日 \d\d:\d\d 后方可进入议事会商$/);
  });

  it('takes a notice period of zero hours', () => {
    const s = Scenario.open('five-party-hall', { settings: { ...SETTINGS, noticePeriodHours: 0 } });
    s.toAnalysis().acknowledge().analyse();
    expect(gate(s.case, 'deliberation', s.now)).toEqual([]);
  });
});

describe('gate: deliberation → follow-up', () => {
  it('needs a meeting and a passed resolution', () => {
    const s = Scenario.open().toDeliberation().acknowledge();
    expect(gate(s.case, 'follow-up', s.now)).toEqual([
      { condition: 'meeting', message: '尚未记录议事会', missingParties: [...PARTIES] },
      { condition: 'resolution-passed', message: '尚无表决通过的决议' },
    ]);
  });

  it('needs every required party present at one meeting, an empty attendee list being absent', () => {
    const s = Scenario.open().toDeliberation().acknowledge();
    s.meet(['party-organisation', 'owners-committee', 'property-company'], 'm1');
    s.run({
      type: 'RecordMeeting',
      data: {
        meetingId: 'm2',
        heldAt: s.now,
        place: '议事厅',
        attendance: [
          { party: 'party-organisation', attendees: ['a'] },
          { party: 'owners-committee', attendees: ['b'] },
          { party: 'property-company', attendees: ['c'] },
          { party: 'resident-representatives', attendees: ['d'] },
          { party: 'partner-units', attendees: [] },
        ],
        minutes: '纪要',
      },
    });
    s.resolve(true);
    expect(gate(s.case, 'follow-up', s.now)).toEqual([
      {
        condition: 'meeting',
        message: '尚无各必需方均出席的议事会，缺席：共建单位',
        missingParties: ['partner-units'],
      },
    ]);
    s.meet(PARTIES, 'm3');
    expect(gate(s.case, 'follow-up', s.now)).toEqual([]);
  });

  it('asks a consultation only for its required parties', () => {
    const s = Scenario.open('neighbourhood-consultation', { involvedParties: ['partner-units'] });
    s.toDeliberation().acknowledge();
    s.meet(['party-organisation', 'resident-representatives']);
    s.resolve(true);
    expect(gate(s.case, 'follow-up', s.now)).toEqual([
      {
        condition: 'meeting',
        message: '尚无各必需方均出席的议事会，缺席：共建单位',
        missingParties: ['partner-units'],
      },
    ]);
    s.meet(['party-organisation', 'resident-representatives', 'partner-units']);
    expect(gate(s.case, 'follow-up', s.now)).toEqual([]);
  });

  it('waits for an open vote to finish', () => {
    const s = Scenario.open().toDeliberation().acknowledge().meet();
    s.resolve(true);
    s.run({
      type: 'DraftResolution',
      data: {
        resolutionId: 'r2',
        title: '补充决议',
        text: '正文',
        rule: 'simple-majority',
        matter: 'ordinary',
        closesAt: at(s.hours + 1),
      },
    });
    expect(gate(s.case, 'follow-up', s.now)).toEqual([
      { condition: 'resolution-open', message: '仍有决议在表决中，须待表决结束' },
    ]);
  });
});

describe('gate: follow-up → closed', () => {
  it('needs tasks, all done, and the evaluation', () => {
    const s = Scenario.open().toFollowUp().acknowledge();
    expect(conditions(gate(s.case, 'closed', s.now))).toEqual(['tasks-assigned', 'evaluation']);
    s.task('t1').task('t2').complete('t1');
    expect(gate(s.case, 'closed', s.now, { unitsInScope: 10 })).toEqual([
      { condition: 'tasks-done', message: '尚有 1 项任务未完成', taskIds: ['t2'] },
      {
        condition: 'evaluation',
        message: '居民评价尚未开始（任务全部完成后开始）',
        evaluated: 0,
        unitsInScope: 10,
      },
    ]);
  });

  it('needs the window to be over, or every unit in scope to have evaluated', () => {
    const s = Scenario.open().toEvaluation().evaluate('u1', 'satisfied');
    const endsAt = at(s.hours + SETTINGS.evaluationWindowHours);
    expect(gate(s.case, 'closed', s.now, { unitsInScope: 2 })).toEqual([
      {
        condition: 'evaluation',
        message: `评价期未结束（${formatChineseTime(endsAt)}结束），已评价 1 户，共 2 户`,
        until: endsAt,
        evaluated: 1,
        unitsInScope: 2,
      },
    ]);
    expect(gate(s.case, 'closed', s.now)[0]?.message).toBe(
      `评价期未结束（${formatChineseTime(endsAt)}结束），已评价 1 户`,
    );
    expect(gate(s.case, 'closed', s.now, { unitsInScope: 1 })).toEqual([]);
    expect(gate(s.case, 'closed', endsAt)).toEqual([]);
  });

  it('never treats a scope of no units as everyone evaluated', () => {
    const s = Scenario.open().toEvaluation();
    expect(conditions(gate(s.case, 'closed', s.now, { unitsInScope: 0 }))).toEqual(['evaluation']);
  });

  it('refuses a unit count that is not a whole number', () => {
    const s = Scenario.open().toEvaluation();
    for (const unitsInScope of [-1, 1.5, NaN]) {
      rejection(() => gate(s.case, 'closed', s.now, { unitsInScope }), 'VALIDATION_FAILED');
    }
  });
});

describe('gate: the target', () => {
  it('is only the next step', () => {
    const s = Scenario.open();
    for (const to of [...STAGES, 'closed'] as const) {
      if (to === 'analysis') continue;
      rejection(() => gate(s.case, to, s.now), 'WRONG_STAGE');
    }
    expect(STAGES.map((stage) => nextTarget(stage))).toEqual([
      'analysis',
      'deliberation',
      'follow-up',
      'closed',
    ]);
  });

  it('is none for a closed case', () => {
    const s = Scenario.open();
    s.run({ type: 'CloseCase', data: { outcome: 'withdrawn' } });
    rejection(() => gate(s.case, 'analysis', s.now), 'WRONG_STAGE');
  });
});

describe('RequestAdvance', () => {
  it('records the request for the queue', () => {
    const s = Scenario.open();
    expect(s.run({ type: 'RequestAdvance', data: { to: 'analysis' } })).toEqual([
      {
        type: 'AdvanceRequested',
        data: { from: 'gathering', to: 'analysis', requestedAt: at(0), requestedBy: 'secretary-1' },
      },
    ]);
    expect(s.case.advanceRequest).toEqual({
      to: 'analysis',
      requestedAt: at(0),
      requestedBy: 'secretary-1',
    });
  });

  it('moves only to the next stage', () => {
    const s = Scenario.open().toAnalysis();
    for (const to of ['gathering', 'analysis', 'follow-up', 'closed'] as const) {
      rejection(() => s.try({ type: 'RequestAdvance', data: { to } }), 'WRONG_STAGE');
    }
    rejection(
      () => s.try({ type: 'RequestAdvance', data: { to: 'done' } } as never),
      'VALIDATION_FAILED',
    );
  });
});

describe('EvaluateAdvance', () => {
  it('rejects with the unmet conditions, and the case shows them', () => {
    const s = Scenario.open();
    s.run({ type: 'RequestAdvance', data: { to: 'analysis' } });
    const events = s.run({ type: 'EvaluateAdvance', data: { to: 'analysis' } });
    expect(types(events)).toEqual(['StageAdvanceRejected']);
    const unmet = gate(s.case, 'analysis', s.now);
    expect(events[0]).toEqual({
      type: 'StageAdvanceRejected',
      data: { from: 'gathering', to: 'analysis', unmet, rejectedAt: s.now },
    });
    expect(s.case.stage).toBe('gathering');
    expect(s.case.advanceRequest).toBeNull();
    expect(s.case.lastAdvanceRejection).toEqual({ to: 'analysis', unmet, rejectedAt: s.now });
  });

  it('advances when the gate holds and enters the stage with new deadlines', () => {
    const s = Scenario.open().demand().acknowledge().wait(3);
    const events = s.run({ type: 'EvaluateAdvance', data: { to: 'analysis' } });
    expect(events).toEqual([
      { type: 'StageAdvanced', data: { from: 'gathering', to: 'analysis', advancedAt: at(3) } },
      {
        type: 'StageEntered',
        data: {
          stage: 'analysis',
          entry: 2,
          cause: 'advanced',
          enteredAt: at(3),
          settings: SETTINGS,
          deadlines: PARTIES.map((party) => ({ party, deadline: at(51), remindAt: at(39) })),
        },
      },
    ]);
    expect(s.case.stageHistory).toEqual([
      { stage: 'gathering', entry: 1, cause: 'opened', enteredAt: at(0), leftAt: at(3) },
      { stage: 'analysis', entry: 2, cause: 'advanced', enteredAt: at(3), leftAt: null },
    ]);
    expect(s.case.lastAdvanceRejection).toBeNull();
  });

  it('applies settings carried by the command to the stage it enters', () => {
    const s = Scenario.open().demand().acknowledge();
    const settings = { ...SETTINGS, acknowledgementHours: 2, reminderBeforeHours: 1 };
    s.run({ type: 'EvaluateAdvance', data: { to: 'analysis', settings } });
    expect(s.case.settings).toEqual(settings);
    expect(s.case.parties[0]?.stages[1]).toMatchObject({ deadline: at(2), remindAt: at(1) });
    const bad = { ...SETTINGS, acknowledgementHours: -2 };
    rejection(
      () => s.try({ type: 'EvaluateAdvance', data: { to: 'deliberation', settings: bad } }),
      'VALIDATION_FAILED',
    );
  });

  it('changes nothing when the case is already in the stage (a retried job)', () => {
    const s = Scenario.open().toAnalysis();
    expect(s.try({ type: 'EvaluateAdvance', data: { to: 'analysis' } })).toEqual([]);
    rejection(() => s.try({ type: 'EvaluateAdvance', data: { to: 'follow-up' } }), 'WRONG_STAGE');
  });
});

describe('a refusal recorded before times were written for people', () => {
  it('reads its ISO instants in China Standard Time, Chinese form', () => {
    const s = Scenario.open().demand();
    const folded = evolve(s.state, {
      type: 'StageAdvanceRejected',
      data: {
        from: 'gathering',
        to: 'analysis',
        unmet: [
          {
            condition: 'notice-period',
            message: '公告期未满，2026-12-10T00:12:47.193Z 后方可进入议事会商',
            until: '2026-12-10T00:12:47.193Z',
          },
        ],
        rejectedAt: s.now,
      },
    });
    expect(folded?.lastAdvanceRejection?.unmet).toEqual([
      {
        condition: 'notice-period',
        message: '公告期未满，2026年12月10日 08:12 后方可进入议事会商',
        until: '2026-12-10T00:12:47.193Z',
      },
    ]);
  });
});
