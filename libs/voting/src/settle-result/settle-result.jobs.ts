import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type Job } from 'bullmq';
import {
  AlreadyExistsError,
  NotFoundError,
  WrongStageError,
  type ObjectionAnswered,
  type PreliminaryResultPublished,
  type ResultFinalised,
  type VotingClosed,
  type VotingOpened,
} from '@yishi/domain';
import { type RecordedEvent } from '@yishi/event-store';
import { OnEvent, OnJob, QUEUES, type VotingFinaliseJobData } from '@yishi/messaging';
import { runWithContext, type Logger } from '@yishi/observability';
import { LOGGER, QueueRegistry } from '@yishi/platform';
import { WORKFLOW_ACTOR } from '@yishi/cases';
import { ResolutionRepository } from '../resolution.repository';
import { EARLY_RETRY_MS } from '../voting-jobs';
import { FinaliseResultCommand, SettleResultCommand } from './settle-result.command';

/** BullMQ job id of a vote's finalisation at the end of its objection period. */
export function finaliseVoteJobId(resolutionId: string): string {
  return `finalise-vote_${resolutionId}`;
}

/**
 * The result after the ballot box, by itself:
 * - VotingClosed: the result is settled (again: the same result changes nothing), so a close that
 *   crashed between the ballot box and the case still reaches it: with an objection period (询异)
 *   the preliminary result is published, otherwise the result is final and recorded on the case;
 * - PreliminaryResultPublished: the finalisation job at the end of the objection period;
 * - ObjectionAnswered: the result is finalised if the period is over and nothing waits an answer;
 * - ResultFinalised: the final result is recorded on the case (again, for a crash before it).
 * Each runs SettleResultCommand or FinaliseResultCommand. The case then moves by the existing
 * reactions: a passed vote advances it, a failed one has already returned it to analysis. Run by
 * the worker (its module provides this class); the reconciler's VotingRepairs adds a finalise job
 * Redis lost.
 */
@Injectable()
export class SettleResultJobs {
  constructor(
    private readonly commands: CommandBus,
    private readonly queues: QueueRegistry,
    private readonly resolutions: ResolutionRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Thin: parse the job, run the use case. */
  @OnJob({ name: 'finalise-vote', queue: QUEUES.votingClose })
  async onFinaliseVote(job: Job<VotingFinaliseJobData>): Promise<void> {
    await runWithContext({ correlationId: String(job.id) }, () =>
      this.finaliseAtObjectionUntil(job.data),
    );
  }

  /**
   * The end of the objection period: the result becomes final, unless an objection still waits
   * for its answer (then the last answer finalises it). A vote cancelled meanwhile ends it.
   */
  async finaliseAtObjectionUntil({
    resolutionId,
    objectionUntil,
  }: VotingFinaliseJobData): Promise<void> {
    const early = Date.parse(objectionUntil) - Date.now();
    if (early > 0) throw new Error(`finalise-vote ran ${early} ms early; retried`);
    try {
      const done = await this.commands.execute(
        new FinaliseResultCommand(resolutionId, { actorId: WORKFLOW_ACTOR }),
      );
      if (done === undefined)
        this.logger.info({ resolutionId }, 'vote not final yet: an objection waits for its answer');
    } catch (error) {
      if (error instanceof WrongStageError || error instanceof NotFoundError) {
        this.logger.info({ resolutionId, err: error }, 'vote not finalised by the queue');
        return;
      }
      throw error;
    }
  }

  /** The delayed finalisation at `objectionUntil`; a job that exists is left as it is. */
  async addFinaliseJob(
    voting: VotingOpened['data'],
    preliminary: PreliminaryResultPublished['data'],
  ): Promise<void> {
    const data: VotingFinaliseJobData = {
      resolutionId: voting.resolutionId,
      caseId: voting.caseId,
      objectionUntil: preliminary.objectionUntil,
    };
    await this.queues.get(QUEUES.votingClose).add('finalise-vote', data, {
      jobId: finaliseVoteJobId(voting.resolutionId),
      delay: Math.max(0, Date.parse(preliminary.objectionUntil) - Date.now()) + EARLY_RETRY_MS,
    });
  }

  @OnEvent('VotingClosed')
  private async onVotingClosed(event: RecordedEvent): Promise<void> {
    const { resolutionId } = event.data as VotingClosed['data'];
    await this.settleQuietly(resolutionId);
  }

  @OnEvent('ResultFinalised')
  private async onResultFinalised(event: RecordedEvent): Promise<void> {
    const { resolutionId } = event.data as ResultFinalised['data'];
    await this.settleQuietly(resolutionId);
  }

  /** Settles the result (domain events first, then the case); idempotent. */
  private async settleQuietly(resolutionId: string): Promise<void> {
    try {
      await this.commands.execute(
        new SettleResultCommand(resolutionId, { actorId: WORKFLOW_ACTOR }),
      );
    } catch (error) {
      // The case closed by hand while voting: there is no result to record. A different result on
      // the case already: nothing the queue can settle by trying again.
      if (error instanceof WrongStageError || error instanceof AlreadyExistsError) {
        this.logger.warn({ resolutionId, err: error }, 'vote result not recorded');
        return;
      }
      throw error;
    }
  }

  /** The preliminary result is out: the finalisation job at the end of the objection period. */
  @OnEvent('PreliminaryResultPublished')
  private async onPreliminary(event: RecordedEvent): Promise<void> {
    const preliminary = event.data as PreliminaryResultPublished['data'];
    const voting = await this.resolutions.snapshot(preliminary.resolutionId);
    if (voting === undefined) return;
    await this.addFinaliseJob(voting, preliminary);
  }

  /** An answer may be the last one after the period: then the result becomes final. */
  @OnEvent('ObjectionAnswered')
  private async onObjectionAnswered(event: RecordedEvent): Promise<void> {
    const { resolutionId } = event.data as ObjectionAnswered['data'];
    try {
      await this.commands.execute(
        new FinaliseResultCommand(resolutionId, { actorId: WORKFLOW_ACTOR }),
      );
    } catch (error) {
      if (error instanceof WrongStageError || error instanceof AlreadyExistsError) {
        this.logger.warn({ resolutionId, err: error }, 'vote not finalised');
        return;
      }
      throw error;
    }
  }
}
