/* The grid's handling: 签收 (accept), 派单 (assign), 退回 (refuse, outside the admission list), 办结. */
import {
  at,
  DemandScenario,
  GRID,
  GRID_WORKER,
  rejection,
  SECRETARY,
  types,
} from './demand.fixtures';

const HAN = /\p{Script=Han}/u;

describe('accepting (签收)', () => {
  it('records who accepted and whether it was within the accept deadline', () => {
    const s = DemandScenario.receive().wait(1).accept();
    expect(s.events.at(-1)).toEqual({
      type: 'DemandAccepted',
      data: { acceptedAt: at(1), acceptedBy: GRID_WORKER, onTime: true },
    });
    expect(s.demand).toMatchObject({ status: 'accepted', acceptedAt: at(1) });
  });

  it('is in time at the deadline itself and late a moment after', () => {
    expect(DemandScenario.receive().wait(24).accept().demand.status).toBe('accepted');
    expect(DemandScenario.receive().wait(24).accept().events.at(-1)?.data).toMatchObject({
      onTime: true,
    });
    expect(DemandScenario.receive().wait(24.001).accept().events.at(-1)?.data).toMatchObject({
      onTime: false,
    });
  });

  it('says when it was accepted if asked again', () => {
    const s = DemandScenario.receive().wait(1).accept();
    const error = rejection(() => s.accept(), 'ALREADY_ACKNOWLEDGED');
    expect(error.message).toBe('诉求已于 2026年12月7日 10:00 签收');
    expect(error.details).toEqual({ acceptedAt: at(1) });
  });

  it('is not possible once refused', () => {
    const s = DemandScenario.receive();
    s.as(GRID_WORKER, { admissionList: ['parking'] }).run({
      type: 'RefuseDemand',
      data: { reason: '路灯归市政，不在本网格准入清单' },
    });
    const error = rejection(() => s.accept(), 'WRONG_STAGE');
    expect(error.message).toBe('诉求状态为“已退回”，不能签收');
  });
});

describe('assigning (派单)', () => {
  it('needs the demand accepted first', () => {
    const s = DemandScenario.receive();
    const error = rejection(() => s.assign(), 'WRONG_STAGE');
    expect(error.message).toMatch(HAN);
  });

  it('keeps the demand’s deadline unless another is given', () => {
    const s = DemandScenario.receive()
      .wait(1)
      .accept()
      .wait(1)
      .assign({ note: '请物业两天内更换' });
    expect(s.events.at(-1)).toEqual({
      type: 'DemandAssigned',
      data: {
        party: 'property-company',
        userId: null,
        gridId: null,
        dueAt: '2026-12-16T01:00:00.000Z',
        note: '请物业两天内更换',
        assignedAt: at(2),
        assignedBy: GRID_WORKER,
      },
    });
    expect(s.demand).toMatchObject({ status: 'assigned', dueAt: '2026-12-16T01:00:00.000Z' });
  });

  it('takes a due date or a number of working days from now', () => {
    const days = DemandScenario.receive().wait(1).accept().wait(1).assign({ dueInWorkingDays: 2 });
    // Monday 11:00 plus 2 working days: Wednesday 9 December 11:00.
    expect(days.demand.dueAt).toBe('2026-12-09T03:00:00.000Z');
    const date = DemandScenario.receive()
      .wait(1)
      .accept()
      .assign({ dueAt: '2026-12-10T18:00:00+08:00' });
    expect(date.demand.assignment?.dueAt).toBe('2026-12-10T10:00:00.000Z');
  });

  it('refuses a due date in the past, both kinds of due date, and nobody to assign to', () => {
    const s = DemandScenario.receive().wait(1).accept();
    const past = rejection(() => s.assign({ dueAt: at(0) }), 'VALIDATION_FAILED');
    expect(past.message).toBe('完成期限须晚于现在（2026年12月7日 10:00）');
    rejection(() => s.assign({ dueAt: at(30), dueInWorkingDays: 2 }), 'VALIDATION_FAILED');
    rejection(() => s.assign({ dueInWorkingDays: 0 }), 'VALIDATION_FAILED');
    rejection(() => s.assign({ party: null }), 'VALIDATION_FAILED');
    rejection(() => s.assign({ party: 'the-mayor' as never }), 'VALIDATION_FAILED');
  });

  it('moves the demand to another grid, to a person, and again (转派)', () => {
    const s = DemandScenario.receive().wait(1).accept().assign({ party: null, gridId: 'grid-2' });
    expect(s.demand.gridId).toBe('grid-2');
    s.assign({ party: null, userId: 'volunteer-3' });
    expect(s.demand.assignment).toMatchObject({ party: null, userId: 'volunteer-3', gridId: null });
    expect(s.demand.gridId).toBe('grid-2');
  });
});

