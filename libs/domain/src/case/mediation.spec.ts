/**
 * Mediation (矛盾调解, docs/procedure.md): opened between named households with a mediator, the
 * agreement drafted and signed by each side in the app; the last signature closes the case
 * `resolved`, a close by hand `unresolved` is 调解不成.
 */
import fc from 'fast-check';
import { CodedError } from '../errors';
import { openCommand, rejection, Scenario, types } from './case.fixtures';
import { type OpenCase } from './commands';
import { type CaseEvent } from './events';
import { fold } from './evolve';
import { advanceRule, gate, nextTarget, requiredParties } from './gates';
import { DEFAULT_PROCEDURES } from './procedure';
import { type MediationSide } from './types';

const SIDES: MediationSide[] = [
  { unitId: 'unit-301', userIds: ['zhang'] },
  { unitId: 'unit-401', userIds: ['li', 'li-wife'] },
];

const mediationData = (extra: Partial<OpenCase['data']> = {}): Partial<OpenCase['data']> => ({
  title: '301 与 401 漏水纠纷',
  sides: SIDES,
  mediatorId: 'mediator-1',
  ...extra,
});

/** A mediation opened by the secretary, in deliberation (its demand in, advanced). */
function inMediation(sides: MediationSide[] = SIDES): Scenario {
  const s = Scenario.open('mediation', mediationData({ sides }));
  s.demand().advance();
  return s;
}

const draft = (
  s: Scenario,
  text = '401 修复防水层，赔偿 301 维修费 2000 元',
  actor = 'mediator-1',
) => s.run({ type: 'DraftAgreement', data: { text } }, { actorId: actor });
const sign = (s: Scenario, actorId: string, draftNo = s.case.mediation?.agreement?.draft ?? 1) =>
  s.run({ type: 'SignAgreement', data: { draft: draftNo } }, { actorId });

describe('opening a mediation', () => {
  it('records the sides and the mediator, requires no party, and fixes its procedure', () => {
    const s = Scenario.open('mediation', mediationData());
    expect(s.case.mediation).toEqual({ sides: SIDES, mediatorId: 'mediator-1', agreement: null });
    expect(requiredParties(s.case)).toEqual([]);
    expect(s.case.procedure).toEqual(DEFAULT_PROCEDURES.mediation);
    expect(s.case.procedure).toEqual({
      meeting: 'optional',
      decision: 'none',
      civilCodeMatter: null,
    });
    expect(s.events[1]).toMatchObject({ type: 'StageEntered', data: { deadlines: [] } });
  });

  it('refuses fewer than two sides, a side without people, shared units or people, and a mediator who is a side', () => {
    const refused: [Partial<OpenCase['data']>, string][] = [
      [{ sides: [SIDES[0]!] }, '矛盾调解须有 2 至 10 户当事方'],
      [{ sides: undefined }, '矛盾调解须有 2 至 10 户当事方'],
      [{ sides: [SIDES[0]!, { unitId: 'unit-9', userIds: [] }] }, '每一方须有 1 至 10 名当事人'],
      [
        { sides: [SIDES[0]!, { unitId: 'unit-301', userIds: ['wang'] }] },
        '同一户只能作为一方当事人',
      ],
      [
        { sides: [SIDES[0]!, { unitId: 'unit-9', userIds: ['zhang'] }] },
        '同一人只能属于一方当事人',
      ],
      [{ mediatorId: 'li' }, '调解员不能是当事人'],
      [{ mediatorId: ' ' }, '请指定调解员'],
      [
        { procedure: { decision: 'council' } },
        '矛盾调解以各方签署调解协议结案，不适用议事程序或业主表决',
      ],
      [{ civilCodeMatter: 'rebuild' }, '矛盾调解以各方签署调解协议结案，不适用议事程序或业主表决'],
      [{ involvedParties: ['property-company'] }, '矛盾调解没有必需的议事方'],
    ];
    for (const [extra, message] of refused) {
      const error = rejection(
        () => new Scenario().run(openCommand('mediation', mediationData(extra))),
        'VALIDATION_FAILED',
      );
      expect(error.message).toBe(message);
    }
  });

  it('refuses sides or a mediator on the other mechanisms', () => {
    for (const extra of [{ sides: SIDES }, { mediatorId: 'mediator-1' }]) {
      const error = rejection(
        () => new Scenario().run(openCommand('five-party-hall', extra)),
        'VALIDATION_FAILED',
      );
      expect(error.message).toBe('只有矛盾调解案件有当事各方和调解员');
    }
  });
});

