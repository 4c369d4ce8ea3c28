import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { type Job } from 'bullmq';
import { type Pool } from 'pg';
import {
  AlreadyExistsError,
  NotFoundError,
  PARTIES,
  WrongStageError,
  type Case,
  type ObjectionAnswered,
  type PreliminaryResultPublished,
  type ResolutionCancelled,
  type ResultFinalised,
  type ResolutionDrafted,
  type TaskAssigned,
  type TaskReassigned,
  type VotingClosed,
  type VoteRecorded,
  type VotingOpened,
} from '@yishi/domain';
import { type RecordedEvent } from '@yishi/event-store';
import {
  QUEUES,
  type NotificationRequest,
  type VoteReminderJobData,
  type VotingCloseJobData,
  type VotingFinaliseJobData,
  OnEvent,
  OnJob,
} from '@yishi/messaging';
import { runWithContext, type Logger, type Metrics } from '@yishi/observability';
import { LOGGER, METRICS, PG_POOL, RUNTIME, type Runtime } from '@yishi/platform';
import {
  deliverPersonal,
  deliverToUsers,
  renderNotification,
  renderVoteReminder,
} from '@yishi/notifications';
import { leadsOfUnits, readSettings } from '@yishi/registry';
import { caseIdOf, CaseRepository, WORKFLOW_ACTOR } from '@yishi/cases';
import { CanvassService, VotingService } from '@yishi/voting';
import { NotificationFlows } from '@yishi/notifications';
import { QueueRegistry } from '@yishi/platform';

/** BullMQ job id of a resolution's close: one per resolution; no ':' and never all digits. */
export function closeVotingJobId(resolutionId: string): string {
  return `close-voting_${resolutionId}`;
}

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

