/*
 * Random command sequences against the demand decider. Whatever happens, it either refuses with a
 * CodedError or returns events that evolve accepts, moving only along the arrows of the state
 * machine in docs/demands.md (written out again below, by hand) and keeping the demand's invariants.
 */
import fc from 'fast-check';
import { CodedError } from '../errors';
import { type DemandCommand } from './commands';
import { decideDemand } from './decide';
import { at, GRID, GRID_WORKER, receiveCommand, RESIDENT, SECRETARY } from './demand.fixtures';
import { evolveDemand } from './evolve';
import {
  DEMAND_STATUSES,
  type DemandState,
  type DemandStatus,
  type LedgerDemand,
  RATINGS,
} from './types';

/** The arrows of the diagram; a status may also stay as it is. */
const ARROWS: Readonly<Record<DemandStatus, readonly DemandStatus[]>> = {
  received: ['accepted', 'refused', 'withdrawn', 'merged', 'in-case'],
  accepted: ['assigned', 'resolved', 'withdrawn', 'merged', 'in-case'],
  assigned: ['resolved', 'withdrawn', 'merged', 'in-case'],
  refused: ['assigned', 'withdrawn', 'merged', 'in-case'],
  resolved: ['closed', 'assigned', 'in-case'],
  'in-case': ['closed'],
  // Closed with its case: the submitter's dissatisfied answer reopens it.
  closed: ['assigned'],
  withdrawn: [],
  merged: [],
};

const KINDS = [
  'accept',
  'accept',
  'assign',
  'assign',
  'refuse',
  'resolve',
  'resolve',
  'confirm',
  'confirm',
  'confirm',
  'lapse',
  'withdraw',
  'merge',
  'escalate',
  'close-with-case',
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
  wait: fc.constantFrom(0, 0, 1, 24, 80, 200),
  junk: fc.oneof(fc.anything(), fc.string(), fc.constant(undefined)),
});

function pick<T>(items: readonly T[], n: number): T {
  const item = items[n % items.length];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

const ACTORS = [RESIDENT, GRID_WORKER, SECRETARY, 'resident-2'];

function commandFor(step: Step): { command: DemandCommand; actorId: string } {
  const actorId = pick(ACTORS, step.n);
  const command = ((): DemandCommand => {
    switch (step.kind) {
      case 'accept':
        return { type: 'AcceptDemand', data: {} };
      case 'assign':
        return {
          type: 'AssignDemand',
          data: step.flag
            ? { party: 'property-company', dueInWorkingDays: (step.n % 5) + 1 }
            : { gridId: pick(['grid-1', 'grid-2'], step.n) },
        };
      case 'refuse':
        return { type: 'RefuseDemand', data: { reason: '不在准入清单' } };
      case 'resolve':
        return { type: 'ResolveDemand', data: { note: '已处理' } };
      case 'confirm':
        return {
          type: 'ConfirmDemand',
          data: {
            rating: pick(RATINGS, step.n),
            recordedBy: step.flag ? 'submitter' : 'grid-worker',
          },
        };
      case 'lapse':
        return { type: 'LapseConfirmation', data: { round: step.flag ? null : (step.n % 3) + 1 } };
      case 'withdraw':
        return { type: 'WithdrawDemand', data: {} };
      case 'merge':
        return {
          type: 'MergeDemand',
          data: {
            into: pick(['demand-0', 'demand-1'], step.n),
            intoStatus: pick(DEMAND_STATUSES, step.n),
          },
        };
      case 'escalate':
        return { type: 'EscalateDemand', data: { caseId: pick(['case-1', 'case-2'], step.n) } };
      case 'close-with-case':
        return {
          type: 'CloseWithCase',
          data: { caseId: pick(['case-1', 'case-2'], step.n), outcome: 'resolved' },
        };
      case 'junk':
        return {
          type: pick(['AcceptDemand', 'AssignDemand', 'ConfirmDemand', 'Nope'], step.n),
          data: step.junk,
        } as DemandCommand;
    }
  })();
  return { command, actorId };
}

function checkInvariants(d: LedgerDemand): void {
  const dissatisfied = d.confirmations.filter((c) => c.rating === 'dissatisfied').length;
  expect(d.reopenings).toBe(dissatisfied);
  expect(d.round).toBe(d.reopenings + 1);
  if (d.status === 'resolved') expect(d.pendingConfirmation).not.toBeNull();
  if (d.pendingConfirmation !== null) expect(['resolved', 'closed']).toContain(d.status);
  expect(d.closure !== null).toBe(d.status === 'closed');
  if (d.status === 'in-case') expect(d.caseIds.length).toBeGreaterThan(0);
  expect((d.status === 'merged') === (d.mergedInto !== null)).toBe(true);
  expect((d.status === 'withdrawn') === (d.withdrawnAt !== null)).toBe(true);
}

/** Finished for good: withdrawn, merged, or closed with nothing more to answer. */
const settled = (d: LedgerDemand): boolean =>
  d.status === 'withdrawn' ||
  d.status === 'merged' ||
  (d.status === 'closed' && d.pendingConfirmation === null);

describe('demand decider properties', () => {
  it('only refuses with coded errors, and only moves along the diagram’s arrows', () => {
    const reached = new Set<DemandStatus>();
    fc.assert(
      fc.property(
        fc.array(stepArb, { minLength: 1, maxLength: 60 }),
        fc.boolean(),
        (steps, gridless) => {
          let hours = 0;
          let state: DemandState = null;
          for (const event of decideDemand(null, receiveCommand(gridless ? { gridId: null } : {}), {
            now: at(0),
            actorId: RESIDENT,
          })) {
            state = evolveDemand(state, event);
          }
          for (const step of steps) {
            hours += step.wait;
            const before = state as LedgerDemand;
            const { command, actorId } = commandFor(step);
            let events;
            try {
              events = decideDemand(before, command, {
                now: at(hours),
                actorId,
                gridIds: actorId === GRID_WORKER ? [GRID] : [],
                admissionList: step.flag ? ['noise'] : ['public-facilities'],
              });
            } catch (error) {
              if (!(error instanceof CodedError)) throw error;
              continue;
            }
            if (settled(before)) expect(events).toEqual([]);
            for (const event of events) {
              const from = (state as LedgerDemand).status;
              state = evolveDemand(state, event);
              const to = (state as LedgerDemand).status;
              if (to !== from) expect(ARROWS[from]).toContain(to);
              if (before.acceptedAt !== null) expect(state?.acceptedAt).toBe(before.acceptedAt);
            }
            checkInvariants(state as LedgerDemand);
            reached.add((state as LedgerDemand).status);
          }
        },
      ),
      { numRuns: 300 },
    );
    // The runs reach every status, so the arrows above are all exercised.
    expect([...reached].sort()).toEqual([...DEMAND_STATUSES].sort());
  });
});
