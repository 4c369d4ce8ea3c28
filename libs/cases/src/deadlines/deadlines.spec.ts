import {
  advanceRule,
  decide,
  evolve,
  PARTIES,
  type Case,
  type CaseCommand,
  type CaseEvent,
  type CaseSettings,
  type CaseState,
  type Mechanism,
  type Party,
  type StageEntered,
} from '@yishi/domain';
import {
  awaitingAcknowledgement,
  currentDeadlines,
  deadlineTimerJobId,
  deadlineRows,
  wantedTimers,
} from './deadlines';

/** The reconciler's reading of the advance rule: the units in scope unknown. */
const mayAdvance = (state: Case, now: string): boolean =>
  advanceRule(state, now)?.mayBeDue === true;

const CASE_ID = '0b5a3c9e-1f7d-4c1e-9a57-6d1f2e3c4b5a';
const T0 = Date.UTC(2026, 2, 2, 1, 0, 0);
const at = (hours: number) => new Date(T0 + hours * 3_600_000).toISOString();

const SETTINGS: CaseSettings = {
  acknowledgementHours: 48,
  reminderBeforeHours: 12,
  noticePeriodHours: 72,
  evaluationWindowHours: 168,
  satisfactionThreshold: { numerator: 2, denominator: 3 },
};

/** A case driven by the decider, with a clock in hours since T0. */
class Story {
  state: CaseState = null;
  readonly events: CaseEvent[] = [];
  constructor(mechanism: Mechanism) {
    this.run(0, {
      type: 'OpenCase',
      data: {
        caseId: CASE_ID,
        communityId: 'c0a80101-0000-4000-8000-000000000001',
        mechanism,
        title: '12号楼2单元下水道反复堵塞',
        description: '',
        category: '设施维修',
        scope: { estate: '金泰和庄', building: '12号楼', entrance: '2单元' },
        settings: SETTINGS,
      },
    });
  }
  get case(): Case {
    if (this.state === null) throw new Error('no case');
    return this.state;
  }
  run(hours: number, command: CaseCommand, party?: Party): CaseEvent[] {
    const events = decide(command, this.state, {
      now: at(hours),
      actorId: 'u-1',
      ...(party === undefined ? {} : { party }),
    });
    for (const e of events) this.state = evolve(this.state, e);
    this.events.push(...events);
    return events;
  }
  acknowledge(hours: number, parties: readonly Party[]): this {
    for (const party of parties)
      this.run(hours, { type: 'Acknowledge', data: { party, stage: this.case.stage } }, party);
    return this;
  }
  lastEntered(): StageEntered['data'] {
    const e = this.events.filter((x): x is StageEntered => x.type === 'StageEntered').at(-1);
    if (e === undefined) throw new Error('no StageEntered');
    return e.data;
  }
}

describe('deadline rows of a stage entry', () => {
  it('a five-party case: a reminder at remindAt and an escalation at the deadline per party', () => {
    const story = new Story('five-party-hall');
    const rows = deadlineRows(CASE_ID, story.lastEntered(), story.state);
    expect(rows).toHaveLength(10);
    for (const party of PARTIES) {
      expect(rows.filter((r) => r.party === party)).toEqual([
        {
          caseId: CASE_ID,
          entry: 1,
          stage: 'gathering',
          party,
          kind: 'reminder',
          dueAt: at(36),
          deadline: at(48),
          status: 'pending',
        },
        {
          caseId: CASE_ID,
          entry: 1,
          stage: 'gathering',
          party,
          kind: 'escalation',
          dueAt: at(48),
          deadline: at(48),
          status: 'pending',
        },
      ]);
    }
  });

  it('a neighbourhood consultation: only the required parties have deadlines', () => {
    const story = new Story('neighbourhood-consultation');
    const rows = deadlineRows(CASE_ID, story.lastEntered(), story.state);
    expect([...new Set(rows.map((r) => r.party))]).toEqual([
      'party-organisation',
      'resident-representatives',
    ]);
    expect(rows).toHaveLength(4);
  });

  it('a party that acknowledged before the reaction ran gets its rows cancelled', () => {
    const story = new Story('five-party-hall').acknowledge(1, ['property-company']);
    const rows = deadlineRows(CASE_ID, story.lastEntered(), story.state);
    expect(rows.filter((r) => r.status === 'cancelled').map((r) => [r.party, r.kind])).toEqual([
      ['property-company', 'reminder'],
      ['property-company', 'escalation'],
    ]);
    expect(rows.filter((r) => r.status === 'pending')).toHaveLength(8);
  });

  it('an entry the case has left, or a closed case, gives cancelled rows only', () => {
    const story = new Story('five-party-hall');
    const first = story.lastEntered();
    story.run(1, {
      type: 'SubmitDemand',
      data: { demandId: 'd-1', content: '下水道又堵了', source: 'online' },
    });
    story.acknowledge(2, PARTIES);
    story.run(3, { type: 'RequestAdvance', data: { to: 'analysis' } });
    story.run(3, { type: 'EvaluateAdvance', data: { to: 'analysis' } });
    expect(story.case.stage).toBe('analysis');
    expect(deadlineRows(CASE_ID, first, story.state).every((r) => r.status === 'cancelled')).toBe(
      true,
    );
    const second = story.lastEntered();
    expect(second.entry).toBe(2);
    expect(deadlineRows(CASE_ID, second, story.state).every((r) => r.status === 'pending')).toBe(
      true,
    );
    story.run(4, { type: 'CloseCase', data: { outcome: 'withdrawn' } });
    expect(deadlineRows(CASE_ID, second, story.state).every((r) => r.status === 'cancelled')).toBe(
      true,
    );
    expect(currentDeadlines(story.case)).toBeUndefined();
  });
});

