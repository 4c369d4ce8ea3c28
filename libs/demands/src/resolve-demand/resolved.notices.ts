import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { type DemandResolved } from '@yishi/domain';
import { type RecordedEvent } from '@yishi/event-store';
import { OnEvent, type NotificationRequest } from '@yishi/messaging';
import { deliverPersonal, isUuid, renderDemandConfirm } from '@yishi/notifications';
import { PG_POOL } from '@yishi/platform';
import { demandIdOf, DemandRepository } from '../demand-repository';

/**
 * A demand reported resolved (办结): its submitter is asked in their inbox to confirm by the
 * confirmation deadline (`demand-confirm`; for a demand recorded on a resident's behalf, the grid
 * worker who recorded it, who takes the resident's answer on a return visit). Keyed by the event, so
 * a replay tells nobody twice; a hotline ticket's demand has no user to ask. Run by the worker (its
 * module provides this class).
 */
@Injectable()
export class ResolvedDemandNotices {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly demands: DemandRepository,
  ) {}

  @OnEvent('DemandResolved')
  private async onResolved(event: RecordedEvent): Promise<void> {
    const demandId = demandIdOf(event.streamId);
    if (demandId === undefined) return;
    const { state } = await this.demands.load(demandId);
    if (state === null || !isUuid(state.submittedBy)) return;
    const request: NotificationRequest = {
      sourceEventId: event.eventId,
      communityId: state.communityId,
      caseId: null,
      caseTitle: [...state.content].slice(0, 30).join(''),
      kind: 'demand-confirm',
      parties: [],
      deadline: (event.data as DemandResolved['data']).confirmDueAt,
      subject: state.number,
    };
    await deliverPersonal(this.pool, request, [
      {
        userId: state.submittedBy,
        text: renderDemandConfirm(request, state.onBehalfOf?.name ?? null),
      },
    ]);
  }
}
