/*
 * Random command sequences against the whistle decider. Whatever happens, it either refuses with a
 * CodedError or returns events that evolve accepts, moving each track only along the arrows of the
 * diagram in docs/whistles.md (written out again below, by hand); the whistle's status is always
 * its least advanced current track; the same input always decides the same; a command that did
 * something does nothing when sent again; and no finished track wants a timer.
 */
import fc from 'fast-check';
import { CodedError } from '../errors';
import { type WhistleCommand, type WhistleContext } from './commands';
import { whistleTimers } from './deadlines';
import { decideWhistle } from './decide';
import { type WhistleEvent } from './events';
import { evolveWhistle } from './evolve';
import {
  RATINGS,
  TRACK_STATUSES,
  type TrackStatus,
  type Whistle,
  WHISTLE_STATUSES,
  type WhistleState,
  type WhistleStatus,
} from './types';
import {
  at,
  BOTH_STAFF,
  CG,
  CG_DISPATCHER,
  CG_STAFF,
  ELSEWHERE,
  issueCommand,
  MEMBERSHIPS,
  OFFICE,
  SC,
  SC_STAFF,
  SECRETARY,
  STREET_DEPARTMENTS,
  SYSTEM,
  ZJ,
  ZJ_DISPATCHER,
  ZJ_STAFF,
} from './whistle.fixtures';

/** The arrows of a track's diagram; a track may also stay as it is. */
const ARROWS: Readonly<Record<TrackStatus, readonly TrackStatus[]>> = {
  issued: ['accepted', 'transferred'],
  accepted: ['on-site', 'answered', 'transferred'],
  'on-site': ['answered', 'transferred'],
  answered: ['closed', 'accepted'],
  closed: [],
  transferred: [],
};

/** The order of the statuses, written out again: the whistle's is the least of its tracks'. */
const ORDER: readonly WhistleStatus[] = ['issued', 'accepted', 'on-site', 'answered', 'closed'];

const KINDS = [
  'accept',
  'accept',
  'transfer',
  'check-in',
  'check-in',
  'answer',
  'answer',
  'rate',
  'rate',
  'rate',
  'withdraw',
  'escalate',
  'escalate',
  'junk',
] as const;

interface Step {
  readonly kind: (typeof KINDS)[number];
  readonly n: number;
  readonly flag: boolean;
  readonly wait: number;
  readonly junk: unknown;
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom(...KINDS),
  n: fc.nat({ max: 1000 }),
  flag: fc.boolean(),
  wait: fc.constantFrom(0, 0, 0.5, 1, 3, 24, 80),
  junk: fc.oneof(fc.anything(), fc.string(), fc.constant(undefined)),
});

