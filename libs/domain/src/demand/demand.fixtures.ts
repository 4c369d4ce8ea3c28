/* Test helpers for the demand decider (used by the specs; not exported from the library). */
import { CodedError, type ErrorCode } from '../errors';
import { type DemandCommand, type DemandContext, type ReceiveDemand } from './commands';
import { decideDemand } from './decide';
import { type DemandEvent } from './events';
import { evolveDemand, initialDemandState } from './evolve';
import {
  type ConfirmationRecorder,
  DEFAULT_DEMAND_SETTINGS,
  type DemandState,
  type LedgerDemand,
  type Rating,
} from './types';

/** Monday 7 December 2026, 09:00 in Shanghai: an ordinary working week. */
export const T0_MS = Date.parse('2026-12-07T09:00:00+08:00');

/** T0 plus some hours, as the decider writes times. */
export function at(hours: number): string {
  return new Date(T0_MS + Math.round(hours * 3_600_000)).toISOString();
}

export const RESIDENT = 'resident-1';
export const GRID_WORKER = 'grid-worker-1';
export const SECRETARY = 'secretary-1';
export const GRID = 'grid-1';

export function receiveCommand(extra: Partial<ReceiveDemand['data']> = {}): ReceiveDemand {
  return {
    type: 'ReceiveDemand',
    data: {
      demandId: 'demand-1',
      communityId: 'community-1',
      number: 'XY-20261207-0001',
      content: '12号楼2单元楼道灯坏了一个星期，晚上看不见台阶。',
      category: 'public-facilities',
      unitId: 'unit-1202',
      place: { estate: '金台和庄', building: '12' },
      gridId: GRID,
      source: 'online',
      settings: DEFAULT_DEMAND_SETTINGS,
      ...extra,
    },
  };
}

/** A demand driven through commands, with a clock in hours since T0. */
export class DemandScenario {
  state: DemandState = initialDemandState();
  readonly events: DemandEvent[] = [];
  hours = 0;
  actor = RESIDENT;
  context: Partial<DemandContext> = {};

  static receive(extra: Partial<ReceiveDemand['data']> = {}, actor = RESIDENT): DemandScenario {
    const s = new DemandScenario();
    s.actor = actor;
    s.run(receiveCommand(extra));
    return s;
  }

  get demand(): LedgerDemand {
    if (this.state === null) throw new Error('no demand');
    return this.state;
  }

  get now(): string {
    return at(this.hours);
  }

  wait(hours: number): this {
    this.hours += hours;
    return this;
  }

  /** Acts as `actor` from now on, with the registry's facts about them. */
  as(actor: string, context: Partial<DemandContext> = {}): this {
    this.actor = actor;
    this.context = context;
    return this;
  }

  decide(command: DemandCommand): DemandEvent[] {
    return decideDemand(this.state, command, {
      now: this.now,
      actorId: this.actor,
      ...this.context,
    });
  }

  run(command: DemandCommand): DemandEvent[] {
    const events = this.decide(command);
    for (const event of events) {
      this.state = evolveDemand(this.state, event);
      this.events.push(event);
    }
    return events;
  }

  accept(): this {
    this.as(GRID_WORKER, { gridIds: [GRID] }).run({ type: 'AcceptDemand', data: {} });
    return this;
  }

  assign(data: Partial<Extract<DemandCommand, { type: 'AssignDemand' }>['data']> = {}): this {
    this.as(GRID_WORKER, { gridIds: [GRID] }).run({
      type: 'AssignDemand',
      data: { party: 'property-company', ...data },
    });
    return this;
  }

  resolve(note = '已更换楼道灯，晚上试过，亮。'): this {
    this.as(GRID_WORKER, { gridIds: [GRID] }).run({
      type: 'ResolveDemand',
      data: { note, photoIds: ['photo-1'] },
    });
    return this;
  }

  confirm(rating: Rating, recordedBy: ConfirmationRecorder = 'submitter'): this {
    if (recordedBy === 'submitter') this.as(this.demand.submittedBy);
    else this.as(GRID_WORKER, { gridIds: [GRID] });
    this.run({ type: 'ConfirmDemand', data: { rating, recordedBy } });
    return this;
  }

  /** Received, accepted, assigned to the property company and reported resolved. */
  static resolved(extra: Partial<ReceiveDemand['data']> = {}): DemandScenario {
    return DemandScenario.receive(extra).wait(1).accept().wait(1).assign().wait(24).resolve();
  }
}

export function types(events: readonly DemandEvent[]): string[] {
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
