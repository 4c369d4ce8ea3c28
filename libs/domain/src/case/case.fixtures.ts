/* Test helpers for the case decider (used by the specs; not exported from the library). */
import { CodedError, type ErrorCode } from '../errors';
import { type CaseCommand, type CaseContext, type OpenCase } from './commands';
import { decide } from './decide';
import { type CaseEvent } from './events';
import { evolve, initialState } from './evolve';
import { nextTarget, requiredParties } from './gates';
import {
  type Case,
  type CaseSettings,
  type CaseState,
  type Mechanism,
  PARTIES,
  type Party,
  type Rating,
} from './types';

export const T0_MS = Date.UTC(2025, 2, 1, 0, 0, 0);

/** T0 plus some hours, as the decider writes times. */
export function at(hours: number): string {
  return new Date(T0_MS + Math.round(hours * 3_600_000)).toISOString();
}

export const SETTINGS: CaseSettings = {
  acknowledgementHours: 48,
  reminderBeforeHours: 12,
  noticePeriodHours: 72,
  evaluationWindowHours: 168,
  satisfactionThreshold: { numerator: 2, denominator: 3 },
};

export function openCommand(
  mechanism: Mechanism = 'five-party-hall',
  extra: Partial<OpenCase['data']> = {},
): OpenCase {
  return {
    type: 'OpenCase',
    data: {
      caseId: 'case-1',
      communityId: 'community-1',
      mechanism,
      title: '金台和庄小区12号楼2单元排水管反复堵塞',
      description: '施工缺陷导致排水管反复堵塞，涉及多个部门。',
      category: 'drainage',
      scope: { estate: '金台和庄', building: '12', entrance: '2' },
      settings: SETTINGS,
      ...extra,
    },
  };
}

/** A case driven through commands, with a clock in hours since T0. */
export class Scenario {
  state: CaseState = initialState();
  readonly events: CaseEvent[] = [];
  hours = 0;
  actor = 'secretary-1';

  static open(mechanism: Mechanism = 'five-party-hall', extra: Partial<OpenCase['data']> = {}) {
    const scenario = new Scenario();
    scenario.run(openCommand(mechanism, extra));
    return scenario;
  }

  get case(): Case {
    if (this.state === null) throw new Error('no case');
    return this.state;
  }

  get now(): string {
    return at(this.hours);
  }

  wait(hours: number): this {
    this.hours += hours;
    return this;
  }

  context(extra: Partial<CaseContext> = {}): CaseContext {
    return { now: this.now, actorId: this.actor, ...extra };
  }

  /** Decide without applying. */
  try(command: CaseCommand, extra: Partial<CaseContext> = {}): CaseEvent[] {
    return decide(command, this.state, this.context(extra));
  }

  run(command: CaseCommand, extra: Partial<CaseContext> = {}): CaseEvent[] {
    const events = this.try(command, extra);
    for (const event of events) this.state = evolve(this.state, event);
    this.events.push(...events);
    return events;
  }

  acknowledge(parties: readonly Party[] = requiredParties(this.case)): this {
    for (const party of parties) {
      this.run({ type: 'Acknowledge', data: { party, stage: this.case.stage } }, { party });
    }
    return this;
  }

  advance(unitsInScope?: number): CaseEvent[] {
    const to = nextTarget(this.case.stage, this.case.mechanism);
    this.run({ type: 'RequestAdvance', data: { to } });
    return this.run({
      type: 'EvaluateAdvance',
      data: { to, ...(unitsInScope === undefined ? {} : { unitsInScope }) },
    });
  }

  demand(demandId = `demand-${this.events.length}`): this {
    this.run({
      type: 'SubmitDemand',
      data: { demandId, content: '排水管又堵了', source: 'door-to-door', unitId: 'unit-12-2-101' },
    });
    return this;
  }

  analyse(options = 1): this {
    this.run({
      type: 'RecordAnalysis',
      data: {
        summary: '施工缺陷，需更换主排水管',
        leadParty: 'property-company',
        siteSurvey: '五方现场勘查，确认主管坡度不足',
        options: Array.from({ length: options }, (_, i) => ({
          title: `方案${i + 1}`,
          description: '更换主排水管',
        })),
      },
    });
    return this;
  }

  meet(parties: readonly Party[] = PARTIES, meetingId = `meeting-${this.events.length}`): this {
    this.run({
      type: 'RecordMeeting',
      data: {
        meetingId,
        heldAt: this.now,
        place: '社区议事厅',
        attendance: parties.map((party) => ({ party, attendees: [`user-${party}`] })),
        minutes: '各方同意更换主排水管',
      },
    });
    return this;
  }

  resolve(passed = true, resolutionId = `resolution-${this.events.length}`): CaseEvent[] {
    this.run({
      type: 'DraftResolution',
      data: {
        resolutionId,
        title: '更换排水管',
        text: '由物业牵头更换12号楼主排水管',
        rule: 'simple-majority',
        matter: 'ordinary',
        closesAt: at(this.hours + 24),
      },
    });
    return this.run({
      type: 'RecordVoteResult',
      data: { resolutionId, passed, tally: { for: 10, against: passed ? 2 : 20 } },
    });
  }

  task(taskId = `task-${this.events.length}`, assigneeParty: Party = 'property-company'): this {
    this.run({
      type: 'AssignTask',
      data: { taskId, title: '更换排水管', assigneeParty, dueAt: at(this.hours + 240) },
    });
    return this;
  }

  complete(taskId: string): CaseEvent[] {
    return this.run({
      type: 'CompleteTask',
      data: { taskId, note: '已更换', evidence: ['p.jpg'] },
    });
  }

  evaluate(unitId: string, rating: 'satisfied' | 'basically-satisfied' | 'dissatisfied'): this {
    this.run({ type: 'Evaluate', data: { unitId, rating } }, { actorId: `resident-${unitId}` });
    return this;
  }

  /** From a fresh case to the start of analysis. */
  toAnalysis(): this {
    this.demand().acknowledge().advance();
    return this;
  }

  toDeliberation(): this {
    this.toAnalysis().analyse().acknowledge().wait(SETTINGS.noticePeriodHours).advance();
    return this;
  }

  toFollowUp(): this {
    this.toDeliberation().acknowledge().meet().resolve();
    this.advance();
    return this;
  }

  /** Follow-up with one task done: the evaluation window is open. */
  toEvaluation(): this {
    this.toFollowUp().acknowledge().task('task-main').complete('task-main');
    return this;
  }
}

export function types(events: readonly CaseEvent[]): string[] {
  return events.map((e) => e.type);
}

/** Runs `fn` and returns the CodedError it throws; fails the test on anything else. */
export function rejection(fn: () => unknown, code: ErrorCode): CodedError {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  if (!(thrown instanceof CodedError)) {
    throw new Error(`expected a CodedError ${code}, got ${String(thrown)}`);
  }
  expect(thrown.code).toBe(code);
  return thrown;
}

/** A case in follow-up whose units evaluated with `ratings`, its evaluation window over. */
export function evaluated(
  ratings: readonly Rating[],
  threshold = { numerator: 2, denominator: 3 },
) {
  const s = Scenario.open('five-party-hall', {
    settings: { ...SETTINGS, satisfactionThreshold: threshold },
  }).toEvaluation();
  ratings.forEach((rating, i) => s.evaluate(`u${i}`, rating));
  return s.wait(SETTINGS.evaluationWindowHours);
}
