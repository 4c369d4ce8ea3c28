import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { CodedError } from '../errors';
import { at, openCommand } from './case.fixtures';
import { type CaseCommand } from './commands';
import { decide } from './decide';
import { type CaseEvent } from './events';
import { evolve, fold, initialState } from './evolve';
import { gate, nextTarget } from './gates';
import {
  type AdvanceTarget,
  type Case,
  type CaseSettings,
  type CaseState,
  type Mechanism,
  MECHANISMS,
  PARTIES,
  type Party,
  RATINGS,
  STAGES,
} from './types';

/*
 * Random command sequences against the decider. Each step is a seed turned into a command by looking
 * at the state, so that most commands are plausible and runs reach the later stages; some are
 * deliberately wrong or malformed. Whatever happens, the decider either refuses with a CodedError or
 * returns events that evolve accepts into a state that keeps the case's invariants.
 */

const KINDS = [
  ...Array<'ack'>(8).fill('ack'),
  ...Array<'advance'>(4).fill('advance'),
  'request',
  'demand',
  'demand',
  'analysis',
  'meeting',
  'meeting',
  'draft',
  'vote',
  'vote',
  'task',
  'task',
  'progress',
  'complete',
  'complete',
  'complete',
  'reassign',
  'evaluate',
  'evaluate',
  'evaluate',
  'escalate',
  'opinion',
  'close',
  'reopen',
  'reopen',
  'open',
  'junk',
] as const;
type Kind = (typeof KINDS)[number];

interface Step {
  /** Below 8 (of 10): a kind that fits the state, chosen by `a + b`; otherwise `kind`, fitting or not. */
  readonly focus: number;
  readonly kind: Kind;
  readonly a: number;
  readonly b: number;
  readonly flag: boolean;
  readonly wait: number;
  readonly junk: unknown;
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  focus: fc.nat({ max: 9 }),
  kind: fc.constantFrom(...KINDS),
  a: fc.nat({ max: 1000 }),
  b: fc.nat({ max: 1000 }),
  flag: fc.boolean(),
  wait: fc.constantFrom(0, 0, 0, 0.5, 1, 13, 49, 73, 170),
  junk: fc.oneof(fc.anything(), fc.string(), fc.constant(undefined)),
});

const settingsArb: fc.Arbitrary<CaseSettings> = fc.record({
  acknowledgementHours: fc.constantFrom(0, 1.5, 48),
  reminderBeforeHours: fc.constantFrom(0, 12, 100),
  noticePeriodHours: fc.constantFrom(0, 24, 72),
  evaluationWindowHours: fc.constantFrom(0, 24, 168),
  satisfactionThreshold: fc.constantFrom(
    { numerator: 2, denominator: 3 },
    { numerator: 0, denominator: 1 },
    { numerator: 1, denominator: 1 },
  ),
  minEvaluationResponse: fc.constantFrom(
    { numerator: 3, denominator: 10 },
    { numerator: 0, denominator: 1 },
    { numerator: 1, denominator: 1 },
  ),
});

interface Seed {
  readonly mechanism: Mechanism;
  readonly involved: Party[];
  readonly settings: CaseSettings;
  readonly steps: Step[];
}

/** The mechanisms of the five parties; a mediation has its own properties (mediation.spec.ts). */
const PARTY_MECHANISMS = MECHANISMS.filter((m) => m !== 'mediation');

const scenarioArb: fc.Arbitrary<Seed> = fc.record({
  mechanism: fc.constantFrom(...PARTY_MECHANISMS),
  involved: fc.subarray([...PARTIES]),
  settings: settingsArb,
  steps: fc.array(stepArb, { minLength: 1, maxLength: 150, size: 'max' }),
});

const ADVANCE_TARGETS: readonly AdvanceTarget[] = [...STAGES, 'closed'];

