import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import {
  type WhistleAnswered,
  type WhistleIssued,
  type WhistleOverdueEscalated,
  type WhistleTransferred,
} from '@yishi/domain';
import { type RecordedEvent } from '@yishi/event-store';
import { type NotificationRequest, OnEvent } from '@yishi/messaging';
import { deliverPersonal, NotificationFlows, renderWhistleNotice } from '@yishi/notifications';
import { PG_POOL } from '@yishi/platform';
import { whistleIdOf, WhistleRepository } from '../whistle-repository';

/**
 * Who hears of a whistle (docs/whistles.md, "Notifications"), in their inbox: the members of each
 * department it is issued to (`whistle-issued`, to accept by the deadline), the members of the
 * department it is passed on to (the same kind, for the transfer's event), and the community's
 * secretaries when a department answers (`whistle-answered`, to rate it), and the street's officers
 * (the members of its street office) when a department's deadline passed (`whistle-overdue`, the
 * timer's escalation). Keyed by the event, so a replay tells nobody twice; by SMS too where a
 * template for the kind is set. Run by the worker (its module provides this class).
 */
@Injectable()
export class WhistleNotices {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly whistles: WhistleRepository,
    private readonly flows: NotificationFlows,
  ) {}

  @OnEvent('WhistleIssued')
  private async onIssued(event: RecordedEvent): Promise<void> {
    const d = event.data as WhistleIssued['data'];
    await this.toDepartments(
      event,
      d.whistleId,
      d.communityId,
      d.subject,
      d.departmentIds,
      d.acceptDueAt,
    );
  }

  @OnEvent('WhistleTransferred')
  private async onTransferred(event: RecordedEvent): Promise<void> {
    const whistleId = whistleIdOf(event.streamId);
    if (whistleId === undefined) return;
    const { state } = await this.whistles.load(whistleId);
    if (state === null) return;
    const d = event.data as WhistleTransferred['data'];
    await this.toDepartments(
      event,
      state.id,
      state.communityId,
      state.subject,
      [d.toDepartmentId],
      d.acceptDueAt,
    );
  }

  @OnEvent('WhistleAnswered')
  private async onAnswered(event: RecordedEvent): Promise<void> {
    const whistleId = whistleIdOf(event.streamId);
    if (whistleId === undefined) return;
    const { state } = await this.whistles.load(whistleId);
    if (state === null) return;
    const d = event.data as WhistleAnswered['data'];
    const department = await this.departmentName(d.departmentId);
    const request: NotificationRequest = {
      sourceEventId: event.eventId,
      communityId: state.communityId,
      caseId: null,
      whistleId: state.id,
      caseTitle: state.subject,
      kind: 'whistle-answered',
      parties: [],
      subject: department,
    };
    const { rows } = await this.pool.query<{ user_id: string }>(
      `SELECT DISTINCT user_id FROM memberships WHERE community_id = $1 AND 'secretary' = ANY (roles)`,
      [state.communityId],
    );
    await this.tell(
      request,
      rows.map((r) => r.user_id),
    );
  }

  @OnEvent('WhistleOverdueEscalated')
  private async onOverdue(event: RecordedEvent): Promise<void> {
    const whistleId = whistleIdOf(event.streamId);
    if (whistleId === undefined) return;
    const { state } = await this.whistles.load(whistleId);
    if (state === null) return;
    const d = event.data as WhistleOverdueEscalated['data'];
    const department = await this.departmentName(d.departmentId);
    const request: NotificationRequest = {
      sourceEventId: event.eventId,
      communityId: state.communityId,
      caseId: null,
      whistleId: state.id,
      caseTitle: state.subject,
      kind: 'whistle-overdue',
      parties: [],
      deadline: d.dueAt,
      subject: `${department}仍未${d.deadline === 'accept' ? '签收' : '反馈'}`,
    };
    const { rows } = await this.pool.query<{ user_id: string }>(
      `SELECT DISTINCT m.user_id FROM department_members m
         JOIN departments o ON o.id = m.department_id
        WHERE o.street_id = $1 AND o.kind = 'street-office'`,
      [state.streetId],
    );
    await this.tell(
      request,
      rows.map((r) => r.user_id),
    );
  }

  /** A department's name for a notice's text. */
  private async departmentName(departmentId: string): Promise<string> {
    const { rows } = await this.pool.query<{ name: string }>(
      `SELECT name FROM departments WHERE id = $1`,
      [departmentId],
    );
    return rows[0]?.name ?? '部门';
  }

  /**
   * The notice's text to each of these users' inboxes (once per event and user), and by SMS where
   * a provider and a template for the kind are set (SMS_TEMPLATE_CODES; once per event, user and
   * kind).
   */
  async tell(request: NotificationRequest, userIds: readonly string[]): Promise<void> {
    const text = renderWhistleNotice(request);
    await deliverPersonal(
      this.pool,
      request,
      userIds.map((userId) => ({ userId, text })),
    );
    await this.flows.addUserSms(request, userIds);
  }

  private async toDepartments(
    event: RecordedEvent,
    whistleId: string,
    communityId: string,
    subject: string,
    departmentIds: readonly string[],
    acceptDueAt: string,
  ): Promise<void> {
    const request: NotificationRequest = {
      sourceEventId: event.eventId,
      communityId,
      caseId: null,
      whistleId,
      caseTitle: subject,
      kind: 'whistle-issued',
      parties: [],
      deadline: acceptDueAt,
    };
    const { rows } = await this.pool.query<{ user_id: string }>(
      `SELECT DISTINCT user_id FROM department_members WHERE department_id = ANY($1::uuid[])`,
      [departmentIds],
    );
    await this.tell(
      request,
      rows.map((r) => r.user_id),
    );
  }
}
