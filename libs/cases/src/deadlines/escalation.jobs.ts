import { Inject, Injectable } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { type Pool } from 'pg';
import {
  ValidationError,
  WrongStageError,
  type Case,
  type FollowUpEscalated,
  type PartyEscalated,
} from '@yishi/domain';
import { type RecordedEvent } from '@yishi/event-store';
import {
  OnEvent,
  OnJob,
  QUEUES,
  type DeadlineJobData,
  type DeadlineTimerJobData,
  type ReactionScope,
} from '@yishi/messaging';
import { runWithContext, type Metrics } from '@yishi/observability';
import { METRICS, PG_POOL } from '@yishi/platform';
import { streetOfficeOf } from '@yishi/registry';
import { NotificationFlows } from '@yishi/notifications';
import { caseIdOf, type CaseOutcome, CaseRepository } from '../case-repository';
import { loadCaseOnce, WORKFLOW_ACTOR } from '../reactions';
import { DeadlineJobs } from './deadline.jobs';
import {
  cancelDeadlines,
  type DeadlineRecord,
  finishDeadline,
  pendingDeadlinesOf,
} from './deadline-store';
import { awaitingAcknowledgement, awaitingTask } from './deadlines';

/**
 * Reminders (催签, 催办) and escalation (吹哨报到) when a deadline timer is due, and the street
 * officers' notices of every escalation. The timer re-checks each row and the folded case, so a
 * stale or duplicate timer does nothing. Run by the worker (its module provides this class).
 */