describe('the stages of a mediation', () => {
  it('goes gathering → deliberation → closed, leaving gathering with a demand as other cases do', () => {
    const s = Scenario.open('mediation', mediationData());
    expect(nextTarget('gathering', 'mediation')).toBe('deliberation');
    expect(nextTarget('deliberation', 'mediation')).toBe('closed');
    expect(gate(s.case, 'deliberation', s.now).map((u) => u.condition)).toEqual(['demands']);
    rejection(() => s.run({ type: 'RequestAdvance', data: { to: 'analysis' } }), 'WRONG_STAGE');
    s.demand().advance();
    expect(s.case.stage).toBe('deliberation');
    expect(s.case.stageHistory.map((e) => e.stage)).toEqual(['gathering', 'deliberation']);
  });

  it('holds closing until every side has signed, and never closes by itself', () => {
    const s = inMediation();
    expect(gate(s.case, 'closed', s.now)).toEqual([
      {
        condition: 'agreement',
        message: '尚未起草调解协议',
        unsignedUnitIds: ['unit-301', 'unit-401'],
      },
    ]);
    draft(s);
    sign(s, 'zhang');
    expect(gate(s.case, 'closed', s.now)).toEqual([
      { condition: 'agreement', message: '调解协议尚有 1 方未签署', unsignedUnitIds: ['unit-401'] },
    ]);
    expect(advanceRule(s.case, s.now)?.due).toBe(false);
    const rejected = s.advance();
    expect(types(rejected)).toEqual(['StageAdvanceRejected']);
    expect(s.case.status).toBe('open');
  });

  it('refuses a resolution, analysis and tasks: nobody votes, there is no analysis or follow-up', () => {
    const s = inMediation();
    const resolution = rejection(() => s.resolve(), 'VALIDATION_FAILED');
    expect(resolution.message).toBe('矛盾调解不经表决：请起草调解协议，由各方签署');
    rejection(() => s.analyse(), 'WRONG_STAGE');
    rejection(() => s.task('t1'), 'WRONG_STAGE');
  });

  it('holds meetings as other cases do, in deliberation: the mediator and the sides invited, signing in', () => {
    const s = inMediation();
    s.meet(['party-organisation']);
    s.run({
      type: 'ScheduleMeeting',
      data: {
        meetingId: 'mediation-meeting',
        scheduledAt: s.now,
        place: '社区调解室',
        invitees: [
          { userId: 'mediator-1', party: null, circle: 'mediator' },
          { userId: 'zhang', party: null, circle: 'resident' },
          { userId: 'li', party: null, circle: 'resident' },
        ],
      },
    });
    s.run(
      {
        type: 'SignInMeeting',
        data: {
          meetingId: 'mediation-meeting',
          attendee: { userId: 'zhang', party: null, circle: 'resident' },
          by: 'self',
        },
      },
      { actorId: 'zhang' },
    );
    expect(s.case.meetings).toHaveLength(2);
    expect(s.case.meetings[1]?.signIns.map((x) => x.userId)).toEqual(['zhang']);
    // A meeting is never what a mediation waits for: only the signatures are.
    expect(gate(s.case, 'closed', s.now).map((u) => u.condition)).toEqual(['agreement']);
  });
});

