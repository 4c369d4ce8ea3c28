import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { type MeetingScheduled } from '@yishi/domain';
import { type RecordedEvent } from '@yishi/event-store';
import { type NotificationRequest } from '@yishi/messaging';
import { OnEvent, type ReactionScope } from '@yishi/messaging';
import { deliverPersonal, NotificationFlows, renderMeetingNotice } from '@yishi/notifications';
import { PG_POOL } from '@yishi/platform';
import { caseIdOf, CaseRepository } from '../case-repository';
import { loadCaseOnce } from '../reactions';

/**
 * A meeting announced ahead: each invitee is told its time and place, in their inbox and by SMS
 * where a template for `meeting-scheduled` is set. Keyed by the event id and the user, so a
 * replayed event tells nobody twice. Run by the worker.
 */
@Injectable()
export class MeetingNotices {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly flows: NotificationFlows,
    private readonly repository: CaseRepository,
  ) {}

  @OnEvent('MeetingScheduled')
  private async onScheduled(event: RecordedEvent, scope: ReactionScope): Promise<void> {
    const caseId = caseIdOf(event.streamId);
    if (caseId === undefined) return;
    const { state } = await loadCaseOnce(scope, this.repository, caseId);
    if (state === null) return;
    const d = event.data as MeetingScheduled['data'];
    const request: NotificationRequest = {
      sourceEventId: event.eventId,
      communityId: state.communityId,
      caseId,
      caseTitle: state.title,
      kind: 'meeting-scheduled',
      parties: [],
      deadline: d.scheduledAt,
      subject: d.place,
    };
    const userIds = d.invitees.map((p) => p.userId);
    const text = renderMeetingNotice(request);
    await deliverPersonal(
      this.pool,
      request,
      userIds.map((userId) => ({ userId, text })),
    );
    await this.flows.addUserSms(request, userIds);
  }
}
