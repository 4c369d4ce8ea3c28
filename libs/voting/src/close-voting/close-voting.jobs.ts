import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type Job } from 'bullmq';
import {
  NotFoundError,
  WrongStageError,
  type ResolutionCancelled,
  type VotingOpened,
} from '@yishi/domain';
import { type RecordedEvent } from '@yishi/event-store';
import { OnEvent, OnJob, QUEUES, type VotingCloseJobData } from '@yishi/messaging';
import { runWithContext, type Logger } from '@yishi/observability';
import { LOGGER, QueueRegistry } from '@yishi/platform';
import { caseIdOf, WORKFLOW_ACTOR } from '@yishi/cases';
import { EARLY_RETRY_MS } from '../voting-jobs';
import { CancelVotingCommand, CloseVotingCommand } from './close-voting.command';

/** BullMQ job id of a resolution's close: one per resolution; no ':' and never all digits. */
export function closeVotingJobId(resolutionId: string): string {
  return `close-voting_${resolutionId}`;
}

/**
 * The ballot box closes by itself: when voting opens, a delayed job at `closesAt`, which runs
 * CloseVotingCommand (the result is then settled by SettleResultJobs' reaction to VotingClosed);
 * and when the case is closed by hand while voting (ResolutionCancelled), CancelVotingCommand
 * closes it for good. Run by the worker (its module provides this class); the reconciler's
 * VotingRepairs adds a close job Redis lost.
 */
@Injectable()
export class CloseVotingJobs {
  constructor(
    private readonly commands: CommandBus,
    private readonly queues: QueueRegistry,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Thin: parse the job, run the use case. */
  @OnJob({ name: 'close-voting', queue: QUEUES.votingClose })
  async onCloseVoting(job: Job<VotingCloseJobData>): Promise<void> {
    await runWithContext({ correlationId: String(job.id) }, () => this.closeAtClosesAt(job.data));
  }

  /** The queue's close at `closesAt`; a case closed meanwhile, or a resolution gone, ends it. */
  async closeAtClosesAt({ resolutionId, closesAt }: VotingCloseJobData): Promise<void> {
    const early = Date.parse(closesAt) - Date.now();
    // Thrown, so BullMQ tries again after its backoff: never close before the announced time.
    if (early > 0) throw new Error(`close-voting ran ${early} ms early; retried`);
    try {
      await this.commands.execute(
        new CloseVotingCommand(resolutionId, { actorId: WORKFLOW_ACTOR }, 'closes-at'),
      );
    } catch (error) {
      if (error instanceof WrongStageError || error instanceof NotFoundError) {
        this.logger.info({ resolutionId, err: error }, 'voting not closed by the queue');
        return;
      }
      throw error;
    }
  }

  /** Voting opened: the close job (the reminders are VoteReminderJobs', the calls VotingNotices'). */
  @OnEvent('VotingOpened')
  private async onVotingOpened(event: RecordedEvent): Promise<void> {
    await this.addCloseJob(event.data as VotingOpened['data']);
  }

  /** The delayed close at `closesAt`; a job that exists (in any state) is left as it is. */
  async addCloseJob(opened: VotingOpened['data']): Promise<void> {
    const data: VotingCloseJobData = {
      resolutionId: opened.resolutionId,
      caseId: opened.caseId,
      closesAt: opened.closesAt,
    };
    await this.queues.get(QUEUES.votingClose).add('close-voting', data, {
      jobId: closeVotingJobId(opened.resolutionId),
      delay: Math.max(0, Date.parse(opened.closesAt) - Date.now()) + EARLY_RETRY_MS,
    });
  }

  @OnEvent('ResolutionCancelled')
  private async onResolutionCancelled(event: RecordedEvent): Promise<void> {
    if (caseIdOf(event.streamId) === undefined) return;
    const { resolutionId } = event.data as ResolutionCancelled['data'];
    await this.commands.execute(
      new CancelVotingCommand(resolutionId, event.metadata.actorId ?? WORKFLOW_ACTOR),
    );
  }
}
