import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CastBallotHandler } from './cast-ballot/cast-ballot.handler';
import { OpenVotingCommand } from './draft-resolution/open-voting.command';
import { TallyQuery } from './resolution-queries/resolution.query';
import { ResolutionRepository } from './resolution.repository';
import { type TestDatabase } from '../../../test/support/database';
import { startDemoPlatform, type TestPlatform } from '../../../test/support/platform';

/*
 * The voting module in a running platform (the API and the worker in one process, on the demo's
 * open vote): the buses reach the handlers, and the frozen snapshots are one cache for the whole
 * process, whoever asks (a handler on the bus, the worker's jobs through the bus, a query).
 */
describe('VotingModule', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let resolutionId: string;

  beforeAll(async () => {
    ({ db, platform } = await startDemoPlatform('voting-module'));
    const { rows } = await db.pool.query<{ id: string }>(
      `SELECT data->>'resolutionId' AS id FROM events WHERE type = 'VotingOpened'
        ORDER BY global_position DESC LIMIT 1`,
    );
    resolutionId = rows[0]!.id;
  });

  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  it('shares one ResolutionRepository between the bus handlers and the module', async () => {
    const app = platform.app;
    const opened = await app.get(CommandBus).execute(new OpenVotingCommand(resolutionId));
    expect(opened.resolutionId).toBe(resolutionId);
    // The same object, not an equal one: a cache of each process, not of each handler.
    expect(await app.get(ResolutionRepository).snapshot(resolutionId)).toBe(opened);
    expect(app.get(CastBallotHandler, { strict: false })).toBeInstanceOf(CastBallotHandler);
  });

  it('answers a tally query on the QueryBus', async () => {
    const tally = await platform.app.get(QueryBus).execute(new TallyQuery(resolutionId));
    expect(tally.resolutionId).toBe(resolutionId);
    expect(typeof tally.final).toBe('boolean');
  });
});
