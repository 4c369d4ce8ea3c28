import fc from 'fast-check';
import { coversEstate, ROLES, type Role } from '../community';
import { rejection, Scenario, types } from './case.fixtures';
import { HANDLER_ROLES } from './decide-handler';
import { fold } from './evolve';

const assign = (userId: string, roles: readonly Role[] = ['case-worker']) =>
  ({ type: 'AssignHandler', data: { userId, roles } }) as const;

describe('AssignHandler (指定经办人)', () => {
  it('names a case worker as the handler, with who named them and when', () => {
    const s = Scenario.open('neighbourhood-consultation');
    expect(s.case.handlerId).toBeNull();
    const events = s.wait(2).run(assign('worker-1'));
    expect(events).toEqual([
      {
        type: 'CaseHandlerAssigned',
        data: { userId: 'worker-1', assignedAt: s.now, assignedBy: 'secretary-1' },
      },
    ]);
    expect(s.case.handlerId).toBe('worker-1');
  });

  it('takes a secretary as handler too', () => {
    const s = Scenario.open();
    s.run(assign('secretary-2', ['secretary']));
    expect(s.case.handlerId).toBe('secretary-2');
  });

  it('refuses a user who is neither a case worker nor a secretary there (400, in Chinese)', () => {
    const s = Scenario.open();
    for (const roles of [[], ['party-member'], ['resident', 'grid-worker']] as Role[][]) {
      const error = rejection(() => s.try(assign('someone', roles)), 'VALIDATION_FAILED');
      expect(error.message).toMatch(/\p{Script=Han}/u);
    }
    expect(s.case.handlerId).toBeNull();
  });

  it('appends nothing when the handler is named again; another one replaces them', () => {
    const s = Scenario.open();
    s.run(assign('worker-1'));
    expect(s.run(assign('worker-1'))).toEqual([]);
    expect(types(s.run(assign('worker-2')))).toEqual(['CaseHandlerAssigned']);
    expect(s.case.handlerId).toBe('worker-2');
  });

  it('works in any stage of an open case, and keeps the handler as the case moves', () => {
    const s = Scenario.open().toAnalysis();
    s.run(assign('worker-1'));
    s.analyse().acknowledge().wait(72).advance();
    expect(s.case.stage).toBe('deliberation');
    expect(s.case.handlerId).toBe('worker-1');
  });

  it('refuses a closed case (WRONG_STAGE)', () => {
    const s = Scenario.open();
    s.run({ type: 'CloseCase', data: { outcome: 'withdrawn', reason: '居民撤回' } });
    rejection(() => s.try(assign('worker-1')), 'WRONG_STAGE');
  });

  it('refuses a missing user id', () => {
    rejection(() => Scenario.open().try(assign('')), 'VALIDATION_FAILED');
  });

  it('folds to the last handler named, whatever the roles given (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            userId: fc.constantFrom('a', 'b', 'c'),
            roles: fc.subarray([...ROLES]),
          }),
          { maxLength: 8 },
        ),
        (requests) => {
          const s = Scenario.open();
          let expected: string | null = null;
          for (const r of requests) {
            const eligible = r.roles.some((role) => HANDLER_ROLES.includes(role));
            if (!eligible) {
              rejection(() => s.try(assign(r.userId, r.roles)), 'VALIDATION_FAILED');
              continue;
            }
            const events = s.run(assign(r.userId, r.roles));
            expect(events.length).toBe(expected === r.userId ? 0 : 1);
            expected = r.userId;
          }
          expect(s.case.handlerId).toBe(expected);
          expect(fold(s.events)?.handlerId ?? null).toBe(expected);
        },
      ),
    );
  });
});

describe('coversEstate (a member scoped to estates)', () => {
  it('covers every estate when the member has none (the whole community)', () => {
    expect(coversEstate([], '金泰和庄')).toBe(true);
  });
  it('covers only the listed estates otherwise', () => {
    expect(coversEstate(['金泰和庄'], '金泰和庄')).toBe(true);
    expect(coversEstate(['金泰和庄'], '银河小区')).toBe(false);
    expect(coversEstate(['银河小区', '金泰和庄'], '金泰和庄')).toBe(true);
  });
});
