/* A demand enters the ledger: what DemandReceived records, its deadlines, and what intake refuses. */
import { decideDemand } from './decide';
import {
  at,
  DemandScenario,
  receiveCommand,
  rejection,
  RESIDENT,
  T0_MS,
  types,
} from './demand.fixtures';
import { foldDemand, ledgerDueAt } from './evolve';
import { DEFAULT_DEMAND_SETTINGS } from './types';

const HAN = /\p{Script=Han}/u;
const context = { now: at(0), actorId: RESIDENT };

describe('receiving a demand', () => {
  it('records the demand, who recorded it and its deadlines on the calendar', () => {
    const s = DemandScenario.receive();
    expect(types(s.events)).toEqual(['DemandReceived']);
    expect(s.events[0]?.data).toEqual({
      demandId: 'demand-1',
      communityId: 'community-1',
      number: 'XY-20261207-0001',
      content: '12号楼2单元楼道灯坏了一个星期，晚上看不见台阶。',
      category: 'public-facilities',
      unitId: 'unit-1202',
      place: { estate: '金台和庄', building: '12' },
      gridId: 'grid-1',
      source: 'online',
      photoIds: [],
      onBehalfOf: null,
      hotline: null,
      settings: DEFAULT_DEMAND_SETTINGS,
      // 24 elapsed hours; 7 working days (Monday 7 to Wednesday 16 December).
      acceptDueAt: '2026-12-08T01:00:00.000Z',
      resolveDueAt: '2026-12-16T01:00:00.000Z',
      receivedAt: at(0),
      receivedBy: RESIDENT,
    });
    expect(s.demand).toMatchObject({
      status: 'received',
      submittedBy: RESIDENT,
      dueAt: '2026-12-16T01:00:00.000Z',
      round: 1,
      reopenings: 0,
    });
  });

  it('counts working hours and working days over 国庆节 when the settings say so', () => {
    // Wednesday 30 September 2026 16:00: 4 working hours are 2 that day and 2 on 8 October.
    const s = new DemandScenario();
    s.hours = (Date.parse('2026-09-30T16:00:00+08:00') - T0_MS) / 3_600_000;
    s.run(
      receiveCommand({
        number: 'XY-20260930-0012',
        settings: {
          acceptWithin: { workingHours: 4 },
          resolveWithin: { workingDays: 2 },
          confirmWithin: { workingDays: 3 },
        },
      }),
    );
    expect(s.demand.acceptDueAt).toBe('2026-10-08T03:00:00.000Z');
    // Thursday 8 and Friday 9 October: due Friday 16:00.
    expect(s.demand.resolveDueAt).toBe('2026-10-09T08:00:00.000Z');
  });

  it('keeps a hotline ticket as the hotline gave it, and shows the earlier deadline', () => {
    const s = DemandScenario.receive({
      source: 'hotline',
      hotline: {
        ticketNumber: 'BJ12345-2026120700321',
        receivedAt: '2026-12-06T20:15:00+08:00',
        dueAt: '2026-12-11T20:15:00+08:00',
        category: '城乡建设-市政设施-路灯',
      },
    });
    expect(s.demand.hotline).toEqual({
      ticketNumber: 'BJ12345-2026120700321',
      receivedAt: '2026-12-06T12:15:00.000Z',
      dueAt: '2026-12-11T12:15:00.000Z',
      category: '城乡建设-市政设施-路灯',
    });
    expect(ledgerDueAt(s.demand)).toBe('2026-12-11T12:15:00.000Z');
    expect(ledgerDueAt(DemandScenario.receive().demand)).toBe('2026-12-16T01:00:00.000Z');
  });

  it('records for whom a grid worker or a lead wrote it down', () => {
    const s = DemandScenario.receive(
      { source: 'door-to-door', onBehalfOf: { name: '王奶奶' }, photoIds: ['photo-7'] },
      'grid-worker-1',
    );
    expect(s.demand.onBehalfOf).toEqual({ name: '王奶奶', phone: null });
    expect(s.demand.submittedBy).toBe('grid-worker-1');
    expect(s.demand.photoIds).toEqual(['photo-7']);
    expect(DemandScenario.receive({ source: 'lead' }).demand.source).toBe('lead');
  });

  it('takes a demand with no grid (the secretary’s) and one without a unit', () => {
    const s = DemandScenario.receive({ gridId: null, unitId: null, place: { estate: '金台和庄' } });
    expect(s.demand.gridId).toBeNull();
    expect(s.demand.place).toEqual({ estate: '金台和庄', building: null });
  });

  it('refuses a second receipt of the same stream, and anything before one', () => {
    const s = DemandScenario.receive();
    rejection(() => s.run(receiveCommand()), 'ALREADY_EXISTS');
    rejection(() => decideDemand(null, { type: 'AcceptDemand', data: {} }, context), 'NOT_FOUND');
  });

  it.each([
    ['a number of another day', { number: 'XY-20261206-0001' }],
    ['a malformed number', { number: 'XY-2026127-1' }],
    ['an unknown category', { category: 'drainage' }],
    ['an unknown source', { source: 'pigeon' }],
    ['empty content', { content: '  ' }],
    [
      'a ticket on a demand not from the hotline',
      {
        hotline: { ticketNumber: 'T1', receivedAt: at(-2), category: '其他' },
      },
    ],
    [
      'a ticket without a time',
      {
        source: 'hotline',
        hotline: { ticketNumber: 'T1', receivedAt: 'yesterday', category: '其他' },
      },
    ],
    ['a nameless resident', { onBehalfOf: { name: '' } }],
    ['a bad duration', { settings: { ...DEFAULT_DEMAND_SETTINGS, acceptWithin: { hours: -1 } } }],
    [
      'two units of time at once',
      {
        settings: { ...DEFAULT_DEMAND_SETTINGS, resolveWithin: { hours: 1, workingDays: 1 } },
      },
    ],
    [
      'bad office hours',
      {
        settings: {
          ...DEFAULT_DEMAND_SETTINGS,
          acceptWithin: { workingHours: 4, officeHours: [{ start: '18:00', end: '09:00' }] },
        },
      },
    ],
  ])('refuses %s with a message in Chinese', (_what, extra) => {
    const command = receiveCommand(extra as never);
    const error = rejection(() => decideDemand(null, command, context), 'VALIDATION_FAILED');
    expect(error.message).toMatch(HAN);
  });

  it('refuses a context without a time or an actor', () => {
    for (const bad of [
      { now: '2026-12-07 09:00', actorId: RESIDENT },
      { now: at(0), actorId: '' },
    ]) {
      rejection(() => decideDemand(null, receiveCommand(), bad), 'VALIDATION_FAILED');
    }
  });

  it('produces plain JSON events that replay to the same state', () => {
    const s = DemandScenario.resolved({ onBehalfOf: { name: '王奶奶', phone: '13800000000' } });
    s.confirm('dissatisfied').wait(2).resolve().confirm('basically-satisfied');
    const json = JSON.parse(JSON.stringify(s.events)) as typeof s.events;
    expect(json).toStrictEqual(s.events);
    expect(foldDemand(json)).toStrictEqual(s.state);
  });

  it('is pure: the same state, command and context give the same events', () => {
    expect(decideDemand(null, receiveCommand(), context)).toStrictEqual(
      decideDemand(null, receiveCommand(), context),
    );
  });

  it('refuses a command it does not know', () => {
    const s = DemandScenario.receive();
    rejection(() => s.run({ type: 'Teleport', data: {} } as never), 'VALIDATION_FAILED');
  });
});