function pick<T>(items: readonly T[], n: number): T {
  const item = items[n % items.length];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

const MEMBERS = [CG_STAFF, CG_DISPATCHER, ZJ_STAFF, ZJ_DISPATCHER, SC_STAFF, BOTH_STAFF, SECRETARY];
const DEPARTMENTS = [CG, ZJ, SC, OFFICE, ELSEWHERE];

/** Who works for each department (BOTH_STAFF for two). */
const MEMBERS_OF: Readonly<Record<string, readonly string[]>> = {
  [CG]: [CG_STAFF, CG_DISPATCHER, BOTH_STAFF],
  [ZJ]: [ZJ_STAFF, ZJ_DISPATCHER, BOTH_STAFF],
  [SC]: [SC_STAFF],
};

function commandFor(step: Step, whistle: Whistle): { command: WhistleCommand; actorId: string } {
  // Mostly a member of a department the whistle is with, sometimes anyone.
  const current = whistle.tracks.filter((t) => t.status !== 'transferred');
  const insiders = MEMBERS_OF[pick(current, step.n).departmentId] ?? [SECRETARY];
  const actorId = step.n % 4 !== 0 ? pick(insiders, step.n >> 1) : pick(MEMBERS, step.n);
  const department = step.n % 7 === 0 ? pick(DEPARTMENTS, step.n >> 3) : null;
  switch (step.kind) {
    case 'accept':
      return { actorId, command: { type: 'AcceptWhistle', data: { departmentId: department } } };
    case 'transfer':
      return {
        actorId,
        command: {
          type: 'TransferWhistle',
          data: { toDepartmentId: pick(DEPARTMENTS, step.n >> 2), reason: '不属本部门' },
        },
      };
    case 'check-in':
      return {
        actorId,
        command: {
          type: 'CheckIn',
          data: { departmentId: department, note: pick(['到场', null], step.n >> 4) },
        },
      };
    case 'answer':
      return {
        actorId,
        command: { type: 'AnswerWhistle', data: { departmentId: department, result: '已处理' } },
      };
    case 'rate': {
      const rating = pick(RATINGS, step.n);
      return {
        actorId: SECRETARY,
        command: {
          type: 'RateWhistle',
          data: {
            departmentId: department,
            rating,
            comment: rating === 'dissatisfied' || step.n % 5 === 0 ? '还没解决' : null,
          },
        },
      };
    }
    case 'withdraw':
      return {
        actorId: SECRETARY,
        command: { type: 'WithdrawWhistle', data: { reason: step.n % 9 === 0 ? '撤回' : '' } },
      };
    case 'escalate': {
      // A timer the whistle wants now, or one it once wanted (a stale job), or a made-up one.
      const timers = whistleTimers(whistle);
      const track = pick(whistle.tracks, step.n);
      const timer = timers.length > 0 && step.flag ? pick(timers, step.n) : null;
      return {
        actorId: SYSTEM,
        command: {
          type: 'EscalateOverdue',
          data: {
            departmentId: timer?.departmentId ?? track.departmentId,
            deadline:
              timer?.kind.startsWith('answer') === true || step.n % 2 === 0 ? 'answer' : 'accept',
            dueAt: timer?.dueAt ?? track.answerDueAt ?? track.acceptDueAt,
          },
        },
      };
    }
    case 'junk':
      return {
        actorId,
        command: {
          type: pick(['AcceptWhistle', 'RateWhistle', 'TransferWhistle', 'Nope'], step.n),
          data: step.junk,
        } as WhistleCommand,
      };
  }
}

function contextFor(actorId: string, hours: number): WhistleContext {
  return {
    now: at(hours),
    actorId,
    memberships: MEMBERSHIPS[actorId] ?? [],
    streetDepartmentIds: STREET_DEPARTMENTS,
  };
}

function checkInvariants(w: Whistle): void {
  const current = w.tracks.filter((t) => t.status !== 'transferred');
  const departments = current.map((t) => t.departmentId);
  expect(new Set(departments).size).toBe(departments.length);
  expect(current.length).toBeGreaterThan(0);
  // The status, computed again from the tracks.
  const least = ORDER.find((status) => current.some((t) => t.status === status));
  expect(w.status).toBe(w.withdrawal !== null ? 'withdrawn' : least);
  for (const t of w.tracks) {
    const dissatisfied = t.ratings.filter((r) => r.rating === 'dissatisfied').length;
    expect(t.reopenings).toBe(dissatisfied);
    expect(t.round).toBe(t.reopenings + 1);
    expect(t.answers.map((a) => a.round)).toEqual(t.answers.map((_, i) => i + 1));
    expect(t.ratings.map((r) => r.round)).toEqual(t.ratings.map((_, i) => i + 1));
    expect(t.ratings.length).toBeLessThanOrEqual(t.answers.length);
    expect((t.status === 'transferred') === (t.transfer !== null)).toBe(true);
    expect((t.acceptedAt === null) === (t.acceptedOnTime === null)).toBe(true);
    if (t.status !== 'issued' && t.status !== 'transferred') expect(t.acceptedAt).not.toBeNull();
    if (t.status === 'answered' || t.status === 'closed') {
      expect(t.answers.at(-1)?.round).toBe(t.round);
    }
    if (t.status === 'answered' && w.onSite) {
      expect(t.checkIns.some((c) => c.round === t.round)).toBe(true);
    }
  }
}

/** A whistle of one to three departments, to be onSite or not. */
const issueArb = fc.record({
  departments: fc.subarray([CG, ZJ, SC], { minLength: 1 }),
  onSite: fc.boolean(),
});

const stripped = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('whistle decider properties', () => {
  it('refuses only with coded errors; every event evolves, along the arrows, status the least track', () => {
    const reached = new Set<WhistleStatus>();
    const reachedTracks = new Set<TrackStatus>();
    fc.assert(
      fc.property(
        issueArb,
        fc.array(stepArb, { minLength: 5, maxLength: 50, size: 'max' }),
        (issue, steps) => {
          let hours = 0;
          let state: WhistleState = null;
          const issued = decideWhistle(
            null,
            issueCommand({ departmentIds: issue.departments, onSite: issue.onSite }),
            contextFor(SECRETARY, 0),
          );
          for (const event of issued) state = evolveWhistle(state, event);
          for (const step of steps) {
            hours += step.wait;
            const before = state as Whistle;
            const frozen = stripped(before);
            const { command, actorId } = commandFor(step, before);
            const context = contextFor(actorId, hours);
            let events: WhistleEvent[];
            try {
              events = decideWhistle(before, command, context);
            } catch (error) {
              if (!(error instanceof CodedError)) throw error;
              continue;
            }
            // Deterministic, and the state given is left as it was.
            expect(decideWhistle(before, command, context)).toEqual(events);
            expect(stripped(before)).toEqual(frozen);
            // Plain JSON: an event survives the round trip unchanged.
            expect(stripped(events)).toEqual(events);
            if (before.status === 'withdrawn') expect(events).toEqual([]);
            for (const event of events) {
              const previous = state as Whistle;
              state = evolveWhistle(state, event);
              const next = state as Whistle;
              previous.tracks.forEach((t, i) => {
                const now = next.tracks[i];
                expect(now?.departmentId).toBe(t.departmentId);
                if (now !== undefined && now.status !== t.status) {
                  expect(ARROWS[t.status]).toContain(now.status);
                }
                if (t.acceptedAt !== null) expect(now?.acceptedAt).toBe(t.acceptedAt);
              });
              for (const added of next.tracks.slice(previous.tracks.length)) {
                expect(added.status).toBe('issued');
              }
            }
            const after = state as Whistle;
            checkInvariants(after);
            expect(stripped(after)).toEqual(after);
            // What did something does nothing when sent again (a retried job or request).
            if (events.length > 0) expect(decideWhistle(after, command, context)).toEqual([]);
            reached.add(after.status);
            for (const t of after.tracks) reachedTracks.add(t.status);
          }
        },
      ),
      { numRuns: 150 },
    );
    // The runs reach every status, so the arrows above are all exercised.
    expect([...reached].sort()).toEqual([...WHISTLE_STATUSES].sort());
    expect([...reachedTracks].sort()).toEqual([...TRACK_STATUSES].sort());
  });

  it('wants no timer for a finished track, nor for a withdrawn whistle', () => {
    let timed = 0;
    fc.assert(
      fc.property(issueArb, fc.array(stepArb, { maxLength: 40, size: 'max' }), (issue, steps) => {
        let hours = 0;
        let state: WhistleState = null;
        for (const event of decideWhistle(
          null,
          issueCommand({ departmentIds: issue.departments, onSite: issue.onSite }),
          contextFor(SECRETARY, 0),
        )) {
          state = evolveWhistle(state, event);
        }
        for (const step of steps) {
          hours += step.wait;
          const { command, actorId } = commandFor(step, state as Whistle);
          try {
            for (const e of decideWhistle(state, command, contextFor(actorId, hours))) {
              state = evolveWhistle(state, e);
            }
          } catch (error) {
            if (!(error instanceof CodedError)) throw error;
          }
          const w = state as Whistle;
          const timers = whistleTimers(w);
          if (w.status === 'withdrawn') expect(timers).toEqual([]);
          for (const timer of timers) {
            timed++;
            const track = w.tracks.find(
              (t) => t.departmentId === timer.departmentId && t.status !== 'transferred',
            );
            expect(['issued', 'accepted', 'on-site']).toContain(track?.status);
            expect(Date.parse(timer.at)).toBeLessThanOrEqual(Date.parse(timer.dueAt));
            if (timer.kind.endsWith('overdue')) expect(timer.at).toBe(timer.dueAt);
            expect(timer.kind.startsWith(track?.status === 'issued' ? 'accept' : 'answer')).toBe(
              true,
            );
          }
          // Two timers (reminder, escalation) per unfinished track not yet escalated.
          expect(timers.length % 2).toBe(0);
        }
      }),
      { numRuns: 100 },
    );
    expect(timed).toBeGreaterThan(0);
  });
});
