import { EVENT_ROUTES, QUEUES } from './queues';

describe('EVENT_ROUTES', () => {
  const routed = (type: string) => EVENT_ROUTES.filter((r) => r.accepts(type)).map((r) => r.queue);

  it('sends every event with a reaction to the domain-events queue', () => {
    for (const type of ['CaseOpened', 'ResolutionDrafted', 'VotingOpened', 'VotingClosed'])
      expect(routed(type)).toEqual([QUEUES.domainEvents]);
  });

  it('keeps ballots off the queues: nothing reacts to one, and an estate casts them at once', () => {
    expect(routed('BallotCast')).toEqual([]);
  });
});
