/**
 * A whistle as its demand and its case see it (docs/whistles.md, "Links to demands and cases"):
 * the steps recorded once and only forward; a demand cannot be resolved while a whistle the
 * community blew is open; a case cannot close while any whistle is open; a party escalated to the
 * street counts as having signed only once the street has answered.
 */
import { at, Scenario, SETTINGS } from '../case/case.fixtures';
import { gate, requiredParties } from '../case/gates';
import {
  DemandScenario,
  GRID_WORKER,
  rejection,
  SECRETARY,
  types,
} from '../demand/demand.fixtures';
import { whistleLinkEvents, type WhistleProgress } from './links';

const open = (whistleId: string, escalationId: string | null = null): WhistleProgress => ({
  whistleId,
  escalationId,
  answered: false,
  outcome: null,
});
const answered = (whistleId: string): WhistleProgress => ({
  whistleId,
  answered: true,
  outcome: null,
});
const closed = (whistleId: string): WhistleProgress => ({
  whistleId,
  answered: true,
  outcome: 'closed',
});

describe('the steps of a whistle link', () => {
  it('links, answers and settles once each, in order, whatever the reports repeat', () => {
    const s = DemandScenario.receive();
    expect(types(s.run({ type: 'RecordWhistle', data: open('w1') }))).toEqual(['DemandWhistled']);
    expect(s.run({ type: 'RecordWhistle', data: open('w1') })).toEqual([]);
    expect(types(s.run({ type: 'RecordWhistle', data: closed('w1') }))).toEqual([
      'DemandWhistleAnswered',
      'DemandWhistleSettled',
    ]);
    // A late report of an earlier step changes nothing: the steps only move forward.
    expect(s.run({ type: 'RecordWhistle', data: answered('w1') })).toEqual([]);
    expect(s.run({ type: 'RecordWhistle', data: open('w1') })).toEqual([]);
    expect(s.demand.whistles).toEqual([
      {
        whistleId: 'w1',
        escalationId: null,
        linkedAt: s.now,
        answeredAt: s.now,
        outcome: 'closed',
        settledAt: s.now,
      },
    ]);
  });

  it('records a whistle first seen settled in one report, and a withdrawal without an answer', () => {
    const events = whistleLinkEvents(
      'Case',
      [],
      { whistleId: 'w2', answered: false, outcome: 'withdrawn' },
      at(1),
    );
    expect(events).toEqual([
      { type: 'CaseWhistled', data: { whistleId: 'w2', escalationId: null, whistledAt: at(1) } },
      {
        type: 'CaseWhistleSettled',
        data: { whistleId: 'w2', outcome: 'withdrawn', settledAt: at(1) },
      },
    ]);
  });

  it('refuses a report without a whistle or with an unknown outcome', () => {
    const s = DemandScenario.receive();
    rejection(
      () => s.decide({ type: 'RecordWhistle', data: { ...open(''), whistleId: ' ' } }),
      'VALIDATION_FAILED',
    );
    rejection(
      () =>
        s.decide({
          type: 'RecordWhistle',
          data: { ...open('w1'), outcome: 'lost' as 'closed' },
        }),
      'VALIDATION_FAILED',
    );
  });
});

describe('a demand waits for the whistles the community blew', () => {
  const working = () => {
    const s = DemandScenario.receive();
    s.as(GRID_WORKER).accept();
    return s;
  };

  it('refuses to be resolved while one is open (409 WHISTLE_OPEN), and resolves once it is settled', () => {
    const s = working();
    s.run({ type: 'RecordWhistle', data: open('w1') });
    s.run({ type: 'RecordWhistle', data: answered('w1') });
    const error = rejection(() => s.resolve(), 'WHISTLE_OPEN');
    expect(error.message).toContain('部门尚未反馈');
    expect(error.details).toEqual({ whistleIds: ['w1'] });
    s.as(SECRETARY).run({ type: 'RecordWhistle', data: closed('w1') });
    s.as(GRID_WORKER).resolve();
    expect(s.demand.status).toBe('resolved');
  });

  it('is not held by an escalation to the street (the grid may still resolve it)', () => {
    const s = working();
    s.run({ type: 'RecordWhistle', data: open('w9', 'demand-timer_x') });
    s.resolve();
    expect(s.demand.status).toBe('resolved');
  });

  it('records whistles after it is closed or withdrawn too', () => {
    const s = DemandScenario.receive();
    s.run({ type: 'WithdrawDemand', data: { reason: '已自行解决' } });
    expect(types(s.run({ type: 'RecordWhistle', data: closed('w1') }))).toHaveLength(3);
  });
});

