import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { DelayedError, type Job, type Queue } from 'bullmq';
import { type Pool } from 'pg';
import {
  advanceRule,
  ValidationError,
  WrongStageError,
  type Case,
  type FollowUpEscalated,
  type PartyEscalated,
  type StageAcknowledged,
  type StageEntered,
  type Task,
  type TaskCompleted,
  taskRevision,
} from '@yishi/domain';
import { type EventStore, type RecordedEvent } from '@yishi/event-store';
import {
  QUEUES,
  type DeadlineTimerJobData,
  type JobItem,
  type ReconcileJobData,
} from '@yishi/messaging';
import { runWithContext, type Logger, type Metrics } from '@yishi/observability';
import { EVENT_STORE, LOGGER, METRICS, PG_POOL, RUNTIME, type Runtime } from '@yishi/platform';
import {
  awaitingAcknowledgement,
  awaitingTask,
  cancelDeadlines,
  caseIdOf,
  CaseRepository,
  caseStream,
  currentDeadlines,
  deadlineTimerJobId,
  deadlineRows,
  enterDeadlines,
  finishDeadline,
  groupsOf,
  insertDeadlines,
  openCaseStates,
  pendingDeadlines,
  pendingDeadlinesOf,
  taskDeadlineRows,
  timerJobId,
  wantedTimers,
  type CaseOutcome,
  type DeadlineGroup,
  type DeadlineKey,
  type DeadlineRecord,
} from '@yishi/cases';
import { NotificationFlows } from '../notifications/notification-flows';
import { startQueueWorker, type QueueWorker } from '../queues/queue-worker';
import { EventReactions, type ReactionScope } from '../queues/event-reactions';
import { QueueRegistry } from '../queues/queue-registry';
import { CaseWorkflowService, loadCaseOnce, WORKFLOW_ACTOR } from './case-workflow.service';
import { VotingWorkflowService } from './voting.service';

/** The job scheduler that runs the reconciler every RECONCILE_EVERY_MS. */
export const RECONCILER_SCHEDULER_ID = 'reconciler';

/** Rows and cases per reconciler page, and how many are worked on at once. */
const PAGE = 500;
const PARALLEL = 10;

/** What one reconciler run repaired. */
export interface ReconcileReport {
  /** `case_deadlines` rows of a current stage entry that were missing (their reaction was lost). */
  deadlineRows: number;
  /** Jobs of pending rows that Redis did not hold (or held finished), added again. */
  deadlineJobs: number;
  /** Notice-period and evaluation-window timers added again. */
  timers: number;
  /** Open cases whose gate may hold, for which the advance check ran. */
  advanceChecks: number;
  /** Drafted resolutions whose electorate was never frozen (VotingOpened lost): opened now. */
  votingOpened: number;
  /** `close-voting_<resolution>` jobs of open resolutions that Redis lost (or held finished). */
  closeVotingJobs: number;
  /** Reminder jobs to non-voters of open resolutions that Redis lost, added again. */
  voteReminderJobs: number;
  /** `finalise-vote_<resolution>` jobs of votes in their objection period that Redis lost. */
  finaliseVotingJobs: number;
  /** Closed votes whose result was not settled (preliminary or final) or not on the case: done now. */
  votingSettled: number;
}

/**
 * Acknowledgement deadlines and escalation (吹哨报到). Reactions keep `case_deadlines` (Postgres,
 * the truth) and its delayed jobs in step with the case: a stage entry writes a reminder and an
 * escalation row per required party and adds the entry's timer (one delayed job, due at its
 * earliest pending row); an acknowledgement, a later entry or the close cancels rows, and removes
 * a timer left with nothing pending. The timer re-checks each row and the folded case, so a stale
 * or duplicate timer does nothing. The reconciler, a BullMQ job scheduler, re-creates from
 * Postgres whatever Redis lost: deadline timers, notice and evaluation timers, advance checks.
 */
