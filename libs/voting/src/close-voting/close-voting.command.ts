import { Command } from '@nestjs/cqrs';
import { type VotingClosed } from '@yishi/domain';
import { type Actor, type TallyView } from '../voting.types';

/** Closes the ballot box and settles the result: by the secretary, or the queue at `closesAt`. */
export class CloseVotingCommand extends Command<TallyView> {
  constructor(
    readonly resolutionId: string,
    readonly actor: Actor,
    readonly trigger: VotingClosed['data']['trigger'],
  ) {
    super();
  }
}

/** The case was closed while this resolution was open: the ballot box closes for good. */
export class CancelVotingCommand extends Command<void> {
  constructor(
    readonly resolutionId: string,
    readonly actorId: string,
  ) {
    super();
  }
}
