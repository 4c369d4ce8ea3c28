import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Pool } from 'pg';
import { WrongStageError, type VotingOpened } from '@yishi/domain';
import { type Logger } from '@yishi/observability';
import { LOGGER, PG_POOL } from '@yishi/platform';
import { householdsInScope } from '@yishi/registry';
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
    @Inject(PG_POOL) private readonly db: Pool,
  ) {}

  async execute({
    caseId,
    resolutionId,
    draft,
    actor,
  }: DraftResolutionCommand): Promise<{ readonly version: number }> {
    if (draft.rule === 'resident-poll') await this.refuseAPollOfNobody(caseId);
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

  /**
   * A poll needs households to ask: one over a scope where no resident (owner or tenant) is
   * registered is refused before anything is written (409 WRONG_STAGE), rather than opened to
   * fail. A case not found or not in deliberation gets the decider's own answer.
   */
  private async refuseAPollOfNobody(caseId: string): Promise<void> {
    const { state } = await this.cases.load(caseId);
    if (state === null || state.stage !== 'deliberation') return;
    const households = await householdsInScope(this.db, state.communityId, state.scope);
    if (households.length === 0)
      throw new WrongStageError('征询范围内没有登记的住户（业主或租户），无法发起居民意见征询', {
        field: 'rule',
        scope: state.scope,
      });
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