describe('a case and its whistles', () => {
  it('cannot close while a whistle is open; settled ones do not hold it', () => {
    const s = Scenario.open().toEvaluation().evaluate('u1', 'satisfied');
    expect(gate(s.case, 'closed', s.now, { unitsInScope: 1 })).toEqual([]);
    s.run({ type: 'RecordWhistle', data: open('w1') });
    s.run({ type: 'RecordWhistle', data: answered('w1') });
    expect(gate(s.case, 'closed', s.now, { unitsInScope: 1 })).toEqual([
      {
        condition: 'whistles',
        message: '还有 1 个吹哨未办结（部门反馈并评价后才能销号）',
        whistleIds: ['w1'],
      },
    ]);
    // Other gates do not wait for whistles.
    s.run({ type: 'RecordWhistle', data: closed('w1') });
    expect(gate(s.case, 'closed', s.now, { unitsInScope: 1 })).toEqual([]);
  });

  it('does not hold a round that reopens follow-up (the whistle goes on into the next round)', () => {
    const s = Scenario.open().toEvaluation().evaluate('u1', 'dissatisfied');
    s.run({ type: 'RecordWhistle', data: open('w1') });
    expect(gate(s.case, 'closed', s.now, { unitsInScope: 1 })).toEqual([]);
    // Too few answers closes the case (unevaluated): that waits for the whistle.
    expect(gate(s.case, 'closed', s.now, { unitsInScope: 10 }).map((u) => u.condition)).toEqual([
      'evaluation',
      'whistles',
    ]);
  });

  it('records a whistle after the case closed by hand', () => {
    const s = Scenario.open();
    s.run({ type: 'RecordWhistle', data: open('w1') });
    s.run({ type: 'CloseCase', data: { outcome: 'withdrawn' } });
    expect(s.run({ type: 'RecordWhistle', data: closed('w1') }).map((e) => e.type)).toEqual([
      'CaseWhistleAnswered',
      'CaseWhistleSettled',
    ]);
  });

  const escalated = (toStreet: boolean) => {
    const s = Scenario.open();
    s.acknowledge(requiredParties(s.case).filter((p) => p !== 'property-company'));
    s.wait(SETTINGS.acknowledgementHours);
    s.run({
      type: 'EscalateParty',
      data: { party: 'property-company', stage: 'gathering', toStreet },
    });
    return s;
  };
  const unmetParties = (s: Scenario) =>
    gate(s.case, 'analysis', s.now)
      .filter((u) => u.condition === 'acknowledgement')
      .map((u) => [u.party, u.message]);

  it('counts a party escalated to the street as signed only once the street has answered', () => {
    const s = escalated(true);
    expect(s.case.escalations[0]?.toStreet).toBe(true);
    expect(unmetParties(s)).toEqual([
      ['property-company', '物业服务企业逾期未签收“了解诉求”阶段，已吹哨，待街道反馈'],
    ]);
    // The whistle of another escalation does not count for it.
    s.run({ type: 'RecordWhistle', data: { ...answered('w0'), escalationId: 'ack_9_x' } });
    s.run({ type: 'RecordWhistle', data: open('w1', 'ack_1_property-company') });
    expect(unmetParties(s)).toHaveLength(1);
    s.run({ type: 'RecordWhistle', data: answered('w1') });
    expect(unmetParties(s)).toEqual([]);
  });

  it('counts a party escalated where there is no street to whistle as before: at once', () => {
    const s = escalated(false);
    expect(s.case.escalations[0]?.toStreet).toBeUndefined();
    expect(unmetParties(s)).toEqual([]);
  });

  it('still lets the escalated party sign, which settles the gate without the street', () => {
    const s = escalated(true);
    s.acknowledge(['property-company']);
    expect(unmetParties(s)).toEqual([]);
  });
});