describe('the agreement (调解协议)', () => {
  it('is drafted by the mediator or a secretary, nobody else', () => {
    const s = inMediation();
    expect(rejection(() => draft(s, '协议', 'zhang'), 'FORBIDDEN').message).toBe(
      '只有本案调解员或社区书记可以起草调解协议',
    );
    s.run(
      { type: 'DraftAgreement', data: { text: '书记起草', bySecretary: true } },
      { actorId: 'secretary-1' },
    );
    expect(s.case.mediation?.agreement).toMatchObject({
      draft: 1,
      text: '书记起草',
      draftedBy: 'secretary-1',
    });
    expect(rejection(() => draft(s, '   '), 'VALIDATION_FAILED').details).toEqual({
      field: 'text',
    });
  });

  it('closes the case resolved when the last side signs', () => {
    const s = inMediation();
    draft(s);
    expect(types(sign(s, 'zhang'))).toEqual(['AgreementSigned']);
    expect(s.case.status).toBe('open');
    const last = sign(s, 'li-wife');
    expect(types(last)).toEqual(['AgreementSigned', 'CaseClosed']);
    expect(last[1]).toMatchObject({
      data: { outcome: 'resolved', reason: null, stage: 'deliberation', closedBy: 'li-wife' },
    });
    expect(s.case.status).toBe('closed');
    expect(s.case.closure).toEqual({ outcome: 'resolved', reason: null });
    expect(s.case.mediation?.agreement?.signatures.map((x) => [x.unitId, x.signedBy])).toEqual([
      ['unit-301', 'zhang'],
      ['unit-401', 'li-wife'],
    ]);
    expect(fold(JSON.parse(JSON.stringify(s.events)) as CaseEvent[])).toStrictEqual(s.state);
  });

  it('is signed only by a person of a side, once per side, on the draft they read', () => {
    const s = inMediation();
    expect(rejection(() => sign(s, 'zhang', 1), 'WRONG_STAGE').message).toBe('尚未起草调解协议');
    draft(s);
    const stranger = rejection(() => sign(s, 'wang'), 'FORBIDDEN');
    expect(stranger.message).toBe('只有调解当事人可以签署调解协议');
    rejection(() => sign(s, 'mediator-1'), 'FORBIDDEN');
    sign(s, 'li');
    expect(rejection(() => sign(s, 'li-wife'), 'ALREADY_EXISTS').message).toMatch(
      /^本户已签署本稿调解协议（\d{4}年/,
    );
    const stale = rejection(() => sign(s, 'zhang', 2), 'CONCURRENCY_CONFLICT');
    expect(stale.message).toBe('调解协议已更新为第 1 稿，请阅读新稿后再签署');
    rejection(() => sign(s, 'zhang', Number.NaN), 'VALIDATION_FAILED');
  });

  it('a new draft replaces the old one and clears its signatures', () => {
    const s = inMediation();
    draft(s);
    sign(s, 'zhang');
    draft(s, '第二稿：401 修复防水层，赔偿 1500 元');
    expect(s.case.mediation?.agreement).toMatchObject({ draft: 2, signatures: [] });
    expect(rejection(() => sign(s, 'zhang', 1), 'CONCURRENCY_CONFLICT').details).toEqual({
      draft: 2,
    });
    sign(s, 'zhang', 2);
    sign(s, 'li', 2);
    expect(s.case.closure?.outcome).toBe('resolved');
  });

  it('is refused on the other mechanisms and outside deliberation', () => {
    const hall = Scenario.open().toDeliberation();
    for (const command of [
      { type: 'DraftAgreement' as const, data: { text: '协议' } },
      { type: 'SignAgreement' as const, data: { draft: 1 } },
    ])
      expect(rejection(() => hall.run(command), 'VALIDATION_FAILED').message).toBe(
        '只有矛盾调解案件有调解协议',
      );
    const gathering = Scenario.open('mediation', mediationData());
    expect(rejection(() => draft(gathering), 'WRONG_STAGE').message).toBe(
      '起草调解协议只能在“议事会商”阶段进行',
    );
  });
});

