import {
  DEFAULT_DEMAND_SETTINGS,
  decideDemand,
  evolveDemand,
  type DemandCommand,
  type DemandState,
  type LedgerDemand,
} from '@yishi/domain';
import { demandTimerJobId, demandTimers, stillWanted } from './demand-timers';

/** Monday 7 December 2026, 09:00 CST. */
const T0 = Date.parse('2026-12-07T09:00:00+08:00');
const at = (hours: number) => new Date(T0 + hours * 3_600_000).toISOString();
const GRID = 'grid-1';

/** A demand driven through the decider, each command at its hour and by its actor. */
function drive(steps: [number, string, DemandCommand, string[]?][]): LedgerDemand {
  let state: DemandState = null;
  for (const [hours, actorId, command, gridIds] of steps)
    for (const e of decideDemand(state, command, {
      now: at(hours),
      actorId,
      ...(gridIds === undefined ? {} : { gridIds }),
    }))
      state = evolveDemand(state, e);
  return state!;
}

const receive: [number, string, DemandCommand] = [
  0,
  'resident-1',
  {
    type: 'ReceiveDemand',
    data: {
      demandId: 'demand-1',
      communityId: 'community-1',
      number: 'XY-20261207-0001',
      content: '12号楼楼道灯坏了',
      category: 'public-facilities',
      unitId: 'unit-1',
      place: { estate: '金泰和庄', building: '12号楼' },
      gridId: GRID,
      source: 'online',
      settings: DEFAULT_DEMAND_SETTINGS,
    },
  },
];
const accept: [number, string, DemandCommand, string[]] = [
  1,
  'worker-1',
  { type: 'AcceptDemand', data: {} },
  [GRID],
];
const resolve: [number, string, DemandCommand, string[]] = [
  5,
  'worker-1',
  { type: 'ResolveDemand', data: { note: '已更换灯泡', photoIds: [] } },
  [GRID],
];

describe("a demand's timers", () => {
  it('received: a reminder 2 hours before the accept deadline, the secretary at it, the street a day later', () => {
    const d = drive([receive]);
    expect(demandTimers(d)).toEqual([
      { kind: 'accept-reminder', at: at(22), dueAt: at(24) },
      { kind: 'accept-overdue', at: at(24), dueAt: at(24) },
      { kind: 'accept-escalated', at: at(48), dueAt: at(24) },
    ]);
    expect(demandTimerJobId('demand-1', { kind: 'accept-overdue', dueAt: at(24) })).toBe(
      `demand-timer_demand-1_accept-overdue_${Date.parse(at(24))}`,
    );
  });

  it('a short window (drills): the reminder at its half, the street one window after', () => {
    const d = drive([
      [
        receive[0],
        receive[1],
        {
          ...receive[2],
          data: {
            ...(receive[2].data as object),
            settings: { ...DEFAULT_DEMAND_SETTINGS, acceptWithin: { hours: 1 } },
          },
        } as DemandCommand,
      ],
    ]);
    expect(demandTimers(d).map((t) => [t.kind, t.at])).toEqual([
      ['accept-reminder', at(0.5)],
      ['accept-overdue', at(1)],
      ['accept-escalated', at(2)],
    ]);
  });

  it('accepted: the resolve deadline (7 working days), a day before and after; the accept timers go stale', () => {
    const d = drive([receive, accept]);
    const timers = demandTimers(d);
    expect(timers.map((t) => t.kind)).toEqual([
      'resolve-reminder',
      'resolve-overdue',
      'resolve-escalated',
    ]);
    expect(timers[1]!.dueAt).toBe(d.resolveDueAt);
    expect(Date.parse(timers[1]!.dueAt) - Date.parse(timers[0]!.at)).toBe(24 * 3_600_000);
    expect(stillWanted(d, { kind: 'accept-overdue', dueAt: d.acceptDueAt })).toBe(false);
    expect(stillWanted(d, timers[1]!)).toBe(true);
  });

  it('resolved: only the confirmation window’s lapse; closed or withdrawn: none', () => {
    const resolved = drive([receive, accept, resolve]);
    expect(demandTimers(resolved)).toEqual([
      {
        kind: 'confirm-lapse',
        at: resolved.pendingConfirmation!.dueAt,
        dueAt: resolved.pendingConfirmation!.dueAt,
      },
    ]);
    const closed = drive([
      receive,
      accept,
      resolve,
      [
        6,
        'resident-1',
        { type: 'ConfirmDemand', data: { rating: 'satisfied', recordedBy: 'submitter' } },
      ],
    ]);
    expect(closed.status).toBe('closed');
    expect(demandTimers(closed)).toEqual([]);
    const withdrawn = drive([receive, [1, 'resident-1', { type: 'WithdrawDemand', data: {} }]]);
    expect(demandTimers(withdrawn)).toEqual([]);
    expect(stillWanted(null, { kind: 'accept-overdue', dueAt: at(24) })).toBe(false);
  });
});
