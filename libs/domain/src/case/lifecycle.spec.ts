import { at, openCommand, Scenario, SETTINGS, types } from './case.fixtures';
import { decide } from './decide';
import { fold } from './evolve';
import { PARTIES } from './types';

describe('a case from opening to closing', () => {
  it('walks a five-party hall through the four stages and closes it resolved', () => {
    const s = Scenario.open('five-party-hall');
    expect(s.case.stage).toBe('gathering');
    expect(s.case.parties.every((p) => p.required)).toBe(true);

    s.toEvaluation();
    expect(s.case.stage).toBe('follow-up');
    expect(s.case.evaluationWindow).not.toBeNull();

    s.evaluate('u1', 'satisfied').evaluate('u2', 'basically-satisfied').evaluate('u3', 'satisfied');
    const closing = s.advance(3);
    expect(types(closing)).toEqual(['EvaluationConcluded', 'CaseClosed']);
    expect(s.case.status).toBe('closed');
    expect(s.case.closure).toEqual({ outcome: 'resolved', reason: null });
    expect(s.case.closedAt).toBe(s.now);
    expect(s.case.stageHistory.map((e) => [e.stage, e.cause])).toEqual([
      ['gathering', 'opened'],
      ['analysis', 'advanced'],
      ['deliberation', 'advanced'],
      ['follow-up', 'advanced'],
    ]);
    expect(s.case.stageHistory.every((e) => e.leftAt !== null)).toBe(true);
    expect(s.case.parties.map((p) => p.acknowledgedStages)).toEqual(
      PARTIES.map(() => ['gathering', 'analysis', 'deliberation', 'follow-up']),
    );
  });

  it('walks a neighbourhood consultation with only its required parties', () => {
    const s = Scenario.open('neighbourhood-consultation');
    expect(s.case.parties.filter((p) => p.required).map((p) => p.party)).toEqual([
      'party-organisation',
      'resident-representatives',
    ]);
    s.toDeliberation()
      .acknowledge()
      .meet(['party-organisation', 'resident-representatives'])
      .resolve();
    expect(types(s.advance())).toEqual(['StageAdvanced', 'StageEntered']);
    expect(s.case.stage).toBe('follow-up');
  });

  it('records every stage entry with its time and the deadlines of the required parties', () => {
    const s = Scenario.open('neighbourhood-consultation', {
      involvedParties: ['property-company'],
    });
    const entered = s.events[1];
    expect(entered).toEqual({
      type: 'StageEntered',
      data: {
        stage: 'gathering',
        entry: 1,
        cause: 'opened',
        enteredAt: at(0),
        settings: SETTINGS,
        deadlines: ['party-organisation', 'property-company', 'resident-representatives'].map(
          (party) => ({ party, deadline: at(48), remindAt: at(36) }),
        ),
      },
    });
  });

  it('produces plain JSON events that replay to the same state', () => {
    const s = Scenario.open().toEvaluation();
    s.evaluate('u1', 'dissatisfied').wait(SETTINGS.evaluationWindowHours).advance();
    const json = JSON.parse(JSON.stringify(s.events)) as typeof s.events;
    expect(json).toStrictEqual(s.events);
    expect(fold(json)).toStrictEqual(s.state);
  });

  it('is pure: the same command, state and context give the same events', () => {
    const context = { now: at(0), actorId: 'secretary-1' };
    expect(decide(openCommand(), null, context)).toStrictEqual(
      decide(openCommand(), null, context),
    );
  });
});
