import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import {
  PARTIES,
  type AgreementDrafted,
  type CaseOpened,
  type EvaluationOpened,
  type StageEntered,
} from '@yishi/domain';
import { type RecordedEvent } from '@yishi/event-store';
import { OnEvent, type ReactionScope } from '@yishi/messaging';
import { PG_POOL } from '@yishi/platform';
import {
  deliverPersonal,
  deliverToResidents,
  NotificationFlows,
  renderNotification,
} from '@yishi/notifications';
import { unitsInScopeWithOwners } from '@yishi/registry';
import { caseIdOf, CaseRepository } from '../case-repository';
import { loadCaseOnce } from '../reactions';

/**
 * What the parties and residents are told as a case moves: every stage entry notifies each of the
 * five parties (with the acknowledgement deadline; their members scoped to other estates than the
 * case's excepted), and a closed case too; 问效 asks the owners in scope to evaluate. A mediation
 * (矛盾调解) asks no party to sign for its stages: its sides' people and its mediator are told
 * instead, when it opens and when an agreement is drafted for them to sign. The flow's job ids and
 * the inbox rows are keyed by the event id, so a replayed
 * event adds nothing. (The case's own moves are AdvanceJobs', ../advance.) Run by the worker (its
 * module provides this class).
 */
@Injectable()
export class CaseNotices {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly notifications: NotificationFlows,
    private readonly repository: CaseRepository,
  ) {}

  @OnEvent('StageEntered', 'CaseClosed', 'EvaluationOpened')
  private async onCaseEvent(event: RecordedEvent, scope: ReactionScope): Promise<void> {
    const caseId = caseIdOf(event.streamId);
    if (caseId === undefined) return;
    if (event.type === 'EvaluationOpened') return this.askResidents(caseId, event);
    const { state } = await loadCaseOnce(scope, this.repository, caseId);
    if (state === null) return;
    const base = {
      sourceEventId: event.eventId,
      communityId: state.communityId,
      caseId,
      caseTitle: state.title,
      parties: PARTIES,
      // A party member scoped to other estates is not told (memberships.estates).
      estate: state.scope.estate,
    };
    if (event.type === 'CaseClosed') {
      await this.notifications.add({ ...base, kind: 'case-closed' });
      return;
    }
    if (state.mechanism === 'mediation') return;
    const entered = event.data as StageEntered['data'];
    const deadline = entered.deadlines[0]?.deadline;
    await this.notifications.add({
      ...base,
      kind: 'stage-entered',
      stage: entered.stage,
      ...(deadline === undefined ? {} : { deadline }),
    });
  }

  /** 矛盾调解: each side's people and the mediator, in their inbox, once per event. */
  @OnEvent('CaseOpened', 'AgreementDrafted')
  private async onMediationEvent(event: RecordedEvent, scope: ReactionScope): Promise<void> {
    const caseId = caseIdOf(event.streamId);
    if (caseId === undefined) return;
    if (event.type === 'CaseOpened' && (event.data as CaseOpened['data']).mediation === undefined)
      return;
    const { state } = await loadCaseOnce(scope, this.repository, caseId);
    const mediation = state?.mediation;
    if (state === null || mediation === undefined) return;
    const request = {
      sourceEventId: event.eventId,
      communityId: state.communityId,
      caseId,
      caseTitle: state.title,
      parties: [],
      ...(event.type === 'AgreementDrafted'
        ? {
            kind: 'agreement-drafted' as const,
            subject: `第 ${(event.data as AgreementDrafted['data']).draft} 稿`,
          }
        : { kind: 'mediation-opened' as const }),
    };
    // The party argument only picks a party's wording; these notices read the same for everyone.
    const text = renderNotification(request, 'party-organisation');
    const recipients = [
      ...new Set([...mediation.sides.flatMap((s) => s.userIds), mediation.mediatorId]),
    ];
    await deliverPersonal(
      this.pool,
      request,
      recipients.map((userId) => ({ userId, text })),
    );
  }

  /**
   * 问效: every task is done, so the owners of the units in the case's scope are asked to evaluate
   * before the window ends (their inbox; the event id keys the rows, so a replay adds nothing).
   */
  private async askResidents(caseId: string, event: RecordedEvent): Promise<void> {
    const { state } = await this.repository.load(caseId);
    if (state === null) return;
    const { endsAt } = event.data as EvaluationOpened['data'];
    const units = await unitsInScopeWithOwners(this.pool, state.communityId, state.scope);
    await deliverToResidents(
      this.pool,
      {
        sourceEventId: event.eventId,
        communityId: state.communityId,
        caseId,
        caseTitle: state.title,
        kind: 'evaluation-opened',
        parties: ['resident-representatives'],
        deadline: endsAt,
      },
      units.map((u) => u.unitId),
    );
  }
}
