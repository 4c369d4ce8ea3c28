import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { AlreadyExistsError, WrongStageError, type Case } from '@yishi/domain';
import { QUEUES } from '@yishi/messaging';
import { QueueRegistry } from '@yishi/platform';
import { WORKFLOW_ACTOR, type OpenCaseRepairs } from '@yishi/cases';
import { closeVotingJobId, CloseVotingJobs } from '../close-voting/close-voting.jobs';
import { OpenVotingCommand } from '../draft-resolution/open-voting.command';
import { VoteReminderJobs } from '../remind-voters/remind-voters.jobs';
import { ResolutionRepository } from '../resolution.repository';
import { SettleResultCommand } from '../settle-result/settle-result.command';
import { finaliseVoteJobId, SettleResultJobs } from '../settle-result/settle-result.jobs';

/** Voting's counters in the reconciler's report, with their `what` label of the metric. */
const COUNTERS = {
  /** Drafted resolutions whose electorate was never frozen (VotingOpened lost): opened now. */
  votingOpened: 'voting-opened',
  /** `close-voting_<resolution>` jobs of open resolutions that Redis lost (or held finished). */
  closeVotingJobs: 'close-voting-job',
  /** Reminder jobs to non-voters of open resolutions that Redis lost, added again. */
  voteReminderJobs: 'vote-reminder-job',
  /** `finalise-vote_<resolution>` jobs of votes in their objection period that Redis lost. */
  finaliseVotingJobs: 'finalise-vote-job',
  /** Closed votes whose result was not settled (preliminary or final) or not on the case: done now. */
  votingSettled: 'voting-settled',
} as const;

/**
 * Voting's part of the reconciler (libs/cases ReconcilerJobs, which the worker gives it as an
 * OpenCaseRepairs): for each open case, what Redis lost of its votes' jobs.
 */
@Injectable()
export class VotingRepairs implements OpenCaseRepairs {
  readonly counters = COUNTERS;

  constructor(
    private readonly commands: CommandBus,
    private readonly queues: QueueRegistry,
    private readonly resolutions: ResolutionRepository,
    private readonly closing: CloseVotingJobs,
    private readonly reminders: VoteReminderJobs,
    private readonly settling: SettleResultJobs,
  ) {}

  /**
   * Each open resolution has its electorate frozen (a ResolutionDrafted whose VotingOpened was
   * lost opens now; the relay then adds the close job) and a pending close job. A job Redis lost
   * is added again; one that finished without closing the vote (failed after its retries: BullMQ
   * keeps a failed job, and with it the id, for 14 days) is removed and added again, so it runs at
   * once if closesAt has passed. In the objection period, the same for the finalise job; a closed
   * vote whose result is not settled is settled now.
   */
  async reconcileCase(state: Case): Promise<Record<keyof typeof COUNTERS, number>> {
    const report = {
      votingOpened: 0,
      closeVotingJobs: 0,
      voteReminderJobs: 0,
      finaliseVotingJobs: 0,
      votingSettled: 0,
    };
    if (state.status !== 'open') return report;
    for (const resolution of state.resolutions) {
      if (resolution.status !== 'open') continue;
      let opened = await this.resolutions.snapshot(resolution.id);
      if (opened === undefined) {
        opened = await this.commands.execute(new OpenVotingCommand(resolution.id));
        report.votingOpened++;
      }
      const voting = opened;
      const record = await this.resolutions.resultRecord(resolution.id);
      if (record.closed === null) {
        report.voteReminderJobs += await this.reminders.addReminderJobs(voting, true);
        if (
          await this.ensureJob(closeVotingJobId(resolution.id), () =>
            this.closing.addCloseJob(voting),
          )
        )
          report.closeVotingJobs++;
        continue;
      }
      if (record.closed.trigger === 'case-closed') continue;
      const preliminary = record.preliminary;
      if (record.finalised === null && preliminary !== null) {
        // In the objection period: its end must be on the queue (or past: finalise now).
        if (
          await this.ensureJob(finaliseVoteJobId(resolution.id), () =>
            this.settling.addFinaliseJob(voting, preliminary),
          )
        )
          report.finaliseVotingJobs++;
        continue;
      }
      // Closed, and the result not settled (preliminary or final) or not yet on the case.
      try {
        await this.commands.execute(
          new SettleResultCommand(resolution.id, { actorId: WORKFLOW_ACTOR }),
        );
        report.votingSettled++;
      } catch (error) {
        if (!(error instanceof WrongStageError || error instanceof AlreadyExistsError)) throw error;
      }
    }
    return report;
  }

  /**
   * Makes sure a job with this id is pending: one Redis lost is added; one that finished without
   * doing its work (failed after its retries: BullMQ keeps it, and its id, for 14 days; or
   * completed early) is removed and added again, so it runs at once if its time has passed.
   */
  private async ensureJob(jobId: string, add: () => Promise<void>): Promise<boolean> {
    const job = await this.queues.get(QUEUES.votingClose).getJob(jobId);
    if (job !== undefined) {
      const jobState = await job.getState();
      if (jobState !== 'completed' && jobState !== 'failed' && jobState !== 'unknown') return false;
      await job.remove();
    }
    await add();
    return true;
  }
}