@Injectable()
export class EscalationJobs {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(METRICS) private readonly metrics: Metrics,
    private readonly notifications: NotificationFlows,
    private readonly deadlines: DeadlineJobs,
    private readonly repository: CaseRepository,
  ) {}

  /** Thin: parse the job, run the use case. */
  @OnJob({ name: 'deadlines', queue: QUEUES.caseDeadlines })
  async onTimer(job: Job<DeadlineTimerJobData>, token?: string): Promise<void> {
    await runWithContext({ correlationId: String(job.id) }, () =>
      this.timerDue(job.data, job, token),
    );
  }

  /** A row's job from before the timers were per entry: the timer of its row's group. */
  @OnJob({ name: 'deadline', queue: QUEUES.caseDeadlines })
  async onLegacyRow(job: Job<DeadlineJobData>, token?: string): Promise<void> {
    const { caseId, entry, taskId } = job.data;
    await runWithContext({ correlationId: String(job.id) }, () =>
      this.timerDue({ caseId, entry, ...(taskId ? { taskId } : {}) }, job, token),
    );
  }

  /**
   * 吹哨报到: the street officers hear of every PartyEscalated, whoever appended it, exactly once
   * per event (the event id keys the flow and the inbox rows).
   */
  @OnEvent('PartyEscalated')
  async onEscalated(event: RecordedEvent, scope: ReactionScope): Promise<void> {
    const caseId = caseIdOf(event.streamId);
    if (caseId === undefined) return;
    const d = event.data as PartyEscalated['data'];
    const key = { caseId, entry: d.entry, party: d.party };
    await finishDeadline(this.pool, { ...key, kind: 'escalation' }, 'done');
    await this.deadlines.removeTimers(
      await cancelDeadlines(this.pool, { ...key, kind: 'reminder' }),
    );
    const { state } = await loadCaseOnce(scope, this.repository, caseId);
    if (state === null) return;
    await this.notifications.add({
      sourceEventId: event.eventId,
      communityId: state.communityId,
      caseId,
      caseTitle: state.title,
      kind: 'escalated',
      stage: d.stage,
      parties: [d.party],
      deadline: d.deadline,
    });
  }

  /**
   * 吹哨 in follow-up: the street officers hear of an overdue task or of residents not satisfied,
   * once per event; an overdue task's escalation row is done.
   */
  @OnEvent('FollowUpEscalated')
  async onFollowUpEscalated(event: RecordedEvent): Promise<void> {
    const caseId = caseIdOf(event.streamId);
    if (caseId === undefined) return;
    const d = event.data as FollowUpEscalated['data'];
    const { state } = await this.repository.load(caseId);
    if (state === null) return;
    const task = d.taskId === null ? undefined : state.tasks.find((t) => t.id === d.taskId);
    if (task !== undefined) {
      const revision = Number(d.escalationId.split('_').at(-1));
      await finishDeadline(
        this.pool,
        { caseId, entry: revision, party: d.party, kind: 'task-escalation', taskId: task.id },
        'done',
      );
    }
    await this.notifications.add({
      sourceEventId: event.eventId,
      communityId: state.communityId,
      caseId,
      caseTitle: state.title,
      kind: d.cause === 'task-overdue' ? 'task-overdue' : 'evaluation-escalated',
      parties: [d.party],
      deadline: d.deadline,
      subject: task?.title ?? d.reason,
    });
  }

  /**
   * A timer ran: every pending row of its group that is due is handled, in order of time, against
   * the case as folded now; then the timer waits for the next pending row, or ends. Run before its
   * time (promoted by hand, clock skew), it handles nothing and waits.
   */
  private async timerDue(group: DeadlineTimerJobData, job: Job, token?: string): Promise<void> {
    const rows = await pendingDeadlinesOf(this.pool, group);
    if (rows.length === 0) return;
    const now = Date.now();
    const due = rows.filter((r) => Date.parse(r.dueAt) <= now);
    if (due.length > 0) {
      const { state } = await this.repository.load(group.caseId);
      for (const row of due) await this.rowDue(row, state);
    }
    const next = rows.find((r) => Date.parse(r.dueAt) > now);
    if (next !== undefined) {
      await job.moveToDelayed(Date.parse(next.dueAt), token);
      throw new DelayedError();
    }
  }

  /**
   * A pending row is due. Nothing happens unless the party still owes the acknowledgement of that
   * very stage entry (or the task is still open at that revision); otherwise the row is cancelled.
   */
  private async rowDue(row: DeadlineRecord, state: Case | null): Promise<void> {
    if (row.kind === 'task-reminder' || row.kind === 'task-escalation')
      return this.taskRowDue(row, state);
    if (state === null || !awaitingAcknowledgement(state, row.stage, row.entry, row.party)) {
      await finishDeadline(this.pool, row, 'cancelled');
      return this.stale(row);
    }
    if (row.kind === 'reminder') return this.remind(row, state);
    return this.escalate(row, state.communityId);
  }

  private stale(row: DeadlineRecord): void {
    if (row.kind === 'reminder' || row.kind === 'task-reminder')
      this.metrics.acknowledgementReminders.inc({ outcome: 'stale' });
    else this.metrics.escalations.inc({ outcome: 'stale' });
  }

  /**
   * A task's row: nothing unless the task is still open at that revision with that assignee.
   * The reminder (催办) goes to the assignee party's members; at the due date EscalateTask (吹哨),
   * whose FollowUpEscalated event notifies the street officers.
   */
  private async taskRowDue(row: DeadlineRecord, state: Case | null): Promise<void> {
    const task = awaitingTask(state, row);
    if (state === null || task === undefined) {
      await finishDeadline(this.pool, row, 'cancelled');
      return this.stale(row);
    }
    if (row.kind === 'task-reminder') {
      if (Date.now() >= Date.parse(task.dueAt)) {
        await finishDeadline(this.pool, row, 'cancelled');
        this.metrics.acknowledgementReminders.inc({ outcome: 'late' });
        return;
      }
      await this.notifications.add({
        sourceEventId: row.id,
        communityId: state.communityId,
        caseId: row.caseId,
        caseTitle: state.title,
        kind: 'task-reminder',
        parties: [row.party],
        estate: state.scope.estate,
        deadline: task.dueAt,
        subject: task.title,
      });
      await finishDeadline(this.pool, row, 'done');
      this.metrics.acknowledgementReminders.inc({ outcome: 'sent' });
      return;
    }
    let outcome: CaseOutcome;
    try {
      outcome = await this.repository.execute(
        row.caseId,
        { type: 'EscalateTask', data: { taskId: task.id, revision: row.entry } },
        { actorId: WORKFLOW_ACTOR },
      );
    } catch (error) {
      if (!(error instanceof WrongStageError) && !(error instanceof ValidationError)) throw error;
      await finishDeadline(this.pool, row, 'cancelled');
      return this.stale(row);
    }
    const escalated = outcome.state?.escalations.some(
      (e) => e.id === `task_${task.id}_${row.entry}`,
    );
    await finishDeadline(this.pool, row, escalated === true ? 'done' : 'cancelled');
    if (outcome.events.length > 0) this.metrics.escalations.inc({ outcome: 'escalated' });
    else this.stale(row);
  }

  /**
   * 催签: the party's members are reminded once. The row's id is the notification's source, so a
   * retry (a crash before the row was marked done) writes no second inbox row. A reminder whose
   * deadline has passed is not sent: the escalation is next.
   */
  private async remind(row: DeadlineRecord, state: Case): Promise<void> {
    if (Date.now() >= Date.parse(row.deadline)) {
      await finishDeadline(this.pool, row, 'cancelled');
      this.metrics.acknowledgementReminders.inc({ outcome: 'late' });
      return;
    }
    await this.notifications.add({
      sourceEventId: row.id,
      communityId: state.communityId,
      caseId: row.caseId,
      caseTitle: state.title,
      kind: 'acknowledgement-reminder',
      stage: row.stage,
      parties: [row.party],
      estate: state.scope.estate,
      deadline: row.deadline,
    });
    await finishDeadline(this.pool, row, 'done');
    this.metrics.acknowledgementReminders.inc({ outcome: 'sent' });
  }

  /**
   * 吹哨: EscalateParty through the repository (the decider refuses a stale entry and returns
   * nothing for a party that acknowledged meanwhile). The street officers are notified by the
   * reaction to the PartyEscalated event; the case's auto-advance check runs after it too, like
   * after every case event. Where the community belongs to a street with an office, the escalation
   * goes to it as a whistle (`toStreet`, made by libs/whistles) and the gate waits for the street's
   * answer; elsewhere the escalated party counts as satisfied at the gate.
   */
  private async escalate(row: DeadlineRecord, communityId: string): Promise<void> {
    const office = await streetOfficeOf(this.pool, communityId);
    let outcome: CaseOutcome;
    try {
      outcome = await this.repository.execute(
        row.caseId,
        {
          type: 'EscalateParty',
          data: {
            party: row.party,
            stage: row.stage,
            entry: row.entry,
            ...(office === undefined ? {} : { toStreet: true }),
          },
        },
        { actorId: WORKFLOW_ACTOR },
      );
    } catch (error) {
      // The case moved on or closed between the check and the command.
      if (!(error instanceof WrongStageError)) throw error;
      await finishDeadline(this.pool, row, 'cancelled');
      return this.stale(row);
    }
    // No events: acknowledged meanwhile, or a retry after the append found it escalated already.
    const record = outcome.state?.parties
      .find((p) => p.party === row.party)
      ?.stages.find((s) => s.entry === row.entry);
    const escalated = record !== undefined && record.escalatedAt !== null;
    await finishDeadline(this.pool, row, escalated ? 'done' : 'cancelled');
    if (outcome.events.length > 0) this.metrics.escalations.inc({ outcome: 'escalated' });
    else this.stale(row);
  }
}
