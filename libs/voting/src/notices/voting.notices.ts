import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import {
  PARTIES,
  type PreliminaryResultPublished,
  type VoteRecorded,
  type VotingOpened,
} from '@yishi/domain';
import { type RecordedEvent } from '@yishi/event-store';
import { OnEvent, type NotificationRequest } from '@yishi/messaging';
import { type Logger } from '@yishi/observability';
import { LOGGER, PG_POOL } from '@yishi/platform';
import {
  deliverPersonal,
  deliverToUsers,
  NotificationFlows,
  renderNotification,
} from '@yishi/notifications';
import { leadsOfUnits } from '@yishi/registry';
import { caseIdOf, CaseRepository } from '@yishi/cases';
import { ResolutionRepository } from '../resolution.repository';
import { ownersOf, propertyUnitIds } from '../voting-jobs';

/**
 * What owners and parties are told of a vote: the call to vote when it opens, and the 公示 of its
 * preliminary and final results. All keyed by the event, so a replay tells nobody twice. (The
 * reminders to non-voters are VoteReminderJobs', ../remind-voters.) Run by the worker (its module
 * provides this class).
 */
@Injectable()
export class VotingNotices {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly cases: CaseRepository,
    private readonly resolutions: ResolutionRepository,
    private readonly notifications: NotificationFlows,
  ) {}

  /**
   * Voting opened (after its close and reminder jobs were added): the call to vote
   * (`voting-opened`, with the resolution) to every registered owner in the frozen electorate and
   * to the building leads of the buildings in scope (they enter paper ballots and canvass); and to
   * the five parties, who do not vote as parties, a notice for information
   * (`voting-opened-notice`).
   */
  @OnEvent('VotingOpened')
  private async onVotingOpened(event: RecordedEvent): Promise<void> {
    const opened = event.data as VotingOpened['data'];
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
    const unitIds = propertyUnitIds(opened);
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

  /**
   * 公示 of the preliminary result, at the close (well within the one working day the rules
   * allow): to the five parties and every owner in the electorate, with the end of the objection
   * period (whose finalisation job SettleResultJobs has just added).
   */
  @OnEvent('PreliminaryResultPublished')
  private async onPreliminary(event: RecordedEvent): Promise<void> {
    const preliminary = event.data as PreliminaryResultPublished['data'];
    const voting = await this.resolutions.snapshot(preliminary.resolutionId);
    if (voting === undefined) return;
    await this.publish(event.eventId, voting, {
      passed: preliminary.tally.passed,
      phase: 'preliminary',
      deadline: preliminary.objectionUntil,
    });
  }

  /**
   * 公示: the final result (recorded on the case) goes to each of the five parties (their inbox,
   * webhooks and SMS) and to every owner in the frozen electorate (their inbox).
   */
  @OnEvent('VoteRecorded')
  private async onVoteRecorded(event: RecordedEvent): Promise<void> {
    const caseId = caseIdOf(event.streamId);
    if (caseId === undefined) return;
    const recorded = event.data as VoteRecorded['data'];
    const voting = await this.resolutions.snapshot(recorded.resolutionId);
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
}