describe('awaitingAcknowledgement (the processors re-check)', () => {
  it('false once the party is escalated, and for a stage or entry the case is not in', () => {
    const story = new Story('five-party-hall');
    expect(awaitingAcknowledgement(story.state, 'gathering', 1, 'partner-units')).toBe(true);
    expect(awaitingAcknowledgement(story.state, 'analysis', 1, 'partner-units')).toBe(false);
    expect(awaitingAcknowledgement(story.state, 'gathering', 2, 'partner-units')).toBe(false);
    story.run(48, {
      type: 'EscalateParty',
      data: { party: 'partner-units', stage: 'gathering', entry: 1 },
    });
    expect(awaitingAcknowledgement(story.state, 'gathering', 1, 'partner-units')).toBe(false);
    expect(awaitingAcknowledgement(story.state, 'gathering', 1, 'owners-committee')).toBe(true);
    expect(awaitingAcknowledgement(null, 'gathering', 1, 'owners-committee')).toBe(false);
  });

  it('a party that is not required has no deadline to owe', () => {
    const story = new Story('neighbourhood-consultation');
    expect(awaitingAcknowledgement(story.state, 'gathering', 1, 'property-company')).toBe(false);
    expect(awaitingAcknowledgement(story.state, 'gathering', 1, 'party-organisation')).toBe(true);
  });
});

describe('the reconciler’s view of a case', () => {
  it('currentDeadlines: the deadlines of the current entry, as the StageEntered gave them', () => {
    const story = new Story('five-party-hall').acknowledge(1, ['owners-committee']);
    const entered = story.lastEntered();
    expect(currentDeadlines(story.case)).toEqual({
      stage: entered.stage,
      entry: entered.entry,
      deadlines: entered.deadlines,
    });
  });

  it('deadlineTimerJobId: one per stage entry or task revision, no ":" and never all digits', () => {
    const entry = deadlineTimerJobId({ caseId: CASE_ID, entry: 3 });
    expect(entry).toBe(`deadlines_${CASE_ID}_3`);
    expect(deadlineTimerJobId({ caseId: CASE_ID, entry: 3, taskId: null })).toBe(entry);
    expect(deadlineTimerJobId({ caseId: CASE_ID, entry: 4 })).not.toBe(entry);
    const task = deadlineTimerJobId({ caseId: CASE_ID, entry: 3, taskId: 't-1' });
    expect(task).toBe(`deadlines_${CASE_ID}_3_t-1`);
    for (const id of [entry, task]) {
      expect(id).not.toContain(':');
      expect(id).not.toMatch(/^\d+$/);
    }
  });

  it('wantedTimers and mayAdvance follow the notice period', () => {
    const story = new Story('five-party-hall');
    expect(mayAdvance(story.case, at(1))).toBe(false);
    story.run(1, {
      type: 'SubmitDemand',
      data: { demandId: 'd-1', content: '下水道又堵了', source: 'online' },
    });
    story.acknowledge(2, PARTIES);
    // In gathering the secretary decides when to move: no advance check without a request.
    expect(mayAdvance(story.case, at(2))).toBe(false);
    story.run(3, { type: 'RequestAdvance', data: { to: 'analysis' } });
    expect(mayAdvance(story.case, at(3))).toBe(true);
    story.run(3, { type: 'EvaluateAdvance', data: { to: 'analysis' } });
    story.acknowledge(4, PARTIES);
    story.run(5, {
      type: 'RecordAnalysis',
      data: {
        summary: '主排水管坡度不足',
        leadParty: 'property-company',
        options: [{ title: '更换主排水管', description: '' }],
      },
    });
    const ends = at(5 + 72);
    expect(wantedTimers(story.case, at(6))).toEqual([{ kind: 'notice-period-over', at: ends }]);
    expect(mayAdvance(story.case, at(6))).toBe(false);
    expect(wantedTimers(story.case, at(78))).toEqual([]);
    expect(mayAdvance(story.case, at(78))).toBe(true);
  });

  it('wantedTimers: the evaluation window of a case in follow-up', () => {
    const story = new Story('five-party-hall');
    const followUp: Case = {
      ...story.case,
      stage: 'follow-up',
      evaluationWindow: { round: 1, opensAt: at(100), endsAt: at(268) },
    };
    expect(wantedTimers(followUp, at(101))).toEqual([
      { kind: 'evaluation-window-over', at: at(268) },
    ]);
    expect(wantedTimers({ ...followUp, status: 'closed' }, at(101))).toEqual([]);
  });
});
