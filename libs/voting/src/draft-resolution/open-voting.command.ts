import { Command } from '@nestjs/cqrs';
import { type VotingOpened } from '@yishi/domain';

/** Freezes the electorate of a drafted resolution (idempotent): the worker's reaction to a draft. */
export class OpenVotingCommand extends Command<VotingOpened['data']> {
  constructor(readonly resolutionId: string) {
    super();
  }
}