/** BullMQ job id of a vote's finalisation at the end of its objection period. */
export function finaliseVoteJobId(resolutionId: string): string {
  return `finalise-vote_${resolutionId}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (id: string): boolean => UUID.test(id);

/** The registered owners (platform users) of a frozen electorate, each once. */
function ownersOf(voting: VotingOpened['data']): string[] {
  const owners = new Set<string>();
  for (const unit of voting.electorate.units)
    for (const o of unit.owners)
      if (o.kind === 'person' && isUuid(o.ownerId)) owners.add(o.ownerId);
  return [...owners];
}

/** A delayed job may fire a little before its time (clocks of Node and Redis); it waits this. */
const EARLY_RETRY_MS = 250;

/**
 * Voting and follow-up in the background:
 * - ResolutionDrafted: voting opens (the electorate is frozen) if the API did not get to it;
 * - VotingOpened: the close job at `closesAt`, the reminders to non-voters before it (the
 *   community's voteReminderHoursBeforeClose); the owners in the electorate and the building
 *   leads in scope are called to vote, the five parties hear of it for information;
 * - VotingClosed: the result is settled (again: the same result changes nothing), so a close that
 *   crashed between the ballot box and the case still reaches it: with an objection period (询异)
 *   the preliminary result is published, otherwise the result is final and recorded on the case;
 * - PreliminaryResultPublished: the preliminary result is published (公示) to every party and every
 *   owner in the electorate, and the finalisation job is set for the end of the objection period;
 * - ObjectionAnswered: the result is finalised if the period is over and nothing waits an answer;
 * - ResultFinalised: the final result is recorded on the case (again, for a crash before it);
 * - VoteRecorded: the final result is published (公示) to every party and every owner;
 * - ResolutionCancelled (the case closed by hand while voting): the ballot box closes for good;
 * - TaskAssigned / TaskReassigned: the assignee party is told.
 * The case then moves by the existing reactions: a passed vote advances it, a failed one has
 * already returned it to analysis, and the follow-up gate closes it.
 */
@Injectable()
export class VotingWorkflowService {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly cases: CaseRepository,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS) private readonly metrics: Metrics,
    private readonly queues: QueueRegistry,
    private readonly notifications: NotificationFlows,
    private readonly voting: VotingService,
    private readonly canvass: CanvassService,
  ) {}

  /** Thin: parse the job, run the use case. */
  @OnJob({ name: 'close-voting', queue: QUEUES.votingClose })
  async onCloseVoting(job: Job<VotingCloseJobData>): Promise<void> {
    await runWithContext({ correlationId: String(job.id) }, () => this.closeAtClosesAt(job.data));
  }

  @OnJob({ name: 'vote-reminder', queue: QUEUES.votingClose })
  async onVoteReminder(job: Job<VoteReminderJobData>): Promise<void> {
    await runWithContext({ correlationId: String(job.id) }, () => this.remindNonVoters(job.data));
  }

  @OnJob({ name: 'finalise-vote', queue: QUEUES.votingClose })
  async onFinaliseVote(job: Job<VotingFinaliseJobData>): Promise<void> {
    await runWithContext({ correlationId: String(job.id) }, () =>
      this.finaliseAtObjectionUntil(job.data),
    );
  }

  /** The queue's close at `closesAt`; a case closed meanwhile, or a resolution gone, ends it. */
  async closeAtClosesAt({ resolutionId, closesAt }: VotingCloseJobData): Promise<void> {
    const early = Date.parse(closesAt) - Date.now();
    // Thrown, so BullMQ tries again after its backoff: never close before the announced time.
    if (early > 0) throw new Error(`close-voting ran ${early} ms early; retried`);
    try {
      await this.voting.close(resolutionId, { actorId: WORKFLOW_ACTOR }, 'closes-at');
    } catch (error) {
      if (error instanceof WrongStageError || error instanceof NotFoundError) {
        this.logger.info({ resolutionId, err: error }, 'voting not closed by the queue');
        return;
      }
      throw error;
    }
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
    const voting = await this.voting.snapshot(resolutionId);
    if (voting === undefined) return 0;
    if (Date.now() >= Date.parse(voting.closesAt) || (await this.voting.closedForBallots(voting)))
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
        if (o.kind !== 'person' || !isUuid(o.ownerId)) continue;
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

  /**
   * The reminder jobs of a vote, one per hour offset of the community's setting, delayed to its
   * time. An offset whose time came before voting opened is never wanted (a vote open for two
   * hours has no reminder 72 hours before its close); one whose time has passed since (the
   * reaction ran late) runs at once. BullMQ ignores a job id it holds, so a replayed VotingOpened
   * adds nothing. With `late` (the reconciler): only a job Redis does not hold, and not one whose
   * time has passed if its reminder already reached someone (a completed job is removed after a
   * day). A reminder that runs after the close sends nothing. Returns how many jobs it added.
   */
  private async addReminderJobs(opened: VotingOpened['data'], late = false): Promise<number> {
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
      const done = await this.voting.finalise(resolutionId, { actorId: WORKFLOW_ACTOR });
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
  private async addFinaliseJob(
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

  @OnEvent('ResolutionDrafted')
  private async onResolutionDrafted(event: RecordedEvent): Promise<void> {
    if (caseIdOf(event.streamId) === undefined) return;
    const { resolutionId } = event.data as ResolutionDrafted['data'];
    await this.voting.open(resolutionId);
  }

  /** The delayed close at `closesAt`; a job that exists (in any state) is left as it is. */
  private async addCloseJob(opened: VotingOpened['data']): Promise<void> {
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

  /**
   * The reconciler's part for one open case (case-deadlines.service.ts): each open resolution has
   * its electorate frozen (a ResolutionDrafted whose VotingOpened was lost opens now; the relay
   * then adds the close job) and a pending close job. A job Redis lost is added again; one that
   * finished without closing the vote (failed after its retries: BullMQ keeps a failed job, and
   * with it the id, for 14 days) is removed and added again, so it runs at once if closesAt has
   * passed. Returns how many close jobs it added.
   */
  async reconcileCase(state: Case): Promise<{
    opened: number;
    closeJobs: number;
    reminderJobs: number;
    finaliseJobs: number;
    settled: number;
  }> {
    const report = { opened: 0, closeJobs: 0, reminderJobs: 0, finaliseJobs: 0, settled: 0 };
    if (state.status !== 'open') return report;
    for (const resolution of state.resolutions) {
      if (resolution.status !== 'open') continue;
      let opened = await this.voting.snapshot(resolution.id);
      if (opened === undefined) {
        opened = await this.voting.open(resolution.id);
        report.opened++;
      }
      const record = await this.voting.resultRecord(resolution.id);
      if (record.closed === null) {
        report.reminderJobs += await this.addReminderJobs(opened, true);
        if (await this.ensureJob(closeVotingJobId(resolution.id), () => this.addCloseJob(opened)))
          report.closeJobs++;
        continue;
      }
      if (record.closed.trigger === 'case-closed') continue;
      const preliminary = record.preliminary;
      if (record.finalised === null && preliminary !== null) {
        // In the objection period: its end must be on the queue (or past: finalise now).
        if (
          await this.ensureJob(finaliseVoteJobId(resolution.id), () =>
            this.addFinaliseJob(opened, preliminary),
          )
        )
          report.finaliseJobs++;
        continue;
      }
      // Closed, and the result not settled (preliminary or final) or not yet on the case.
      try {
        await this.voting.settle(resolution.id, { actorId: WORKFLOW_ACTOR });
        report.settled++;
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

  /**
   * Voting opened: the close and reminder jobs; the call to vote (`voting-opened`, with the
   * resolution) to every registered owner in the frozen electorate and to the building leads of
   * the buildings in scope (they enter paper ballots and canvass); and to the five parties, who do
   * not vote as parties, a notice for information (`voting-opened-notice`). All keyed by the
   * VotingOpened event, so a replay adds nothing.
   */
  @OnEvent('VotingOpened')
  private async onVotingOpened(event: RecordedEvent): Promise<void> {
    const opened = event.data as VotingOpened['data'];
    await this.addCloseJob(opened);
    await this.addReminderJobs(opened);
    const { state } = await this.cases.load(opened.caseId);
    if (state === null) return;
    const base = {
      sourceEventId: event.eventId,
      communityId: opened.communityId,
      caseId: opened.caseId,
      caseTitle: state.title,
      deadline: opened.closesAt,
      subject: opened.title,
      resolutionId: opened.resolutionId,
    };
    const call: NotificationRequest = { ...base, kind: 'voting-opened', parties: [] };
    const text = renderNotification(call, 'resident-representatives');
    const voters = new Set(ownersOf(opened));
    const unitIds = opened.electorate.units.map((u) => u.unitId);
    for (const lead of await leadsOfUnits(this.pool, opened.communityId, unitIds)) voters.add(lead);
    const { inserted } = await deliverPersonal(
      this.pool,
      call,
      [...voters].map((userId) => ({ userId, text })),
    );
    this.logger.info({ resolutionId: opened.resolutionId, inserted }, 'owners told voting opened');
    // And by SMS where a template for voting-opened is configured.
    await this.notifications.addUserSms(call, [...voters]);
    await this.notifications.add({ ...base, kind: 'voting-opened-notice', parties: PARTIES });
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
      await this.voting.settle(resolutionId, { actorId: WORKFLOW_ACTOR });
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

  /**
   * 公示 of the preliminary result, at the close (well within the one working day the rules
   * allow): to the five parties and every owner in the electorate, with the end of the objection
   * period; and the finalisation job at that end.
   */
  @OnEvent('PreliminaryResultPublished')
  private async onPreliminary(event: RecordedEvent): Promise<void> {
    const preliminary = event.data as PreliminaryResultPublished['data'];
    const voting = await this.voting.snapshot(preliminary.resolutionId);
    if (voting === undefined) return;
    await this.addFinaliseJob(voting, preliminary);
    await this.publish(event.eventId, voting, {
      passed: preliminary.tally.passed,
      phase: 'preliminary',
      deadline: preliminary.objectionUntil,
    });
  }

  /** An answer may be the last one after the period: then the result becomes final. */
  @OnEvent('ObjectionAnswered')
  private async onObjectionAnswered(event: RecordedEvent): Promise<void> {
    const { resolutionId } = event.data as ObjectionAnswered['data'];
    try {
      await this.voting.finalise(resolutionId, { actorId: WORKFLOW_ACTOR });
    } catch (error) {
      if (error instanceof WrongStageError || error instanceof AlreadyExistsError) {
        this.logger.warn({ resolutionId, err: error }, 'vote not finalised');
        return;
      }
      throw error;
    }
  }

  /**
   * 公示: the final result (recorded on the case) goes to each of the five parties (their inbox,
   * webhooks and SMS) and to every owner in the frozen electorate (their inbox), keyed by the
   * VoteRecorded event so a replay publishes nothing twice.
   */
  @OnEvent('VoteRecorded')
  private async onVoteRecorded(event: RecordedEvent): Promise<void> {
    const caseId = caseIdOf(event.streamId);
    if (caseId === undefined) return;
    const recorded = event.data as VoteRecorded['data'];
    const voting = await this.voting.snapshot(recorded.resolutionId);
    if (voting === undefined) return;
    await this.publish(event.eventId, voting, { passed: recorded.passed, phase: 'final' });
  }

  private async publish(
    sourceEventId: string,
    voting: VotingOpened['data'],
    result: { passed: boolean; phase: 'preliminary' | 'final'; deadline?: string },
  ): Promise<void> {
    const request = {
      sourceEventId,
      communityId: voting.communityId,
      caseId: voting.caseId,
      caseTitle: (await this.cases.load(voting.caseId)).state?.title ?? voting.title,
      kind: 'vote-published' as const,
      parties: PARTIES,
      subject: voting.title,
      outcome: result.passed ? ('passed' as const) : ('failed' as const),
      phase: result.phase,
      resolutionId: voting.resolutionId,
      ...(result.deadline === undefined ? {} : { deadline: result.deadline }),
    };
    await this.notifications.add(request);
    await deliverToUsers(this.pool, request, ownersOf(voting));
  }

  @OnEvent('ResolutionCancelled')
  private async onResolutionCancelled(event: RecordedEvent): Promise<void> {
    if (caseIdOf(event.streamId) === undefined) return;
    const { resolutionId } = event.data as ResolutionCancelled['data'];
    await this.voting.cancel(resolutionId, event.metadata.actorId ?? WORKFLOW_ACTOR);
  }

  @OnEvent('TaskAssigned', 'TaskReassigned')
  private async onTaskAssigned(event: RecordedEvent): Promise<void> {
    const caseId = caseIdOf(event.streamId);
    if (caseId === undefined) return;
    const { state } = await this.cases.load(caseId);
    if (state === null) return;
    const task =
      event.type === 'TaskAssigned'
        ? (event.data as TaskAssigned['data'])
        : (event.data as TaskReassigned['data']);
    const current = state.tasks.find((t) => t.id === task.taskId);
    if (current === undefined) return;
    await this.notifications.add({
      sourceEventId: event.eventId,
      communityId: state.communityId,
      caseId,
      caseTitle: state.title,
      kind: 'task-assigned',
      parties: ['assigneeParty' in task ? task.assigneeParty : task.to],
      deadline: task.dueAt,
      subject: current.title,
    });
  }
}
