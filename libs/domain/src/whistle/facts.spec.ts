/* The facts of each track that the street's figures count. */
import { whistleTrackFacts } from './facts';
import { at, CG, CG_DISPATCHER, SC, SECRETARY, WhistleScenario, ZJ } from './whistle.fixtures';

describe('the facts of a whistle’s tracks', () => {
  it('say when the department got it, accepted it, came and answered, in elapsed hours', () => {
    // Issued Monday 09:00; accepted 10:00; on site 11:30; answered Tuesday 09:00 (24 hours).
    const s = WhistleScenario.issue().wait(1).accept().wait(1.5).checkIn().wait(21.5).answer();
    s.wait(2).rate('basically-satisfied');
    expect(whistleTrackFacts(s.whistle)).toEqual([
      {
        whistleId: 'whistle-1',
        communityId: 'community-1',
        streetId: 'street-1',
        departmentId: CG,
        trackNumber: 1,
        status: 'closed',
        whistleStatus: 'closed',
        issuedAt: at(0),
        transferredFrom: null,
        acceptDueAt: '2026-12-07T03:00:00.000Z',
        acceptedAt: at(1),
        acceptedOnTime: true,
        firstCheckInAt: at(2.5),
        hoursToCheckIn: 2.5,
        firstAnswerAt: at(24),
        hoursToAnswer: 24,
        transferredAway: null,
        ratings: ['basically-satisfied'],
        rating: 'basically-satisfied',
        reopenings: 0,
        overdueEscalations: 0,
      },
    ]);
  });

  it('count a transfer against the department that passed it on, and time the next from it', () => {
    const s = WhistleScenario.issue({ departmentIds: [CG, SC] }).wait(3);
    s.as(CG_DISPATCHER).run({
      type: 'TransferWhistle',
      data: { toDepartmentId: ZJ, reason: '属住建' },
    });
    s.wait(1).accept(ZJ).wait(1).checkIn(ZJ);
    const facts = whistleTrackFacts(s.whistle);
    expect(facts.map((f) => [f.trackNumber, f.departmentId, f.status])).toEqual([
      [1, CG, 'transferred'],
      [2, SC, 'issued'],
      [3, ZJ, 'on-site'],
    ]);
    expect(facts[0]).toMatchObject({
      acceptedAt: null,
      acceptedOnTime: null,
      transferredAway: { toDepartmentId: ZJ, by: CG_DISPATCHER, reason: '属住建', at: at(3) },
    });
    expect(facts[2]).toMatchObject({
      issuedAt: at(3),
      transferredFrom: CG,
      acceptedOnTime: true,
      hoursToCheckIn: 2,
      hoursToAnswer: null,
      transferredAway: null,
      whistleStatus: 'issued',
    });
  });

  it('keep every rating and the reopenings; the last rating is the track’s', () => {
    const s = WhistleScenario.answered().rate('dissatisfied').wait(24).checkIn().answer();
    s.rate('satisfied');
    expect(whistleTrackFacts(s.whistle)[0]).toMatchObject({
      ratings: ['dissatisfied', 'satisfied'],
      rating: 'satisfied',
      reopenings: 1,
      // The first answer's time: how long the community waited for one.
      hoursToAnswer: 3,
    });
  });

  it('count late acceptance and escalations; a withdrawn whistle says so', () => {
    const s = WhistleScenario.issue({ departmentIds: [CG, ZJ] }).wait(2.5);
    s.as('system').run({
      type: 'EscalateOverdue',
      data: { departmentId: ZJ, deadline: 'accept', dueAt: '2026-12-07T03:00:00.000Z' },
    });
    s.accept(ZJ);
    s.as(SECRETARY).run({ type: 'WithdrawWhistle', data: { reason: '重复吹哨' } });
    const [cg, zj] = whistleTrackFacts(s.whistle);
    expect(cg).toMatchObject({ acceptedOnTime: null, overdueEscalations: 0 });
    expect(zj).toMatchObject({
      acceptedOnTime: false,
      overdueEscalations: 1,
      whistleStatus: 'withdrawn',
    });
  });
});