describe('调解不成: closing a mediation by hand', () => {
  it('closes unresolved with a reason, and refuses resolved', () => {
    const s = inMediation();
    draft(s);
    sign(s, 'zhang');
    expect(
      rejection(
        () => s.run({ type: 'CloseCase', data: { outcome: 'resolved' as never, reason: null } }),
        'VALIDATION_FAILED',
      ).message,
    ).toBe('调解成功须由各方在应用中签署调解协议');
    rejection(
      () => s.run({ type: 'CloseCase', data: { outcome: 'unresolved' } }),
      'VALIDATION_FAILED',
    );
    s.run({ type: 'CloseCase', data: { outcome: 'unresolved', reason: '401 拒绝赔偿，调解不成' } });
    expect(s.case.closure).toEqual({ outcome: 'unresolved', reason: '401 拒绝赔偿，调解不成' });
    rejection(() => sign(s, 'li'), 'WRONG_STAGE');
  });

  it('a reopened mediation goes on in deliberation; a new draft is signed again', () => {
    const s = inMediation();
    s.run({ type: 'CloseCase', data: { outcome: 'unresolved', reason: '一方拒绝' } });
    s.run({ type: 'ReopenCase', data: { reason: '双方同意再调解' } });
    expect([s.case.status, s.case.stage]).toEqual(['open', 'deliberation']);
    draft(s);
    sign(s, 'zhang');
    sign(s, 'li');
    expect(s.case.closure?.outcome).toBe('resolved');
  });

  it('a reopened resolved mediation closes again only when asked (all signed) or on a new draft', () => {
    const s = inMediation();
    draft(s);
    sign(s, 'zhang');
    sign(s, 'li');
    s.run({ type: 'ReopenCase', data: { reason: '协议履行有争议' } });
    expect(advanceRule(s.case, s.now)?.due).toBe(false);
    expect(types(s.advance())).toEqual(['CaseClosed']);
    expect(s.case.closure?.outcome).toBe('resolved');
  });
});

describe('property: a mediation can always reach closed', () => {
  const sidesArb = fc.integer({ min: 2, max: 6 }).chain((n) =>
    fc.tuple(
      ...Array.from({ length: n }, (_, i) =>
        fc.integer({ min: 1, max: 3 }).map((people) => ({
          unitId: `unit-${i}`,
          userIds: Array.from({ length: people }, (_, j) => `user-${i}-${j}`),
        })),
      ),
    ),
  );

  it('whatever the sides, redrafts, refused signatures and meetings on the way', () => {
    fc.assert(
      fc.property(
        sidesArb,
        fc.array(fc.tuple(fc.nat({ max: 9 }), fc.nat({ max: 99 })), { maxLength: 30 }),
        (sides, steps) => {
          const s = inMediation(sides);
          for (const [kind, n] of steps) {
            try {
              const side = sides[n % sides.length]!;
              const who = side.userIds[n % side.userIds.length]!;
              if (kind === 0) draft(s, `第 ${n} 稿`);
              else if (kind === 1) s.meet(['party-organisation'], `m-${s.events.length}`);
              else if (kind === 2) sign(s, 'outsider');
              else if (kind === 3) sign(s, who, n);
              else sign(s, who);
            } catch (error) {
              if (!(error instanceof CodedError)) throw error;
            }
            if (s.case.status === 'closed') break;
          }
          // Whatever happened, a draft signed by every side closes it resolved.
          if (s.case.status === 'open') {
            draft(s, '终稿');
            for (const side of sides) sign(s, side.userIds.at(-1)!);
          }
          expect(s.case.status).toBe('closed');
          expect(s.case.closure?.outcome).toBe('resolved');
          const agreement = s.case.mediation?.agreement;
          expect(new Set(agreement?.signatures.map((x) => x.unitId))).toEqual(
            new Set(sides.map((x) => x.unitId)),
          );
          expect(fold(JSON.parse(JSON.stringify(s.events)) as CaseEvent[])).toStrictEqual(s.state);
        },
      ),
      { numRuns: 150 },
    );
  });
});
