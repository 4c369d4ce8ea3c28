import { Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import {
  type BallotCast,
  type BallotRequest,
  type ResultRecord,
  type VotingClosed,
  type VotingOpened,
} from '@yishi/domain';
import { type EventStore } from '@yishi/event-store';
import { type CaseRepository } from '@yishi/cases';
import { BallotBox } from './ballot-box';
import { CastBallotCommand } from './cast-ballot/cast-ballot.command';
import { CastBallotHandler } from './cast-ballot/cast-ballot.handler';
import { CancelVotingCommand, CloseVotingCommand } from './close-voting/close-voting.command';
import { CancelVotingHandler, CloseVotingHandler } from './close-voting/close-voting.handler';
import { ResolutionRepository } from './resolution.repository';
import { VoteResults } from './vote-results';
import { type Actor, type TallyView, type Voter } from './voting.types';

/**
 * The voting use cases the worker's reactions and the demo seed call directly, outside an HTTP
 * request: each delegates to the use case's handler or the shared provider, so there is one
 * implementation. HTTP goes through the command and query buses instead.
 */
@Injectable()
export class VotingService {
  constructor(
    private readonly resolutions: ResolutionRepository,
    private readonly results: VoteResults,
    private readonly casting: CastBallotHandler,
    private readonly closing: CloseVotingHandler,
    private readonly cancelling: CancelVotingHandler,
  ) {}

  /**
   * One outside a Nest container (tests, a second "process"), with its own caches: in the API
   * and the worker inject the module's instance instead, so every handler shares them.
   */
  static standalone(store: EventStore, pool: Pool, cases: CaseRepository): VotingService {
    const resolutions = new ResolutionRepository(store, pool, cases);
    const ballots = new BallotBox(store, pool);
    const results = new VoteResults(resolutions, ballots, cases, pool);
    return new VotingService(
      resolutions,
      results,
      new CastBallotHandler(resolutions, ballots, pool),
      new CloseVotingHandler(resolutions, results, cases),
      new CancelVotingHandler(resolutions),
    );
  }

  /** Freezes the electorate (idempotent): see ResolutionRepository.open. */
  open(resolutionId: string): Promise<VotingOpened['data']> {
    return this.resolutions.open(resolutionId);
  }

  /** The frozen snapshot, if voting has opened. */
  snapshot(resolutionId: string): Promise<VotingOpened['data'] | undefined> {
    return this.resolutions.snapshot(resolutionId);
  }

  /** Whether the ballot box takes no more ballots, asked now. */
  closedForBallots(voting: VotingOpened['data']): Promise<boolean> {
    return this.resolutions.closedForBallots(voting);
  }

  /** What the resolution's stream says after the ballot box. */
  resultRecord(resolutionId: string): Promise<ResultRecord> {
    return this.resolutions.resultRecord(resolutionId);
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

  cancel(resolutionId: string, actorId: string): Promise<void> {
    return this.cancelling.execute(new CancelVotingCommand(resolutionId, actorId));
  }

  /** Publishes the preliminary or final result after the close, and records a final one. */
  settle(resolutionId: string, actor: Actor): Promise<TallyView> {
    return this.results.settle(resolutionId, actor);
  }

  /** Kept for callers of the simple form: the same as `settle`. */
  recordResult(resolutionId: string, actor: Actor): Promise<TallyView> {
    return this.results.settle(resolutionId, actor);
  }

  /** The final result once the objection period is over and every objection answered. */
  finalise(resolutionId: string, actor: Actor): Promise<TallyView | undefined> {
    return this.results.finalise(resolutionId, actor);
  }
}
