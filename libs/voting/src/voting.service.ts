import { Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import {
  type BallotCast,
  type BallotRequest,
  type VotingClosed,
  type VotingOpened,
} from '@yishi/domain';
import { type EventStore } from '@yishi/event-store';
import { type CaseRepository } from '@yishi/cases';
import { BallotBox } from './ballot-box';
import { CastBallotCommand } from './cast-ballot/cast-ballot.command';
import { CastBallotHandler } from './cast-ballot/cast-ballot.handler';
import { CloseVotingCommand } from './close-voting/close-voting.command';
import { CloseVotingHandler } from './close-voting/close-voting.handler';
import { ResolutionRepository } from './resolution.repository';
import { VoteResults } from './vote-results';
import { type Actor, type TallyView, type Voter } from './voting.types';

/**
 * Ballots and the close called directly, outside the buses: by the test fixtures that write a
 * case's vote without HTTP (`standalone`, outside a Nest container). Each delegates to the use
 * case's handler, so there is one implementation; the API and the worker go through the command
 * bus instead.
 */
@Injectable()
export class VotingService {
  constructor(
    private readonly resolutions: ResolutionRepository,
    private readonly casting: CastBallotHandler,
    private readonly closing: CloseVotingHandler,
  ) {}

  /**
   * One outside a Nest container (tests, a second "process"), with its own caches: in the API
   * and the worker the module's instance shares them with every handler.
   */
  static standalone(store: EventStore, pool: Pool, cases: CaseRepository): VotingService {
    const resolutions = new ResolutionRepository(store, pool, cases);
    const ballots = new BallotBox(store, pool);
    const results = new VoteResults(resolutions, ballots, cases, pool);
    return new VotingService(
      resolutions,
      new CastBallotHandler(resolutions, ballots, pool),
      new CloseVotingHandler(resolutions, results, cases),
    );
  }

  /** The frozen snapshot, if voting has opened. */
  snapshot(resolutionId: string): Promise<VotingOpened['data'] | undefined> {
    return this.resolutions.snapshot(resolutionId);
  }

  cast(resolutionId: string, voter: Voter, request: BallotRequest): Promise<BallotCast['data']> {
    return this.casting.execute(new CastBallotCommand(resolutionId, voter, request));
  }

  close(
    resolutionId: string,
    actor: Actor,
    trigger: VotingClosed['data']['trigger'],
  ): Promise<TallyView> {
    return this.closing.execute(new CloseVotingCommand(resolutionId, actor, trigger));
  }
}
