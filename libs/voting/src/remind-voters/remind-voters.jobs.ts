import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type Job } from 'bullmq';
import { type Pool } from 'pg';
import { type VotingOpened } from '@yishi/domain';
import { type RecordedEvent } from '@yishi/event-store';
import {
  OnEvent,
  OnJob,
  QUEUES,
  type NotificationRequest,
  type VoteReminderJobData,
} from '@yishi/messaging';
import { runWithContext, type Logger } from '@yishi/observability';
import { LOGGER, PG_POOL, QueueRegistry } from '@yishi/platform';
import { deliverPersonal, renderVoteReminder } from '@yishi/notifications';
import { readSettings } from '@yishi/registry';
import { CaseRepository } from '@yishi/cases';
import { CanvassService } from '../canvass/canvass.service';
import { ResolutionRepository } from '../resolution.repository';
import { isUserId } from '../voting-jobs';

/** BullMQ job id of a reminder to non-voters, `hours` before the close; no ':', never all digits. */
export function voteReminderJobId(resolutionId: string, hours: number): string {
  return `vote-reminder_${resolutionId}_${hours}h`;
}

/**
 * The `sourceEventId` of a reminder's inbox rows: a name-based UUID of (resolution, hours), so the
 * unique key (source, recipient, kind) makes a replayed or re-added reminder add nothing.
 */
export function voteReminderSourceId(resolutionId: string, hours: number): string {
  const h = createHash('sha1').update(`vote-reminder/${resolutionId}/${hours}`).digest('hex');
  const variant = ((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

/**
 * Reminders to non-voters before the close: when voting opens, one delayed job per hour offset of
 * the community's voteReminderHoursBeforeClose; each tells the registered owners whose units have
 * no ballot yet. Run by the worker (its module provides this class); the reconciler's VotingRepairs
 * adds a reminder job Redis lost.
 */
@Injectable()
export class VoteReminderJobs {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly queues: QueueRegistry,
    private readonly cases: CaseRepository,
    private readonly resolutions: ResolutionRepository,
    private readonly canvass: CanvassService,
  ) {}

  /** Thin: parse the job, run the use case. */
  @OnJob({ name: 'vote-reminder', queue: QUEUES.votingClose })
  async onVoteReminder(job: Job<VoteReminderJobData>): Promise<void> {
    await runWithContext({ correlationId: String(job.id) }, () => this.remindNonVoters(job.data));
  }

  /**
   * A reminder before the close: every registered owner in the frozen electorate with a unit that
   * has no ballot gets an inbox row naming those units (co-owners share a unit's ballot, so one
   * co-owner's vote spares the others; an owner of several units is reminded of the unvoted ones
   * only; an owner whose units all voted gets nothing). Nothing once the ballot box is closed (by
   * hand, by the queue, or the case closed) or closesAt has passed. Idempotent: the rows are keyed
   * by (resolution, hours) and user, and the non-voters can only shrink.
   */
  async remindNonVoters({ resolutionId, hoursBeforeClose }: VoteReminderJobData): Promise<number> {
    const voting = await this.resolutions.snapshot(resolutionId);
    if (voting === undefined) return 0;
    if (
      Date.now() >= Date.parse(voting.closesAt) ||
      (await this.resolutions.closedForBallots(voting))
    )
      return 0;
    const [voted, places, { state }] = await Promise.all([
      this.canvass.votedUnits(resolutionId),
      this.canvass.placesOf(voting),
      this.cases.load(voting.caseId),
    ]);
    const rooms = new Map<string, string[]>();
    for (const unit of voting.electorate.units) {
      if (voted.has(unit.unitId)) continue;
      const p = places.get(unit.unitId);
      const label = p === undefined ? '房屋' : `${p.building}${p.entrance}${p.room}室`;
      for (const o of unit.owners) {
        if (o.kind !== 'person' || !isUserId(o.ownerId)) continue;
        const list = rooms.get(o.ownerId) ?? [];
        list.push(label);
        rooms.set(o.ownerId, list);
      }
    }
    const request: NotificationRequest = {
      sourceEventId: voteReminderSourceId(resolutionId, hoursBeforeClose),
      communityId: voting.communityId,
      caseId: voting.caseId,
      caseTitle: state?.title ?? voting.title,
      kind: 'vote-reminder',
      parties: [],
      deadline: voting.closesAt,
      subject: voting.title,
      resolutionId,
    };
    const { inserted } = await deliverPersonal(
      this.pool,
      request,
      [...rooms].map(([userId, labels]) => ({
        userId,
        text: renderVoteReminder(request, labels),
      })),
    );
    this.logger.info({ resolutionId, hoursBeforeClose, inserted }, 'vote reminders sent');
    return inserted;
  }

  /** Voting opened: its reminder jobs (after the close job, CloseVotingJobs'). */
  @OnEvent('VotingOpened')
  private async onVotingOpened(event: RecordedEvent): Promise<void> {
    await this.addReminderJobs(event.data as VotingOpened['data']);
  }

  /**
   * The reminder jobs of a vote, one per hour offset of the community's setting, delayed to its
   * time. An offset whose time came before voting opened is never wanted (a vote open for two
   * hours has no reminder 72 hours before its close); one whose time has passed since (the
   * reaction ran late) runs at once. BullMQ ignores a job id it holds, so a replayed VotingOpened
   * adds nothing. With `late` (the reconciler): only a job Redis does not hold, and not one whose
   * time has passed if its reminder already reached someone (a completed job is removed after a
   * day). A reminder that runs after the close sends nothing. Returns how many jobs it added.
   */
  async addReminderJobs(opened: VotingOpened['data'], late = false): Promise<number> {
    const settings = await readSettings(this.pool, opened.communityId);
    const queue = this.queues.get(QUEUES.votingClose);
    const closesAt = Date.parse(opened.closesAt);
    let added = 0;
    for (const hours of settings.voteReminderHoursBeforeClose) {
      const fireAt = closesAt - hours * 3_600_000;
      if (fireAt < Date.parse(opened.openedAt) || fireAt >= closesAt) continue;
      const jobId = voteReminderJobId(opened.resolutionId, hours);
      if (late) {
        if ((await queue.getJob(jobId)) !== undefined) continue;
        if (fireAt <= Date.now() && (await this.reminderSent(opened.resolutionId, hours))) continue;
      }
      const data: VoteReminderJobData = {
        resolutionId: opened.resolutionId,
        caseId: opened.caseId,
        closesAt: opened.closesAt,
        hoursBeforeClose: hours,
      };
      await queue.add('vote-reminder', data, { jobId, delay: Math.max(0, fireAt - Date.now()) });
      added++;
    }
    return added;
  }

  private async reminderSent(resolutionId: string, hours: number): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `SELECT 1 FROM notifications WHERE source_event_id = $1 AND kind = 'vote-reminder' LIMIT 1`,
      [voteReminderSourceId(resolutionId, hours)],
    );
    return (rowCount ?? 0) > 0;
  }
}
