import { rejection, Scenario, types } from './case.fixtures';
import { type LedgerDemandRef } from './commands';
import { MAX_LINKED_PER_REQUEST } from './decide-ledger';

const ref = (n: number, extra: Partial<LedgerDemandRef> = {}): LedgerDemandRef => ({
  demandId: `d0000000-0000-4000-8000-00000000000${n}`,
  number: `XY-20261207-000${n}`,
  content: `路灯不亮 ${n}`,
  source: 'lead',
  unitId: null,
  submittedAt: '2026-12-07T01:00:00.000Z',
  submittedBy: 'u0000000-0000-4000-8000-000000000001',
  ...extra,
});

describe('LinkDemands: demands of the ledger escalated into a case', () => {
  it('lists them among the case’s demands with their numbers, in any open stage', () => {
    const s = Scenario.open().toFollowUp();
    const events = s.run({ type: 'LinkDemands', data: { demands: [ref(1), ref(2)] } });
    expect(types(events)).toEqual(['DemandsLinked']);
    expect(s.case.demands.slice(-2)).toEqual([
      expect.objectContaining({ id: ref(1).demandId, number: 'XY-20261207-0001', source: 'lead' }),
      expect.objectContaining({ id: ref(2).demandId, linkedAt: s.now }),
    ]);
  });

  it('skips a demand already on the case, so a retried escalation writes nothing', () => {
    const s = Scenario.open().demand();
    s.run({ type: 'LinkDemands', data: { demands: [ref(1)] } });
    expect(s.run({ type: 'LinkDemands', data: { demands: [ref(1)] } })).toEqual([]);
    const events = s.run({ type: 'LinkDemands', data: { demands: [ref(1), ref(3), ref(3)] } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ data: { demands: [{ demandId: ref(3).demandId }] } });
  });

  it('refuses a closed case, an empty or oversized list, a bad number or source', () => {
    const closed = Scenario.open();
    closed.run({ type: 'CloseCase', data: { outcome: 'withdrawn', reason: '居民撤回' } });
    rejection(
      () => closed.try({ type: 'LinkDemands', data: { demands: [ref(1)] } }),
      'WRONG_STAGE',
    );
    const s = Scenario.open();
    const many = Array.from({ length: MAX_LINKED_PER_REQUEST + 1 }, (_, i) =>
      ref(1, { demandId: `d0000000-0000-4000-8000-${String(i).padStart(12, '0')}` }),
    );
    for (const demands of [
      [],
      many,
      [ref(1, { number: '20261207-1' })],
      [ref(1, { source: 'x' as never })],
    ])
      rejection(() => s.try({ type: 'LinkDemands', data: { demands } }), 'VALIDATION_FAILED');
  });
});
