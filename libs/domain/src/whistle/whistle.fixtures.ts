/* Test helpers for the whistle decider (used by the specs; not exported from the library). */
import { CodedError, type ErrorCode } from '../errors';
import {
  type DepartmentMembership,
  type IssueWhistle,
  type WhistleCommand,
  type WhistleContext,
} from './commands';
import { decideWhistle } from './decide';
import { type WhistleEvent } from './events';
import { evolveWhistle, initialWhistleState } from './evolve';
import { type Rating, type Whistle, type WhistleState, type WhistleTrack } from './types';

/** Monday 7 December 2026, 09:00 in Shanghai: an ordinary working week. */
export const T0_MS = Date.parse('2026-12-07T09:00:00+08:00');

/** T0 plus some hours, as the decider writes times. */
export function at(hours: number): string {
  return new Date(T0_MS + Math.round(hours * 3_600_000)).toISOString();
}

/** A Shanghai wall-clock time as the decider writes it. */
export function cst(local: string): string {
  return new Date(`${local}+08:00`).toISOString();
}

/** Hours from T0 to a Shanghai wall-clock time. */
export function hoursTo(local: string): number {
  return (Date.parse(`${local}+08:00`) - T0_MS) / 3_600_000;
}

export const SECRETARY = 'secretary-1';
export const SYSTEM = 'system';
/** 城管, 住建, 市场监管 and the street's office (街道办), all of one street. */
export const CG = 'dept-chengguan';
export const ZJ = 'dept-zhujian';
export const SC = 'dept-shichang';
export const OFFICE = 'dept-street-office';
export const STREET_DEPARTMENTS = [CG, ZJ, SC, OFFICE];
/** A department of another street. */
export const ELSEWHERE = 'dept-other-street';

export const CG_STAFF = 'cg-staff';
export const CG_DISPATCHER = 'cg-dispatcher';
export const ZJ_STAFF = 'zj-staff';
export const ZJ_DISPATCHER = 'zj-dispatcher';
export const SC_STAFF = 'sc-staff';
/** A member of both 城管 and 住建. */
export const BOTH_STAFF = 'both-staff';

export const MEMBERSHIPS: Readonly<Record<string, readonly DepartmentMembership[]>> = {
  [CG_STAFF]: [{ departmentId: CG, role: 'staff' }],
  [CG_DISPATCHER]: [{ departmentId: CG, role: 'dispatcher' }],
  [ZJ_STAFF]: [{ departmentId: ZJ, role: 'staff' }],
  [ZJ_DISPATCHER]: [{ departmentId: ZJ, role: 'dispatcher' }],
  [SC_STAFF]: [{ departmentId: SC, role: 'staff' }],
  [BOTH_STAFF]: [
    { departmentId: CG, role: 'staff' },
    { departmentId: ZJ, role: 'dispatcher' },
  ],
};

/** The usual member of each department. */
export const STAFF_OF: Readonly<Record<string, string>> = {
  [CG]: CG_STAFF,
  [ZJ]: ZJ_STAFF,
  [SC]: SC_STAFF,
};

export function issueCommand(extra: Partial<IssueWhistle['data']> = {}): IssueWhistle {
  return {
    type: 'IssueWhistle',
    data: {
      whistleId: 'whistle-1',
      communityId: 'community-1',
      streetId: 'street-1',
      subject: '金台路12号楼前违章搭建',
      description: '一楼住户在楼前绿地搭建彩钢板房，居民多次反映，社区劝说无果。',
      departmentIds: [CG],
      acceptWithinWorkingHours: 2,
      resolveWithinWorkingDays: 5,
      ...extra,
    },
  };
}

/** A whistle driven through commands, with a clock in hours since T0. */
export class WhistleScenario {
  state: WhistleState = initialWhistleState();
  readonly events: WhistleEvent[] = [];
  hours = 0;
  actor = SECRETARY;
  context: Partial<WhistleContext> = {};

  static issue(extra: Partial<IssueWhistle['data']> = {}, actor = SECRETARY): WhistleScenario {
    const s = new WhistleScenario();
    s.actor = actor;
    s.run(issueCommand(extra));
    return s;
  }

  get whistle(): Whistle {
    if (this.state === null) throw new Error('no whistle');
    return this.state;
  }

  track(departmentId: string): WhistleTrack {
    const track = this.whistle.tracks.filter((t) => t.departmentId === departmentId).at(-1);
    if (track === undefined) throw new Error(`no track of ${departmentId}`);
    return track;
  }

  get now(): string {
    return at(this.hours);
  }

  wait(hours: number): this {
    this.hours += hours;
    return this;
  }

  /** Sets the clock to a Shanghai wall-clock time. */
  until(local: string): this {
    this.hours = hoursTo(local);
    return this;
  }

  /** Acts as `actor` from now on, with the registry's facts about them. */
  as(actor: string, context: Partial<WhistleContext> = {}): this {
    this.actor = actor;
    this.context = context;
    return this;
  }

  decide(command: WhistleCommand): WhistleEvent[] {
    return decideWhistle(this.state, command, {
      now: this.now,
      actorId: this.actor,
      memberships: MEMBERSHIPS[this.actor] ?? [],
      streetDepartmentIds: STREET_DEPARTMENTS,
      ...this.context,
    });
  }

  run(command: WhistleCommand): WhistleEvent[] {
    const events = this.decide(command);
    for (const event of events) {
      this.state = evolveWhistle(this.state, event);
      this.events.push(event);
    }
    return events;
  }

  accept(department = CG): this {
    this.as(STAFF_OF[department] ?? '').run({ type: 'AcceptWhistle', data: {} });
    return this;
  }

  checkIn(department = CG, note = '已到现场，彩钢板房约20平方米。'): this {
    this.as(STAFF_OF[department] ?? '').run({
      type: 'CheckIn',
      data: { note, colleagues: ['王队长'], photoIds: ['photo-1'] },
    });
    return this;
  }

  answer(department = CG, result = '已责令当事人三日内自行拆除，逾期强制拆除。'): this {
    this.as(STAFF_OF[department] ?? '').run({
      type: 'AnswerWhistle',
      data: { result, photoIds: ['photo-2'] },
    });
    return this;
  }

  rate(rating: Rating, departmentId: string | null = null, comment: string | null = null): this {
    this.as(SECRETARY).run({
      type: 'RateWhistle',
      data: {
        departmentId,
        rating,
        comment: rating === 'dissatisfied' ? (comment ?? '板房还在，没有拆') : comment,
      },
    });
    return this;
  }

  /** Issued to one department, accepted, reported on site and answered, an hour apart. */
  static answered(extra: Partial<IssueWhistle['data']> = {}): WhistleScenario {
    return WhistleScenario.issue(extra).wait(1).accept().wait(1).checkIn().wait(1).answer();
  }
}

export function types(events: readonly WhistleEvent[]): string[] {
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
