/* 评价 and 销号: the submitter's answer closes a demand or reopens it; no answer closes it unevaluated. */
import {
  at,
  DemandScenario,
  GRID,
  GRID_WORKER,
  rejection,
  RESIDENT,
  types,
} from './demand.fixtures';

describe('confirming a resolved demand', () => {
  it.each(['satisfied', 'basically-satisfied'] as const)('closes it (销号) when %s', (rating) => {
    const s = DemandScenario.resolved().wait(1).confirm(rating);
    expect(s.events.at(-1)).toEqual({
      type: 'DemandConfirmed',
      data: {
        round: 1,
        rating,
        comment: null,
        recordedBy: 'submitter',
        confirmedAt: at(27),
        confirmedBy: RESIDENT,
        reopenedDueAt: null,
      },
    });
    expect(s.demand).toMatchObject({
      status: 'closed',
      pendingConfirmation: null,
      reopenings: 0,
      closure: { cause: 'confirmation', closedAt: at(27), caseId: null, caseOutcome: null },
    });
  });

  it('reopens it when dissatisfied: back to assigned, one reopening, a new round and deadline', () => {
    const s = DemandScenario.resolved().wait(1);
    s.as(RESIDENT).run({
      type: 'ConfirmDemand',
      data: { rating: 'dissatisfied', comment: '灯还是不亮', recordedBy: 'submitter' },
    });
    expect(s.demand).toMatchObject({
      status: 'assigned',
      round: 2,
      reopenings: 1,
      // Tuesday 8 December 12:00 plus 7 working days: Thursday 17 December 12:00.
      dueAt: '2026-12-17T04:00:00.000Z',
      pendingConfirmation: null,
      closure: null,
    });
    expect(s.demand.assignment?.party).toBe('property-company');
    // The next round: resolved again, answered again; every round stays in the record.
    s.wait(5).resolve('换了整套灯具').wait(1).confirm('satisfied');
    expect(s.demand.status).toBe('closed');
    expect(s.demand.resolutions.map((r) => [r.round, r.note])).toEqual([
      [1, '已更换楼道灯，晚上试过，亮。'],
      [2, '换了整套灯具'],
    ]);
    expect(s.demand.confirmations.map((c) => [c.round, c.rating, c.comment])).toEqual([
      [1, 'dissatisfied', '灯还是不亮'],
      [2, 'satisfied', null],
    ]);
  });

  it('counts every reopening', () => {
    const s = DemandScenario.resolved();
    s.confirm('dissatisfied').resolve().confirm('dissatisfied').resolve().confirm('satisfied');
    expect(s.demand).toMatchObject({ status: 'closed', round: 3, reopenings: 2 });
  });

  it('takes the answer a grid worker of the demand’s grid records on a return visit', () => {
    const s = DemandScenario.resolved().confirm('basically-satisfied', 'grid-worker');
    expect(s.demand.confirmations[0]).toMatchObject({
      recordedBy: 'grid-worker',
      confirmedBy: GRID_WORKER,
    });
  });

  it('refuses anyone else’s answer', () => {
    const s = DemandScenario.resolved();
    const confirm = (recordedBy: 'submitter' | 'grid-worker') =>
      s.run({ type: 'ConfirmDemand', data: { rating: 'satisfied', recordedBy } });
    s.as('resident-2');
    expect(rejection(() => confirm('submitter'), 'FORBIDDEN').message).toBe(
      '只有提出诉求的人可以评价；网格员回访代录请注明代录',
    );
    s.as('grid-worker-9', { gridIds: ['grid-9'] });
    expect(rejection(() => confirm('grid-worker'), 'FORBIDDEN').message).toBe(
      '只有诉求所在网格的网格员可以代录居民的评价',
    );
    const gridless = DemandScenario.resolved({ gridId: null }).as(GRID_WORKER, { gridIds: [GRID] });
    rejection(
      () =>
        gridless.run({
          type: 'ConfirmDemand',
          data: { rating: 'satisfied', recordedBy: 'grid-worker' },
        }),
      'FORBIDDEN',
    );
  });

  it('confirms only a resolved demand, once', () => {
    const open = DemandScenario.receive().accept();
    expect(rejection(() => open.confirm('satisfied'), 'WRONG_STAGE').message).toBe(
      '诉求状态为“已签收”，只有办结后等待评价的诉求才能评价',
    );
    const closed = DemandScenario.resolved().confirm('satisfied');
    rejection(() => closed.confirm('dissatisfied'), 'WRONG_STAGE');
  });

  it('refuses a rating it does not know', () => {
    const s = DemandScenario.resolved().as(RESIDENT);
    rejection(
      () =>
        s.run({ type: 'ConfirmDemand', data: { rating: 'meh' as never, recordedBy: 'submitter' } }),
      'VALIDATION_FAILED',
    );
  });
});

describe('no answer in the confirmation window', () => {
  const lapse = (s: DemandScenario, round?: number) =>
    s.as('system').run({ type: 'LapseConfirmation', data: { round } });

  it('closes the demand unevaluated when the window ends', () => {
    // Resolved Tuesday 11:00; the window ends Friday 11 December 11:00, 72 hours later.
    const s = DemandScenario.resolved().wait(72);
    expect(types(lapse(s, 1))).toEqual(['DemandConfirmationLapsed']);
    expect(s.events.at(-1)?.data).toEqual({
      round: 1,
      dueAt: '2026-12-11T03:00:00.000Z',
      lapsedAt: at(98),
    });
    expect(s.demand).toMatchObject({
      status: 'closed',
      unevaluatedRounds: [1],
      confirmations: [],
      closure: { cause: 'lapse', closedAt: at(98) },
    });
    // The answer can no longer be given.
    rejection(() => s.confirm('satisfied'), 'WRONG_STAGE');
  });

  it('is too early before the window ends, and says until when', () => {
    const s = DemandScenario.resolved().wait(71.9);
    expect(rejection(() => lapse(s), 'WRONG_STAGE').message).toBe(
      '评价期限（2026年12月11日 11:00）还没有到',
    );
  });

  it('does nothing for an answered demand, a retried timer or a round gone by', () => {
    expect(lapse(DemandScenario.resolved().confirm('satisfied').wait(100))).toEqual([]);
    const lapsed = DemandScenario.resolved().wait(73);
    lapse(lapsed, 1);
    expect(lapse(lapsed, 1)).toEqual([]);
    const reopened = DemandScenario.resolved().confirm('dissatisfied').resolve().wait(100);
    expect(lapse(reopened, 1)).toEqual([]);
    expect(types(lapse(reopened, 2))).toEqual(['DemandConfirmationLapsed']);
    expect(reopened.demand.unevaluatedRounds).toEqual([2]);
  });
});
