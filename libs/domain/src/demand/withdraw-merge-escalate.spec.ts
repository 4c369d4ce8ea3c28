/* How a demand leaves the grid's hands: withdrawn, merged into another, escalated into a case. */
import {
  at,
  DemandScenario,
  GRID_WORKER,
  rejection,
  RESIDENT,
  SECRETARY,
  types,
} from './demand.fixtures';
import { type DemandStatus } from './types';

const withdraw = (s: DemandScenario, actor = RESIDENT) =>
  s.as(actor).run({ type: 'WithdrawDemand', data: { reason: '邻居帮忙修好了' } });
const merge = (s: DemandScenario, into: string, intoStatus: DemandStatus = 'accepted') =>
  s.as(SECRETARY).run({ type: 'MergeDemand', data: { into, intoStatus } });
const escalate = (s: DemandScenario, caseId = 'case-1') =>
  s.as(SECRETARY).run({ type: 'EscalateDemand', data: { caseId } });
const closeWithCase = (s: DemandScenario, caseId = 'case-1') =>
  s.as('system').run({ type: 'CloseWithCase', data: { caseId, outcome: 'resolved' } });

describe('withdrawing', () => {
  it('is the submitter’s, at any point before the demand is resolved', () => {
    const cases: DemandScenario[] = [
      DemandScenario.receive(),
      DemandScenario.receive().accept(),
      DemandScenario.receive().accept().assign(),
      DemandScenario.resolved().confirm('dissatisfied'),
    ];
    for (const s of cases) {
      s.wait(2);
      expect(types(withdraw(s))).toEqual(['DemandWithdrawn']);
      expect(s.demand).toMatchObject({ status: 'withdrawn', withdrawnAt: s.now });
    }
    expect(cases[0]?.events.at(-1)?.data).toEqual({
      reason: '邻居帮忙修好了',
      withdrawnAt: at(2),
      withdrawnBy: RESIDENT,
    });
  });

  it('is refused to anyone else', () => {
    const error = rejection(() => withdraw(DemandScenario.receive(), GRID_WORKER), 'FORBIDDEN');
    expect(error.message).toBe('只有提出诉求的人可以撤回');
  });

  it('is too late once resolved, closed, in a case or withdrawn', () => {
    const resolved = rejection(() => withdraw(DemandScenario.resolved()), 'WRONG_STAGE');
    expect(resolved.message).toBe('诉求状态为“待评价”，不能撤回');
    rejection(() => withdraw(DemandScenario.resolved().confirm('satisfied')), 'WRONG_STAGE');
    const inCase = DemandScenario.receive();
    escalate(inCase);
    rejection(() => withdraw(inCase), 'WRONG_STAGE');
    const twice = DemandScenario.receive();
    withdraw(twice);
    rejection(() => withdraw(twice), 'WRONG_STAGE');
  });
});

describe('merging a duplicate into another demand', () => {
  it('records the demand it went into', () => {
    const s = DemandScenario.receive().wait(1);
    expect(merge(s, 'demand-0')).toEqual([
      { type: 'DemandMerged', data: { into: 'demand-0', mergedAt: at(1), mergedBy: SECRETARY } },
    ]);
    expect(s.demand).toMatchObject({ status: 'merged', mergedInto: 'demand-0' });
  });

  it('takes a demand that is open or already in a case as the target', () => {
    for (const status of ['received', 'assigned', 'refused', 'resolved', 'in-case'] as const) {
      expect(merge(DemandScenario.receive(), 'demand-0', status)).toHaveLength(1);
    }
  });

  it('never into itself, nor into one that has ended', () => {
    const s = DemandScenario.receive();
    expect(rejection(() => merge(s, 'demand-1'), 'VALIDATION_FAILED').message).toBe(
      '诉求不能合并到它自己',
    );
    for (const status of ['closed', 'merged', 'withdrawn'] as const) {
      rejection(() => merge(s, 'demand-0', status), 'WRONG_STAGE');
    }
    expect(rejection(() => merge(s, 'demand-0', 'closed'), 'WRONG_STAGE').message).toBe(
      '目标诉求状态为“已销号”，不能合并进去',
    );
    rejection(() => merge(s, 'demand-0', 'lost' as never), 'VALIDATION_FAILED');
  });

  it('not once resolved, nor twice', () => {
    rejection(() => merge(DemandScenario.resolved(), 'demand-0'), 'WRONG_STAGE');
    const s = DemandScenario.receive();
    merge(s, 'demand-0');
    rejection(() => merge(s, 'demand-2'), 'WRONG_STAGE');
  });
});

