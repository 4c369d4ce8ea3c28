import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type VotingOpened } from '@yishi/domain';
import { type Logger } from '@yishi/observability';
import { LOGGER } from '@yishi/platform';
import { CaseRepository } from '@yishi/cases';
import { ResolutionRepository } from '../resolution.repository';
import { DraftResolutionCommand } from './draft-resolution.command';
import { OpenVotingCommand } from './open-voting.command';

/**
 * The draft on the case (DraftResolution), then at once the freeze of the electorate: the units of
 * the case's scope, their areas and owners as VotingOpened on the resolution's stream.
 */
@CommandHandler(DraftResolutionCommand)
export class DraftResolutionHandler implements ICommandHandler<DraftResolutionCommand> {
  constructor(
    private readonly cases: CaseRepository,
    private readonly resolutions: ResolutionRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute({
    caseId,
    resolutionId,
    draft,
    actor,
  }: DraftResolutionCommand): Promise<{ readonly version: number }> {
    const { version } = await this.cases.execute(
      caseId,
      { type: 'DraftResolution', data: { resolutionId, ...draft } },
      actor,
    );
    try {
      await this.resolutions.open(resolutionId);
    } catch (error) {
      // The draft is recorded; the worker's reaction to it freezes the electorate.
      this.logger.warn({ err: error, resolutionId }, 'voting not opened with the draft');
    }
    return { version };
  }
}

/** The freeze alone, idempotent (the first freeze stands): see ResolutionRepository.open. */
@CommandHandler(OpenVotingCommand)
export class OpenVotingHandler implements ICommandHandler<OpenVotingCommand> {
  constructor(private readonly resolutions: ResolutionRepository) {}

  execute({ resolutionId }: OpenVotingCommand): Promise<VotingOpened['data']> {
    return this.resolutions.open(resolutionId);
  }
}
