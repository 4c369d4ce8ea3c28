import { DEFAULT_PROCEDURES } from '@yishi/domain/case/procedure';
import { type CaseDetail, type Member } from '../src/api/types';
import { nextStage } from '../src/case-status';
import {
  agreementStep,
  mediationEndText,
  mediationOutcomeLabel,
} from '../src/pages/case-page/mediation-state';
import { nextActions, type Viewer } from '../src/pages/case-page/next-actions';
import { EMPTY_MEDIATION, mediationBody, mediatorsOf } from '../src/pages/mediation-draft';
import {
  defaultProcedureDraft,
  MECHANISM_PROCEDURES,
  matterRuleText,
  procedureBody,
} from '../src/pages/procedure-draft';

describe('the new-case form: the procedure it sends', () => {
  it("shows the domain's default per mechanism", () => {
    for (const m of ['five-party-hall', 'neighbourhood-consultation'] as const)
      expect(MECHANISM_PROCEDURES[m]).toEqual({
        meeting: DEFAULT_PROCEDURES[m].meeting,
        decision: DEFAULT_PROCEDURES[m].decision,
      });
  });

  it("sends no procedure when left to the community's default", () => {
    expect(procedureBody(defaultProcedureDraft('five-party-hall'))).toEqual({});
    expect(
      procedureBody({ ...defaultProcedureDraft('five-party-hall'), matter: 'rebuild' }),
    ).toEqual({ civilCodeMatter: 'rebuild' });
  });

  it('sends the chosen meeting and decision; an Art. 278 matter forces the owners’ vote', () => {
    const chosen = {
      ...defaultProcedureDraft('neighbourhood-consultation'),
      mode: 'chosen' as const,
      meeting: 'optional' as const,
      decision: 'resident-poll' as const,
    };
    expect(procedureBody(chosen)).toEqual({
      procedure: { meeting: 'optional', decision: 'resident-poll' },
    });
    expect(procedureBody({ ...chosen, matter: 'maintenance-fund-use' })).toEqual({
      procedure: { meeting: 'optional', decision: 'owners-vote' },
      civilCodeMatter: 'maintenance-fund-use',
    });
  });

  it("says the law's threshold in plain words", () => {
    expect(matterRuleText('rebuild')).toBe(
      '重大事项：参与表决的专有部分面积和人数均占三分之二以上，且经参与表决者四分之三以上同意',
    );
    expect(matterRuleText('committee-election')).toContain('过半数同意');
  });
});

describe('the new-case form: a mediation', () => {
  const member = (userId: string, roles: Member['roles']): Member =>
    ({ userId, roles, displayName: userId, unitIds: [] }) as unknown as Member;

  it('waits for two sides, each with a unit and a person, and a mediator', () => {
    expect(mediationBody(EMPTY_MEDIATION)).toBeNull();
    const sides = [
      { unitId: 'u1', userIds: ['a'] },
      { unitId: 'u2', userIds: [] },
    ];
    expect(mediationBody({ sides, mediatorId: 'm' })).toBeNull();
    sides[1] = { unitId: 'u2', userIds: ['b'] };
    expect(mediationBody({ sides, mediatorId: '' })).toBeNull();
    expect(mediationBody({ sides, mediatorId: 'm' })).toEqual({
      sides: [
        { unitId: 'u1', userIds: ['a'] },
        { unitId: 'u2', userIds: ['b'] },
      ],
      mediatorId: 'm',
    });
  });

  it('offers mediators and secretaries, never a side’s person', () => {
    const members = [
      member('m', ['mediator']),
      member('s', ['secretary']),
      member('r', ['resident']),
      member('both', ['mediator', 'resident']),
    ];
    const d = { sides: [{ unitId: 'u1', userIds: ['both'] }], mediatorId: '' };
    expect(mediatorsOf(members, d).map((m) => m.userId)).toEqual(['m', 's']);
  });
});

describe('a mediation on the case page', () => {
  const base = (over: Partial<CaseDetail> = {}): CaseDetail =>
    ({
      mechanism: 'mediation',
      stage: 'deliberation',
      status: 'open',
      parties: [],
      resolutions: [],
      tasks: [],
      meetings: [],
      analysis: null,
      voting: null,
      stageHistory: [],
      closure: null,
      mediation: {
        sides: [
          { unitId: 'u1', userIds: ['a'] },
          { unitId: 'u2', userIds: ['b'] },
        ],
        mediatorId: 'm',
        agreement: null,
      },
      ...over,
    }) as unknown as CaseDetail;
  const drafted = (signedBy: string[] = []) =>
    base({
      mediation: {
        ...base().mediation!,
        agreement: {
          draft: 2,
          text: '协议',
          draftedAt: '2026-03-05T09:00:00Z',
          draftedBy: 'm',
          signatures: signedBy.map((u) => ({
            unitId: u === 'a' ? 'u1' : 'u2',
            signedBy: u,
            signedAt: '2026-03-05T10:00:00Z',
          })),
        },
      },
    });

  it('lets the mediator or a secretary draft, a side sign once, nobody else', () => {
    expect(agreementStep(base(), 'm', false)).toBe('draft');
    expect(agreementStep(base(), 'x', true)).toBe('draft');
    expect(agreementStep(base(), 'a', false)).toBeNull();
    expect(agreementStep(drafted(), 'a', false)).toBe('sign');
    expect(agreementStep(drafted(['a']), 'a', false)).toBe('signed');
    expect(agreementStep(drafted(['a']), 'b', false)).toBe('sign');
    expect(agreementStep(drafted(), 'x', false)).toBeNull();
    expect(agreementStep(base({ stage: 'gathering' }), 'm', false)).toBeNull();
  });

  it('moves gathering → mediation → closed, with no 签收 and no vote', () => {
    expect(nextStage('gathering', 'mediation')).toBe('deliberation');
    expect(nextStage('deliberation', 'mediation')).toBe('closed');
    const secretary: Viewer = {
      has: (r) => r === 'secretary',
      membership: { party: 'party-organisation' },
      me: { id: 's' },
    };
    const next = nextActions(base(), secretary);
    expect(next).toMatchObject({ canAck: false, canDraft: false, agreement: 'draft' });
    const side: Viewer = {
      has: (r) => r === 'resident',
      membership: { party: null },
      me: { id: 'a' },
    };
    expect(nextActions(drafted(), side)).toMatchObject({ agreement: 'sign', nothingToDo: false });
  });

  it('says 调解成功 or 调解不成 with the reason', () => {
    const closed = (outcome: string, reason: string | null) =>
      base({ status: 'closed', closure: { outcome, reason } } as Partial<CaseDetail>);
    expect(mediationEndText(closed('resolved', null))).toBe('调解成功：各方已签署调解协议。');
    expect(mediationEndText(closed('unresolved', '赔偿金额分歧大'))).toBe(
      '调解不成：赔偿金额分歧大',
    );
    expect(mediationEndText(base())).toBeNull();
    expect(mediationOutcomeLabel('resolved')).toBe('调解成功');
    expect(mediationOutcomeLabel('unresolved')).toBe('调解不成');
  });
});
