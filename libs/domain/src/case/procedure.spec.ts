/**
 * Proportionate procedure (docs/procedure.md): each case's procedure, the law's matters, and a
 * deliberation gate that asks for what the procedure needs, no more. Property: whatever the
 * procedure, a new case reaches `closed` by permitted commands.
 */
import fc from 'fast-check';
import { at, openCommand, rejection, Scenario, SETTINGS } from './case.fixtures';
import { fold } from './evolve';
import { gate } from './gates';
import {
  CIVIL_CODE_MATTERS,
  caseProcedure,
  civilCodeThreshold,
  DECISION_KINDS,
  LEGACY_PROCEDURE,
  MEETING_REQUIREMENTS,
  type CaseProcedure,
} from './procedure';
import { MECHANISMS, type Unmet } from './types';

const conditions = (unmet: readonly Unmet[]) => unmet.map((u) => u.condition);

/** A case in deliberation, every required party having acknowledged it. */
const inDeliberation = (procedure: Partial<CaseProcedure>, civilCodeMatter?: string) => {
  const s = new Scenario();
  s.run(
    openCommand('five-party-hall', {
      procedure,
      ...(civilCodeMatter === undefined ? {} : { civilCodeMatter: civilCodeMatter as never }),
    }),
  );
  return s.toDeliberation().acknowledge();
};

describe('a case’s procedure', () => {
  it('defaults per mechanism: the five-party hall votes, a neighbours’ consultation agrees in council', () => {
    expect(caseProcedure('five-party-hall', undefined, undefined)).toEqual(LEGACY_PROCEDURE);
    expect(caseProcedure('neighbourhood-consultation', null, null)).toEqual({
      meeting: 'required',
      decision: 'council',
      civilCodeMatter: null,
    });
  });

  it('takes the request’s parts over the community’s for the category, and those over the mechanism’s', () => {
    const category = { decision: 'resident-poll' as const, meeting: 'optional' as const };
    expect(caseProcedure('five-party-hall', { decision: 'none' }, null, category)).toEqual({
      meeting: 'optional',
      decision: 'none',
      civilCodeMatter: null,
    });
    expect(
      caseProcedure('five-party-hall', {}, null, { meeting: null, decision: 'council' }),
    ).toEqual({ meeting: 'required', decision: 'council', civilCodeMatter: null });
  });

  it('decides an Art. 278 matter by the owners’ vote, and refuses any other decision for it', () => {
    expect(
      caseProcedure('neighbourhood-consultation', { meeting: 'optional' }, 'maintenance-fund-use', {
        decision: 'council',
      }),
    ).toEqual({
      meeting: 'optional',
      decision: 'owners-vote',
      civilCodeMatter: 'maintenance-fund-use',
    });
    for (const decision of ['council', 'resident-poll', 'none'] as const) {
      const error = rejection(
        () => caseProcedure('five-party-hall', { decision }, 'rebuild'),
        'VALIDATION_FAILED',
      );
      expect(error.message).toBe('民法典第二百七十八条规定的事项须由业主依法表决');
    }
  });

  it('refuses unknown values with a Chinese message', () => {
    for (const [procedure, matter, field] of [
      [{ decision: 'lottery' }, null, 'procedure.decision'],
      [{ meeting: 'sometimes' }, null, 'procedure.meeting'],
      [{}, 'painting', 'civilCodeMatter'],
      ['council', null, 'procedure'],
    ] as const) {
      const error = rejection(
        () => caseProcedure('five-party-hall', procedure, matter),
        'VALIDATION_FAILED',
      );
      expect([field, error.details?.field, error.message]).toEqual([
        field,
        field,
        expect.stringMatching(/\p{Script=Han}/u),
      ]);
    }
  });

  it('knows the law’s thresholds: three quarters for raising the fund, rebuilding and common parts', () => {
    expect(CIVIL_CODE_MATTERS.filter((m) => civilCodeThreshold(m) === 'major')).toEqual([
      'maintenance-fund-raise',
      'rebuild',
      'common-parts-use',
    ]);
  });

  it('is the legacy one for a case opened before procedures (no procedure on its event)', () => {
    const [opened] = new Scenario().try(openCommand());
    const { procedure: _dropped, ...old } = opened!.data as Record<string, unknown>;
    const state = fold([{ type: 'CaseOpened', data: old } as never]);
    expect(state?.procedure).toEqual(LEGACY_PROCEDURE);
  });
});

