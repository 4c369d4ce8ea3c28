import { Command } from '@nestjs/cqrs';
import { type BallotCast, type BallotRequest } from '@yishi/domain';
import { type Voter } from '../voting.types';

/** A unit's ballot: the owner's own, an agent's under a written proxy, or a paper ballot. */
export class CastBallotCommand extends Command<BallotCast['data']> {
  constructor(
    readonly resolutionId: string,
    readonly voter: Voter,
    readonly request: BallotRequest,
  ) {
    super();
  }
}