describe('refusing (退回) outside the admission list', () => {
  const refuse = (s: DemandScenario, admissionList: string[] | null, reason = '不属于网格职责') =>
    s.as(GRID_WORKER, { gridIds: [GRID], admissionList }).run({
      type: 'RefuseDemand',
      data: { reason },
    });

  it('refuses a category on the grid’s admission list with IN_ADMISSION_LIST', () => {
    const s = DemandScenario.receive();
    const error = rejection(() => refuse(s, ['public-facilities', 'noise']), 'IN_ADMISSION_LIST');
    expect(error.message).toBe('“公共设施”在本网格的准入清单内，须签收办理，不能退回');
    expect(error.details).toEqual({ category: 'public-facilities', gridId: GRID });
  });

  it('sends a category outside the list to the secretary with the reason', () => {
    const s = DemandScenario.receive().wait(3);
    expect(types(refuse(s, ['noise']))).toEqual(['DemandRefused']);
    expect(s.demand.status).toBe('refused');
    expect(s.demand.refusals).toEqual([
      { reason: '不属于网格职责', gridId: GRID, refusedAt: at(3), refusedBy: GRID_WORKER },
    ]);
    // The secretary assigns it elsewhere: the new grid has it, the refusal stays on record.
    s.as(SECRETARY).run({ type: 'AssignDemand', data: { gridId: 'grid-2', dueInWorkingDays: 5 } });
    expect(s.demand).toMatchObject({ status: 'assigned', gridId: 'grid-2' });
    expect(s.demand.refusals).toHaveLength(1);
  });

  it('needs a reason and the admission list', () => {
    const s = DemandScenario.receive();
    rejection(() => refuse(s, [], ' '), 'VALIDATION_FAILED');
    rejection(() => refuse(s, null), 'VALIDATION_FAILED');
  });

  it('is only for a received demand of a grid', () => {
    rejection(() => refuse(DemandScenario.receive().accept(), []), 'WRONG_STAGE');
    const gridless = DemandScenario.receive({ gridId: null });
    const error = rejection(() => refuse(gridless, []), 'WRONG_STAGE');
    expect(error.message).toMatch(HAN);
  });
});

describe('resolving (办结)', () => {
  it('asks the submitter to confirm within the confirmation window', () => {
    const s = DemandScenario.resolved();
    expect(s.events.at(-1)).toEqual({
      type: 'DemandResolved',
      data: {
        round: 1,
        note: '已更换楼道灯，晚上试过，亮。',
        photoIds: ['photo-1'],
        resolvedAt: at(26),
        resolvedBy: GRID_WORKER,
        // Tuesday 11:00 plus 3 working days.
        confirmDueAt: '2026-12-11T03:00:00.000Z',
      },
    });
    expect(s.demand.status).toBe('resolved');
    expect(s.demand.pendingConfirmation).toEqual({
      round: 1,
      since: at(26),
      dueAt: '2026-12-11T03:00:00.000Z',
    });
  });

  it('may follow the acceptance directly, when the grid worker handles it', () => {
    expect(DemandScenario.receive().accept().resolve().demand.status).toBe('resolved');
  });

  it('needs a note, and an accepted demand', () => {
    rejection(() => DemandScenario.receive().accept().resolve(''), 'VALIDATION_FAILED');
    rejection(() => DemandScenario.receive().resolve(), 'WRONG_STAGE');
    rejection(() => DemandScenario.resolved().resolve(), 'WRONG_STAGE');
  });
});