describe('escalating into a case (转议事)', () => {
  it('is possible from every open status', () => {
    const open: DemandScenario[] = [
      DemandScenario.receive(),
      DemandScenario.receive().accept(),
      DemandScenario.receive().accept().assign(),
      DemandScenario.resolved(),
    ];
    const refused = DemandScenario.receive();
    refused
      .as(GRID_WORKER, { admissionList: [] })
      .run({ type: 'RefuseDemand', data: { reason: '需要多方协商' } });
    open.push(refused);
    for (const s of open) {
      expect(types(escalate(s))).toEqual(['DemandEscalated']);
      expect(s.demand).toMatchObject({
        status: 'in-case',
        caseIds: ['case-1'],
        pendingConfirmation: null,
      });
    }
  });

  it('is done already when retried into the same case, and refused into another', () => {
    const s = DemandScenario.receive();
    escalate(s);
    expect(escalate(s)).toEqual([]);
    expect(rejection(() => escalate(s, 'case-2'), 'WRONG_STAGE').message).toBe(
      '诉求状态为“已转议事”，不能转入议事案件',
    );
  });

  it('is refused for a demand that has ended', () => {
    rejection(() => escalate(DemandScenario.resolved().confirm('satisfied')), 'WRONG_STAGE');
    const merged = DemandScenario.receive();
    merge(merged, 'demand-0');
    rejection(() => escalate(merged), 'WRONG_STAGE');
  });
});

describe('closing with its case', () => {
  function closedWithCase(): DemandScenario {
    const s = DemandScenario.receive().accept();
    escalate(s);
    s.wait(100);
    closeWithCase(s);
    return s;
  }

  it('closes the demand with the case’s outcome and asks the submitter to confirm', () => {
    const s = closedWithCase();
    expect(s.events.at(-1)).toEqual({
      type: 'DemandClosedWithCase',
      data: {
        caseId: 'case-1',
        outcome: 'resolved',
        round: 1,
        closedAt: at(100),
        // Friday 11 December 13:00 plus 3 working days: Wednesday 16 December 13:00.
        confirmDueAt: '2026-12-16T05:00:00.000Z',
      },
    });
    expect(s.demand).toMatchObject({
      status: 'closed',
      closure: { cause: 'case', closedAt: at(100), caseId: 'case-1', caseOutcome: 'resolved' },
      pendingConfirmation: { round: 1, since: at(100), dueAt: '2026-12-16T05:00:00.000Z' },
    });
  });

  it('is struck off when the submitter is satisfied, and keeps how it closed', () => {
    const s = closedWithCase().wait(2).confirm('satisfied');
    expect(s.demand).toMatchObject({
      status: 'closed',
      pendingConfirmation: null,
      closure: { cause: 'case', closedAt: at(100) },
    });
    expect(s.demand.confirmations).toHaveLength(1);
  });

  it('reopens in the ledger when the submitter is dissatisfied, and may be escalated again', () => {
    const s = closedWithCase().confirm('dissatisfied');
    expect(s.demand).toMatchObject({ status: 'assigned', reopenings: 1, round: 2, closure: null });
    escalate(s, 'case-2');
    expect(s.demand.caseIds).toEqual(['case-1', 'case-2']);
  });

  it('stays closed, unevaluated, when nobody answers', () => {
    const s = closedWithCase().wait(120);
    s.as('system').run({ type: 'LapseConfirmation', data: { round: 1 } });
    expect(s.demand).toMatchObject({
      status: 'closed',
      unevaluatedRounds: [1],
      closure: { cause: 'case' },
    });
  });

  it('does nothing when the closing is seen again, and refuses another case’s', () => {
    const s = closedWithCase();
    expect(closeWithCase(s)).toEqual([]);
    s.confirm('dissatisfied');
    expect(closeWithCase(s)).toEqual([]);
    const error = rejection(() => closeWithCase(s, 'case-9'), 'WRONG_STAGE');
    expect(error.message).toBe('诉求没有转入这个议事案件');
    rejection(
      () =>
        s.run({ type: 'CloseWithCase', data: { caseId: 'case-1', outcome: 'forgotten' as never } }),
      'VALIDATION_FAILED',
    );
  });
});