function pick<T>(items: readonly T[], n: number): T {
  const item = items[n % items.length];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

const FITTING: Readonly<Record<Case['stage'] | 'evaluation' | 'closed', readonly Kind[]>> = {
  gathering: ['demand', 'ack', 'ack', 'ack', 'advance', 'escalate'],
  analysis: ['analysis', 'ack', 'ack', 'ack', 'advance', 'advance', 'escalate'],
  deliberation: ['meeting', 'draft', 'vote', 'ack', 'ack', 'ack', 'advance', 'advance'],
  'follow-up': ['task', 'complete', 'complete', 'progress', 'ack', 'ack', 'advance'],
  evaluation: ['evaluate', 'evaluate', 'evaluate', 'ack', 'advance'],
  closed: ['reopen', 'advance'],
};

function kindFor(state: Case, step: Step): Kind {
  if (step.focus >= 8) return step.kind;
  const phase =
    state.status === 'closed' ? 'closed' : state.evaluationWindow ? 'evaluation' : state.stage;
  return pick(FITTING[phase], step.a + step.b);
}

/** Mostly the right thing for the state; sometimes (by `flag` or `b`) something off. */
function commandFor(state: Case, step: Step, hours: number): CaseCommand {
  const { a, b, flag } = step;
  const required = state.parties.filter((p) => p.required).map((p) => p.party);
  const later = (h: number) => at(hours + h);
  switch (kindFor(state, step)) {
    case 'ack':
      return {
        type: 'Acknowledge',
        data: {
          party: b % 10 === 0 ? pick(PARTIES, a) : pick(required, a),
          stage: b % 13 === 0 ? pick(STAGES, a) : state.stage,
        },
      };
    case 'advance':
      return {
        type: 'EvaluateAdvance',
        data: {
          to: b % 9 === 0 ? pick(ADVANCE_TARGETS, a) : nextTarget(state.stage),
          unitsInScope: flag ? a % 5 : null,
        },
      };
    case 'request':
      return {
        type: 'RequestAdvance',
        data: { to: flag ? nextTarget(state.stage) : pick(ADVANCE_TARGETS, a) },
      };
    case 'demand':
      return {
        type: 'SubmitDemand',
        data: {
          demandId: `d${a % 3}`,
          content: '诉求',
          source: 'online',
          unitId: flag ? 'u1' : null,
        },
      };
    case 'analysis':
      return {
        type: 'RecordAnalysis',
        data: {
          summary: '研判',
          leadParty: pick(PARTIES, a),
          options: Array.from({ length: b % 3 }, () => ({ title: '方案', description: '说明' })),
        },
      };
    case 'meeting':
      return {
        type: 'RecordMeeting',
        data: {
          meetingId: `m${a % 4}`,
          heldAt: b % 11 === 0 ? later(1) : later(-a % 5),
          place: '议事厅',
          attendance: (flag ? required : PARTIES.filter((_, i) => (a >> i) % 2 === 1)).map(
            (party) => ({ party, attendees: b % 7 === 0 ? [] : [`user-${party}`] }),
          ),
          minutes: '纪要',
        },
      };
    case 'draft':
      return {
        type: 'DraftResolution',
        data: {
          resolutionId: `r${a % 4}`,
          title: '决议',
          text: '正文',
          rule: flag ? 'civil-code-278' : 'simple-majority',
          matter: b % 4 === 0 ? 'major' : 'ordinary',
          closesAt: b % 10 === 0 ? later(0) : later(24),
        },
      };
    case 'vote': {
      const open = state.resolutions.find((r) => r.status === 'open');
      return {
        type: 'RecordVoteResult',
        data: {
          resolutionId: open !== undefined && b % 8 !== 0 ? open.id : `r${a % 4}`,
          passed: a % 5 !== 0,
          tally: { for: a, against: b },
        },
      };
    }
    case 'task':
      return {
        type: 'AssignTask',
        data: {
          taskId: `t${a % 4}`,
          title: '整改',
          assigneeParty: pick(PARTIES, b),
          dueAt: flag ? later(100) : later(-1),
        },
      };
    case 'progress':
      return {
        type: 'ReportProgress',
        data: { taskId: `t${a % 5}`, percent: pick([-5, 0, 40, 100, 101, NaN], b), note: '进展' },
      };
    case 'complete':
      return {
        type: 'CompleteTask',
        data: {
          taskId:
            b % 6 === 0 ? `t${a % 5}` : (state.tasks.find((t) => t.status === 'open')?.id ?? 't0'),
          note: '完成',
          evidence: ['a.jpg'],
        },
      };
    case 'reassign':
      return {
        type: 'ReassignTask',
        data: {
          taskId: `t${a % 4}`,
          assigneeParty: pick(PARTIES, b),
          dueAt: flag ? later(50) : null,
        },
      };
    case 'evaluate':
      return {
        type: 'Evaluate',
        // Dissatisfied twice as often, so that rounds fail as well as pass.
        data: { unitId: `u${a % 4}`, rating: pick([...RATINGS, 'dissatisfied'] as const, b) },
      };
    case 'escalate':
      return {
        type: 'EscalateParty',
        data: {
          party: pick(PARTIES, a),
          stage: flag ? state.stage : pick(STAGES, b),
          entry: b % 3 === 0 ? b % 6 : null,
        },
      };
    case 'opinion':
      return {
        type: 'PostOpinion',
        data: { opinionId: `o${a % 5}`, content: '意见', replyTo: flag ? `o${b % 5}` : null },
      };
    case 'close':
      return {
        type: 'CloseCase',
        data: {
          outcome: pick(['withdrawn', 'unresolved', 'resolved'] as const, a) as 'withdrawn',
          reason: flag ? '原因' : null,
        },
      };
    case 'reopen':
      return { type: 'ReopenCase', data: { reason: flag ? '重新启动' : '' } };
    case 'open':
      return openCommand();
    case 'junk':
      return (flag ? { type: pick(KIND_TYPES, a), data: step.junk } : step.junk) as CaseCommand;
  }
}

const KIND_TYPES = ['Acknowledge', 'EvaluateAdvance', 'AssignTask', 'Evaluate', 'RecordMeeting'];

/** The rules a case must keep in every state, whatever happened before. */
function checkInvariants(c: Case): void {
  const fail = (what: string) => {
    throw new Error(`invariant broken: ${what}`);
  };
  if (!STAGES.includes(c.stage)) fail('stage is one of the four');
  if ((c.status === 'closed') !== (c.closure !== null && c.closedAt !== null)) {
    fail('a closed case has its closure and time, an open one neither');
  }

  const history = c.stageHistory;
  const last = history.at(-1);
  if (last === undefined || last.stage !== c.stage) fail('the last entry is the current stage');
  history.forEach((entry, i) => {
    if (entry.entry !== i + 1) fail('entries are numbered in order');
    const previous = history[i - 1];
    if (previous !== undefined) {
      const legal =
        (entry.cause === 'advanced' && nextTarget(previous.stage) === entry.stage) ||
        (entry.cause === 'returned' &&
          previous.stage === 'deliberation' &&
          entry.stage === 'analysis') ||
        (entry.cause === 'reopened' && previous.stage === entry.stage);
      if (!legal) fail(`a legal move from ${previous.stage} to ${entry.stage} (${entry.cause})`);
    }
    if (i < history.length - 1 && entry.leftAt === null) fail('earlier entries were left');
  });
  if ((c.status === 'open') !== (last?.leftAt === null)) fail('only an open case is in a stage');

  const required = c.parties.filter((p) => p.required).map((p) => p.party);
  if (c.mechanism === 'five-party-hall' && required.length !== 5) fail('all five are required');
  if (!required.includes('party-organisation') || !required.includes('resident-representatives')) {
    fail('the party organisation and the representatives are always required');
  }
  for (const party of c.parties) {
    for (const record of party.stages) {
      const entry = history[record.entry - 1];
      if (entry?.stage !== record.stage) fail('a party record belongs to an entered stage');
      if ((record.deadline !== null) !== party.required)
        fail('only required parties have deadlines');
      if (record.escalatedAt !== null && !party.required)
        fail('only required parties are escalated');
    }
    const acknowledged = party.stages.filter((s) => s.acknowledgedAt !== null).map((s) => s.stage);
    if (party.acknowledgedStages.some((s) => !acknowledged.includes(s))) {
      fail('every acknowledgement is for a stage the case entered');
    }
    if (new Set(party.acknowledgedStages).size !== party.acknowledgedStages.length) {
      fail('acknowledged stages are listed once');
    }
  }

  const enteredFollowUp = history.some((e) => e.stage === 'follow-up');
  if (c.tasks.length > 0 && !enteredFollowUp) fail('tasks only exist after follow-up was entered');
  for (const task of c.tasks) {
    if (!(task.percent >= 0 && task.percent <= 100)) fail('percent is within 0..100');
    if ((task.status === 'done') !== (task.completedAt !== null)) fail('a done task has its time');
    if (task.status === 'done' && task.percent !== 100) fail('a done task is at 100');
  }
  if (c.evaluationWindow !== null) {
    if (c.stage !== 'follow-up') fail('evaluation happens in follow-up');
    if (c.tasks.length === 0 || c.tasks.some((t) => t.status !== 'done')) {
      fail('evaluation waits for every task');
    }
  }
  if (c.evaluations.length > 0 && c.evaluationWindow === null) fail('evaluations need a window');
  const units = c.evaluations.map((e) => e.unitId);
  if (new Set(units).size !== units.length) fail('one evaluation per unit');
  if (c.evaluations.some((e) => e.round !== c.evaluationRound)) fail('evaluations of this round');
  for (const r of c.evaluationResults) {
    if (r.responseReached && r.total === 0) fail('nobody responding never reaches the minimum');
  }
  // The gate's closing: resolved only with enough responses and enough satisfied; unevaluated with
  // too few responses (a close by hand is unresolved or withdrawn).
  const lastRound = c.evaluationResults.at(-1);
  if (c.closure?.outcome === 'resolved' && !(lastRound?.responseReached && lastRound.reached)) {
    fail('resolved needs the minimum response and the threshold');
  }
  if (c.closure?.outcome === 'unevaluated' && lastRound?.responseReached !== false) {
    fail('unevaluated is a round with too few responses');
  }

  const open = c.resolutions.filter((r) => r.status === 'open');
  if (open.length > 1) fail('one resolution is voted on at a time');
  if (open.length > 0 && c.stage !== 'deliberation') fail('votes are open only in deliberation');
  if (c.notice !== null && c.analysis === null) fail('a notice announces an analysis');
  for (const meeting of c.meetings) {
    if (history[meeting.entry - 1]?.stage !== 'deliberation') fail('meetings are in deliberation');
  }
  for (const [i, opinion] of c.opinions.entries()) {
    if (opinion.replyTo !== null && !c.opinions.slice(0, i).some((o) => o.id === opinion.replyTo)) {
      fail('a reply answers an earlier opinion');
    }
  }
  for (const ids of [c.demands, c.opinions, c.meetings, c.resolutions, c.tasks].map((xs) =>
    xs.map((x) => x.id),
  )) {
    if (new Set(ids).size !== ids.length) fail('ids are unique');
  }
}

interface Run {
  readonly state: CaseState;
  readonly events: readonly CaseEvent[];
  readonly stagesReached: ReadonlySet<string>;
}

function play(scenario: Seed): Run {
  let state = initialState();
  const events: CaseEvent[] = [];
  const reached = new Set<string>();
  let hours = 0;
  const apply = (command: CaseCommand) => {
    const before = state;
    let emitted: CaseEvent[];
    try {
      emitted = decide(command, state, { now: at(hours), actorId: 'actor-1' });
    } catch (error) {
      if (!(error instanceof CodedError)) throw error;
      return;
    }
    if (before?.status === 'closed' && command.type !== 'ReopenCase' && emitted.length > 0) {
      throw new Error(`a closed case accepted ${command.type}`);
    }
    for (const event of emitted) {
      if (!isDeepStrictEqual(JSON.parse(JSON.stringify(event)), event)) {
        throw new Error(`${event.type} is not plain JSON`);
      }
      state = evolve(state, event);
    }
    events.push(...emitted);
    for (const event of emitted) {
      if (event.type === 'StageReturned') reached.add('returned to analysis');
      if (event.type === 'CaseReopened') reached.add(`reopened from ${event.data.from}`);
    }
    if (state !== null) {
      checkInvariants(state);
      reached.add(state.status === 'closed' ? `closed:${state.closure?.outcome}` : state.stage);
    }
  };

  apply(
    openCommand(scenario.mechanism, {
      involvedParties: scenario.involved,
      settings: scenario.settings,
    }),
  );
  for (const step of scenario.steps) {
    hours += step.wait;
    if (state === null) throw new Error('the case was opened');
    apply(commandFor(state, step, hours));
  }
  return { state, events, stagesReached: reached };
}

describe('the case decider under random command sequences', () => {
  it('refuses with a CodedError or moves to a state that keeps every invariant', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        play(scenario);
      }),
      { numRuns: 200 },
    );
  });

  it('replays: folding the events (also after a JSON round trip) gives the same state', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const { state, events } = play(scenario);
        expect(fold(events)).toStrictEqual(state);
        expect(fold(JSON.parse(JSON.stringify(events)) as CaseEvent[])).toStrictEqual(state);
        expect(fold(events)).toStrictEqual(fold(events));
      }),
      { numRuns: 100 },
    );
  });

  it('reaches every stage, every way of closing and of going back, so the properties say something', () => {
    const reached = new Set<string>();
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        for (const stage of play(scenario).stagesReached) reached.add(stage);
      }),
      { numRuns: 200, seed: 20250304 },
    );
    expect([...reached].sort()).toEqual(
      [
        ...STAGES,
        'closed:resolved',
        'closed:unresolved',
        'closed:withdrawn',
        'closed:unevaluated',
        'returned to analysis',
        'reopened from closed',
        'reopened from evaluation',
      ].sort(),
    );
  });

  it('advances exactly when the gate reports nothing unmet', () => {
    fc.assert(
      fc.property(scenarioArb, fc.constantFrom(0, 1, 100), (scenario, later) => {
        const { state } = play(scenario);
        if (state === null || state.status === 'closed') return;
        const to = nextTarget(state.stage);
        const now = at(100_000 + later);
        const unmet = gate(state, to, now);
        const [first] = decide({ type: 'EvaluateAdvance', data: { to } }, state, {
          now,
          actorId: 'queue',
        });
        const expected =
          unmet.length > 0
            ? 'StageAdvanceRejected'
            : to === 'closed'
              ? 'EvaluationConcluded'
              : 'StageAdvanced';
        expect(first?.type).toBe(expected);
      }),
      { numRuns: 100 },
    );
  });

  it('never changes the state it is given', () => {
    fc.assert(
      fc.property(scenarioArb, stepArb, (scenario, step) => {
        const { state } = play(scenario);
        if (state === null) return;
        const frozen = JSON.stringify(state);
        try {
          decide(commandFor(state, step, 10_000), state, { now: at(10_000), actorId: 'a' });
        } catch {
          // refusals are covered above
        }
        expect(JSON.stringify(state)).toBe(frozen);
      }),
      { numRuns: 50 },
    );
  });
});

describe('evolve', () => {
  it('refuses events that do not fit the state', () => {
    const opened = decide(openCommand(), null, { now: at(0), actorId: 'a' });
    const state = fold(opened);
    const misfits: CaseEvent[] = [
      opened[0] as CaseEvent,
      { type: 'StageAdvanced', data: { from: 'gathering', to: 'deliberation', advancedAt: at(1) } },
      { type: 'EvaluationOpened', data: { round: 1, opensAt: at(1), endsAt: at(2) } },
      {
        type: 'TaskCompleted',
        data: {
          taskId: 't',
          note: '',
          evidence: [],
          completedAt: at(1),
          completedBy: 'a',
          onTime: true,
        },
      },
      {
        type: 'CaseReopened',
        data: {
          from: 'closed',
          reason: 'x',
          stage: 'gathering',
          round: 1,
          reopenedAt: at(1),
          reopenedBy: 'a',
        },
      },
    ];
    for (const event of misfits) expect(() => evolve(state, event)).toThrow('cannot apply');
    expect(() => evolve(null, opened[1] as CaseEvent)).toThrow('does not exist');
  });
});