@Injectable()
export class CaseDeadlinesService implements OnApplicationBootstrap, OnModuleDestroy {
  private worker: QueueWorker | undefined;
  private watchdog: NodeJS.Timeout | undefined;

  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS) private readonly metrics: Metrics,
    private readonly queues: QueueRegistry,
    private readonly notifications: NotificationFlows,
    private readonly workflow: CaseWorkflowService,
    private readonly votingWorkflow: VotingWorkflowService,
    private readonly repository: CaseRepository,
    reactions: EventReactions,
  ) {
    reactions.on('StageEntered', (event, scope) => this.onStageEntered(event, scope));
    reactions.on('StageAcknowledged', (event) => this.onAcknowledged(event));
    reactions.on('PartyEscalated', (event, scope) => this.onEscalated(event, scope));
    reactions.on('CaseClosed', (event) => this.onClosed(event));
    reactions.on('TaskAssigned', (event) => this.onTaskChanged(event));
    reactions.on('TaskReassigned', (event) => this.onTaskChanged(event));
    reactions.on('TaskCompleted', (event) => this.onTaskCompleted(event));
    reactions.on('FollowUpEscalated', (event) => this.onFollowUpEscalated(event));
  }

  private get queue(): Queue {
    return this.queues.get(QUEUES.caseDeadlines);
  }

  onApplicationBootstrap(): void {
    const queue = QUEUES.caseDeadlines;
    this.worker = startQueueWorker(
      { runtime: this.runtime, logger: this.logger, metrics: this.metrics },
      queue,
      (job, token) => this.process(job, token),
      {
        concurrency: 10,
      },
    );
    // The scheduler lives in Redis too: an emptied Redis loses it. Look for it as often as it
    // runs, and put it back when it is gone.
    void this.ensureScheduler();
    this.watchdog = setInterval(() => void this.ensureScheduler(), this.everyMs);
    this.watchdog.unref();
  }

  private get everyMs(): number {
    return this.runtime.config.reconcileEveryMs;
  }

  private async ensureScheduler(): Promise<void> {
    try {
      const existing = await this.queue.getJobScheduler(RECONCILER_SCHEDULER_ID);
      if (existing?.every === this.everyMs) return;
      const data: ReconcileJobData = {};
      await this.queue.upsertJobScheduler(
        RECONCILER_SCHEDULER_ID,
        { every: this.everyMs },
        {
          name: 'reconcile',
          data,
          // The next run is the retry; keep a few runs for inspection.
          opts: { attempts: 1, removeOnComplete: { count: 20 }, removeOnFail: { count: 100 } },
        },
      );
    } catch (err) {
      this.logger.warn({ err }, 'reconciler scheduler not set; trying again later');
    }
  }

  /** Thin: parse the job, run the use case. A reconciler run returns what it repaired. */
  async process(job: Job, token?: string): Promise<ReconcileReport | undefined> {
    const item = { name: job.name, data: job.data as unknown } as Extract<
      JobItem,
      { name: 'deadlines' | 'deadline' | 'reconcile' }
    >;
    return runWithContext({ correlationId: String(job.id) }, async () => {
      switch (item.name) {
        case 'deadlines':
          await this.timerDue(item.data, job, token);
          return undefined;
        case 'deadline': {
          // A row's job from before the timers were per entry: the timer of its row's group.
          const { caseId, entry, taskId } = item.data;
          await this.timerDue({ caseId, entry, ...(taskId ? { taskId } : {}) }, job, token);
          return undefined;
        }
        case 'reconcile': {
          const report = await this.reconcile();
          if (Object.values(report).some((n) => n > 0))
            this.logger.info({ report }, 'reconciler repaired what Redis lost');
          return report;
        }
        default:
          throw new Error(`unknown job ${job.name} on ${QUEUES.caseDeadlines}`);
      }
    });
  }

  // ---------------------------------------------------------------- reactions

  private async onStageEntered(event: RecordedEvent, scope: ReactionScope): Promise<void> {
    const caseId = caseIdOf(event.streamId);
    if (caseId === undefined) return;
    const entered = event.data as StageEntered['data'];
    // The case as this job loaded it (at or after the event): a party that acknowledged meanwhile
    // gets its rows cancelled at once; a later acknowledgement cancels them by its own reaction.
    const { state } = await loadCaseOnce(scope, this.repository, caseId);
    const { emptied, pending } = await enterDeadlines(
      this.pool,
      { caseId, entry: entered.entry, taskId: null },
      deadlineRows(caseId, entered, state),
    );
    await this.removeTimers(emptied);
    await this.schedule(pending);
  }

  private async onAcknowledged(event: RecordedEvent): Promise<void> {
    const caseId = caseIdOf(event.streamId);
    if (caseId === undefined) return;
    const { party, entry } = event.data as StageAcknowledged['data'];
    await this.removeTimers(await cancelDeadlines(this.pool, { caseId, entry, party }));
  }

  /**
   * 吹哨报到: the street officers hear of every PartyEscalated, whoever appended it, exactly once
   * per event (the event id keys the flow and the inbox rows).
   */
  private async onEscalated(event: RecordedEvent, scope: ReactionScope): Promise<void> {
    const caseId = caseIdOf(event.streamId);
    if (caseId === undefined) return;
    const d = event.data as PartyEscalated['data'];
    const key = { caseId, entry: d.entry, party: d.party };
    await finishDeadline(this.pool, { ...key, kind: 'escalation' }, 'done');
    await this.removeTimers(await cancelDeadlines(this.pool, { ...key, kind: 'reminder' }));
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

  private async onClosed(event: RecordedEvent): Promise<void> {
    const caseId = caseIdOf(event.streamId);
    if (caseId === undefined) return;
    await this.removeTimers(await cancelDeadlines(this.pool, { caseId }));
  }

  /**
   * A task assigned, or reassigned (a new assignee or due date: a new revision): its reminder and
   * escalation rows for the revision, the earlier revision's rows cancelled.
   */
  private async onTaskChanged(event: RecordedEvent): Promise<void> {
    const caseId = caseIdOf(event.streamId);
    if (caseId === undefined) return;
    const { taskId } = event.data as { taskId: string };
    const { state } = await this.repository.load(caseId);
    const task = state?.tasks.find((t) => t.id === taskId);
    if (state === null || task === undefined) return;
    // The task as it folds now: a late reaction to an earlier revision writes the latest one's rows.
    await this.writeTaskRows(caseId, task, state);
  }

  private async writeTaskRows(caseId: string, task: Task, state: Case): Promise<void> {
    const { emptied, pending } = await enterDeadlines(
      this.pool,
      { caseId, entry: taskRevision(task), taskId: task.id },
      taskDeadlineRows(caseId, task, state),
    );
    await this.removeTimers(emptied);
    await this.schedule(pending);
  }

  private async onTaskCompleted(event: RecordedEvent): Promise<void> {
    const caseId = caseIdOf(event.streamId);
    if (caseId === undefined) return;
    const { taskId } = event.data as TaskCompleted['data'];
    await this.removeTimers(await cancelDeadlines(this.pool, { caseId, task: { taskId } }));
  }

  /**
   * 吹哨 in follow-up: the street officers hear of an overdue task or of residents not satisfied,
   * once per event; an overdue task's escalation row is done.
   */
  private async onFollowUpEscalated(event: RecordedEvent): Promise<void> {
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
   * Adds the timer of one group's pending rows (a stage entry's, or a task revision's), due at
   * its earliest row. A timer that exists stays as it is (add dedupes by id): it serves every
   * pending row of its group when it runs.
   */
  private async schedule(rows: readonly DeadlineRecord[]): Promise<void> {
    const [group] = rows;
    if (group === undefined) return;
    const dueAt = Math.min(...rows.map((r) => Date.parse(r.dueAt)));
    const data: DeadlineTimerJobData = {
      caseId: group.caseId,
      entry: group.entry,
      ...(group.taskId === null ? {} : { taskId: group.taskId }),
    };
    await this.queue.add('deadlines', data, {
      jobId: deadlineTimerJobId(group),
      delay: Math.max(0, dueAt - Date.now()),
    });
  }

  /** Best effort: a timer that is running, or already gone, stays; it re-checks its rows anyway. */
  private async removeTimers(groups: readonly DeadlineGroup[]): Promise<void> {
    for (const group of groups) {
      const jobId = deadlineTimerJobId(group);
      try {
        await this.queue.remove(jobId);
      } catch (err) {
        this.logger.debug({ err, jobId }, 'deadline timer not removed');
      }
    }
  }

  // ---------------------------------------------------------------- processors

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
    return this.escalate(row);
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
      deadline: row.deadline,
    });
    await finishDeadline(this.pool, row, 'done');
    this.metrics.acknowledgementReminders.inc({ outcome: 'sent' });
  }

  /**
   * 吹哨: EscalateParty through the repository (the decider refuses a stale entry and returns
   * nothing for a party that acknowledged meanwhile). The street officers are notified by the
   * reaction to the PartyEscalated event; the case's auto-advance check runs after it too, like
   * after every case event (an escalated party counts as satisfied at the gate).
   */
  private async escalate(row: DeadlineRecord): Promise<void> {
    let outcome: CaseOutcome;
    try {
      outcome = await this.repository.execute(
        row.caseId,
        { type: 'EscalateParty', data: { party: row.party, stage: row.stage, entry: row.entry } },
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

  // ---------------------------------------------------------------- reconciler

  /**
   * Re-creates from Postgres what Redis should hold, so an emptied Redis loses nothing:
   * - for each open case (the case-views read model): the current stage entry's deadline rows
   *   (when their reaction was lost), the notice-period or evaluation-window timer, and the
   *   advance check when the gate may hold (a lost advance job); for each open resolution, its
   *   frozen electorate and its close job (VotingWorkflowService.reconcileCase);
   * - for each pending `case_deadlines` row: its delayed job, when Redis has none (a due row runs
   *   at once).
   * Everything it adds carries the id the reactions use, so a job that exists stays single.
   */
  async reconcile(): Promise<ReconcileReport> {
    const report: ReconcileReport = {
      deadlineRows: 0,
      deadlineJobs: 0,
      timers: 0,
      advanceChecks: 0,
      votingOpened: 0,
      closeVotingJobs: 0,
      voteReminderJobs: 0,
      finaliseVotingJobs: 0,
      votingSettled: 0,
    };
    for (let after: string | undefined; ;) {
      const cases = await openCaseStates(this.pool, after, PAGE);
      // The current entry's rows of the whole page in one statement (existing rows stay as they are).
      const inserted = await insertDeadlines(
        this.pool,
        cases.flatMap((state) => {
          const entered = currentDeadlines(state);
          return [
            ...(entered === undefined ? [] : deadlineRows(state.id, entered, state)),
            ...(state.status === 'open' && state.stage === 'follow-up'
              ? state.tasks
                  .filter((t) => t.status === 'open')
                  .flatMap((task) => taskDeadlineRows(state.id, task, state))
              : []),
          ];
        }),
      );
      report.deadlineRows += inserted;
      await inBatches(cases, (state) => this.reconcileCase(state, report));
      if (cases.length < PAGE) break;
      after = cases.at(-1)?.id;
    }
    for (let after: DeadlineKey | undefined; ;) {
      const rows = await pendingDeadlines(this.pool, after, PAGE);
      await inBatches(groupsOf(rows), async (group) => {
        if (await this.ensureTimer(group)) report.deadlineJobs++;
      });
      if (rows.length < PAGE) break;
      after = rows.at(-1);
    }
    const m = this.metrics.reconcilerRepairs;
    m.inc({ what: 'deadline-row' }, report.deadlineRows);
    m.inc({ what: 'deadline-job' }, report.deadlineJobs);
    m.inc({ what: 'timer' }, report.timers);
    m.inc({ what: 'advance-check' }, report.advanceChecks);
    m.inc({ what: 'voting-opened' }, report.votingOpened);
    m.inc({ what: 'close-voting-job' }, report.closeVotingJobs);
    m.inc({ what: 'vote-reminder-job' }, report.voteReminderJobs);
    m.inc({ what: 'finalise-vote-job' }, report.finaliseVotingJobs);
    m.inc({ what: 'voting-settled' }, report.votingSettled);
    return report;
  }

  private async reconcileCase(state: Case, report: ReconcileReport): Promise<void> {
    const now = new Date().toISOString();
    const timers = wantedTimers(state, now);
    if (timers.length > 0) {
      const events = await this.store.readStream(caseStream(state.id));
      for (const timer of timers) {
        const type = timer.kind === 'notice-period-over' ? 'NoticePublished' : 'EvaluationOpened';
        const cause = events.findLast((e) => e.type === type);
        if (cause === undefined) continue;
        if (
          (await this.queues
            .get(QUEUES.caseTimers)
            .getJob(timerJobId(timer.kind, cause.eventId))) !== undefined
        )
          continue;
        await this.workflow.timer({ caseId: state.id, ...timer }, cause);
        report.timers++;
      }
    }
    if (advanceRule(state, now)?.mayBeDue === true) {
      await this.workflow.checkAdvance(state.id);
      report.advanceChecks++;
    }
    const voting = await this.votingWorkflow.reconcileCase(state);
    report.votingOpened += voting.opened;
    report.closeVotingJobs += voting.closeJobs;
    report.voteReminderJobs += voting.reminderJobs;
    report.finaliseVotingJobs += voting.finaliseJobs;
    report.votingSettled += voting.settled;
  }

  /**
   * Adds the timer of a group with pending rows when Redis has none; true when it did. One round
   * trip for a group whose timer is there (its state only, not the whole job).
   */
  private async ensureTimer(group: DeadlineGroup): Promise<boolean> {
    const id = deadlineTimerJobId(group);
    const state = await this.queue.getJobState(id);
    if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return false;
    // A finished timer of a group still pending (its run was cut short): run it again.
    if (state !== 'unknown') await this.queue.remove(id);
    // Its rows as they are now (a page of the scan may hold only some of them).
    await this.schedule(await pendingDeadlinesOf(this.pool, group));
    return true;
  }

  async onModuleDestroy(): Promise<void> {
    if (this.watchdog !== undefined) clearInterval(this.watchdog);
    await this.worker?.close(this.runtime.config.shutdownTimeoutMs / 2);
  }
}

/** Runs `fn` over `items`, PARALLEL at a time. */
async function inBatches<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += PARALLEL)
    await Promise.all(items.slice(i, i + PARALLEL).map(fn));
}