describe('the deliberation gate under each procedure', () => {
  it('needs neither a meeting nor a resolution when the meeting is optional and nobody decides', () => {
    const s = inDeliberation({ meeting: 'optional', decision: 'none' });
    expect(gate(s.case, 'follow-up', s.now)).toEqual([]);
  });

  it('needs the meeting but no resolution when the lead party just acts', () => {
    const s = inDeliberation({ decision: 'none' });
    expect(conditions(gate(s.case, 'follow-up', s.now))).toEqual(['meeting']);
    s.meet();
    expect(gate(s.case, 'follow-up', s.now)).toEqual([]);
  });

  it('says which decision is missing, and lets a passed owners’ vote settle a council or a poll', () => {
    for (const [decision, message] of [
      ['council', '尚无议事会通过的决定'],
      ['resident-poll', '尚无通过的居民意见征询'],
      ['owners-vote', '尚无表决通过的决议'],
    ] as const) {
      const s = inDeliberation({ meeting: 'optional', decision });
      expect(gate(s.case, 'follow-up', s.now)).toEqual([
        { condition: 'resolution-passed', message },
      ]);
      s.resolve();
      expect(gate(s.case, 'follow-up', s.now)).toEqual([]);
    }
  });

  it('takes only an Art. 278 vote with the matter’s threshold for a case that names the matter', () => {
    const s = inDeliberation({ meeting: 'optional' }, 'maintenance-fund-raise');
    const draft = (rule: string, matter: string) =>
      s.run({
        type: 'DraftResolution',
        data: {
          resolutionId: `r-${rule}-${matter}`,
          title: '筹集维修资金',
          text: '按每平方米 30 元筹集',
          rule: rule as never,
          matter: matter as never,
          closesAt: at(s.hours + 24),
        },
      });
    expect(rejection(() => draft('simple-majority', 'ordinary'), 'VALIDATION_FAILED').message).toBe(
      '本案事项须按民法典第二百七十八条重大事项表决（四分之三以上同意）',
    );
    expect(
      rejection(() => draft('civil-code-278', 'ordinary'), 'VALIDATION_FAILED').details,
    ).toEqual({
      field: 'matter',
      civilCodeMatter: 'maintenance-fund-raise',
    });
    draft('civil-code-278', 'major');
    s.run({
      type: 'RecordVoteResult',
      data: { resolutionId: 'r-civil-code-278-major', passed: true, tally: {} },
    });
    expect(gate(s.case, 'follow-up', s.now)).toEqual([]);
  });
});

describe('property: any procedure’s case can reach closed', () => {
  it('by permitted commands, whatever the mechanism, meeting, decision and matter', () => {
    fc.assert(
      fc.property(
        // A mediation takes no procedure: it reaches closed by its agreement (below).
        fc.constantFrom(...MECHANISMS.filter((m) => m !== 'mediation')),
        fc.constantFrom(...MEETING_REQUIREMENTS),
        fc.constantFrom(...DECISION_KINDS),
        fc.option(fc.constantFrom(...CIVIL_CODE_MATTERS), { nil: null }),
        (mechanism, meeting, decision, matter) => {
          const s = new Scenario();
          const procedure = { meeting, decision: matter === null ? decision : 'owners-vote' };
          s.run(openCommand(mechanism, { procedure, civilCodeMatter: matter }));
          s.toDeliberation().acknowledge();
          if (s.case.procedure.meeting === 'required') s.meet();
          if (s.case.procedure.decision !== 'none') {
            const threshold = matter === null ? 'ordinary' : civilCodeThreshold(matter);
            s.run({
              type: 'DraftResolution',
              data: {
                resolutionId: 'r-1',
                title: '决议',
                text: '照办',
                rule: matter === null ? 'simple-majority' : 'civil-code-278',
                matter: threshold,
                closesAt: at(s.hours + 24),
              },
            });
            s.run({
              type: 'RecordVoteResult',
              data: { resolutionId: 'r-1', passed: true, tally: {} },
            });
          }
          s.advance();
          s.acknowledge().task('t').complete('t');
          s.evaluate('u1', 'satisfied').wait(SETTINGS.evaluationWindowHours);
          s.advance(1);
          return s.case.status === 'closed' && s.case.closure?.outcome === 'resolved';
        },
      ),
    );
  });

  it('a mediation too: its sides sign the agreement, and it closes resolved (mediation.spec.ts has more)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 10 }), (n) => {
        const sides = Array.from({ length: n }, (_, i) => ({
          unitId: `unit-${i}`,
          userIds: [`user-${i}`],
        }));
        const s = new Scenario();
        s.run(openCommand('mediation', { sides, mediatorId: 'mediator-1' }));
        s.demand().advance();
        s.run({ type: 'DraftAgreement', data: { text: '调解协议' } }, { actorId: 'mediator-1' });
        for (const side of sides)
          s.run({ type: 'SignAgreement', data: { draft: 1 } }, { actorId: side.userIds[0]! });
        return s.case.status === 'closed' && s.case.closure?.outcome === 'resolved';
      }),
    );
  });
});
