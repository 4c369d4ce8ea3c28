import { Inject, Injectable } from '@nestjs/common';
import { type Queue } from 'bullmq';
import { type Pool } from 'pg';
import {
  type Case,
  type StageAcknowledged,
  type StageEntered,
  type Task,
  type TaskCompleted,
  taskRevision,
} from '@yishi/domain';
import { type RecordedEvent } from '@yishi/event-store';
import { OnEvent, QUEUES, type DeadlineTimerJobData, type ReactionScope } from '@yishi/messaging';
import { type Logger } from '@yishi/observability';
import { LOGGER, PG_POOL, QueueRegistry } from '@yishi/platform';
import { caseIdOf, CaseRepository } from '../case-repository';
import { loadCaseOnce } from '../reactions';
import {
  cancelDeadlines,
  type DeadlineRecord,
  enterDeadlines,
  pendingDeadlinesOf,
} from './deadline-store';
import {
  type DeadlineGroup,
  deadlineRows,
  deadlineTimerJobId,
  taskDeadlineRows,
} from './deadlines';

/**
 * Acknowledgement deadlines (签收期限) and task due dates as timers. Reactions keep
 * `case_deadlines` (Postgres, the truth) and its delayed jobs in step with the case: a stage entry
 * writes a reminder and an escalation row per required party and adds the entry's timer (one
 * delayed job, due at its earliest pending row); an acknowledgement, a later entry or the close
 * cancels rows, and removes a timer left with nothing pending. What a due timer does is
 * escalation.jobs.ts; what Redis lost, reconciler.jobs.ts re-creates. Run by the worker (its
 * module provides this class).
 */
@Injectable()
export class DeadlineJobs {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly queues: QueueRegistry,
    private readonly repository: CaseRepository,
  ) {}

  private get queue(): Queue {
    return this.queues.get(QUEUES.caseDeadlines);
  }

  @OnEvent('StageEntered')
  async onStageEntered(event: RecordedEvent, scope: ReactionScope): Promise<void> {
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

  @OnEvent('StageAcknowledged')
  async onAcknowledged(event: RecordedEvent): Promise<void> {
    const caseId = caseIdOf(event.streamId);
    if (caseId === undefined) return;
    const { party, entry } = event.data as StageAcknowledged['data'];
    await this.removeTimers(await cancelDeadlines(this.pool, { caseId, entry, party }));
  }

  @OnEvent('CaseClosed')
  async onClosed(event: RecordedEvent): Promise<void> {
    const caseId = caseIdOf(event.streamId);
    if (caseId === undefined) return;
    await this.removeTimers(await cancelDeadlines(this.pool, { caseId }));
  }

  /**
   * A task assigned, or reassigned (a new assignee or due date: a new revision): its reminder and
   * escalation rows for the revision, the earlier revision's rows cancelled.
   */
  @OnEvent('TaskAssigned', 'TaskReassigned')
  async onTaskChanged(event: RecordedEvent): Promise<void> {
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

  @OnEvent('TaskCompleted')
  async onTaskCompleted(event: RecordedEvent): Promise<void> {
    const caseId = caseIdOf(event.streamId);
    if (caseId === undefined) return;
    const { taskId } = event.data as TaskCompleted['data'];
    await this.removeTimers(await cancelDeadlines(this.pool, { caseId, task: { taskId } }));
  }

  /**
   * Adds the timer of one group's pending rows (a stage entry's, or a task revision's), due at
   * its earliest row. A timer that exists stays as it is (add dedupes by id): it serves every
   * pending row of its group when it runs.
   */
  async schedule(rows: readonly DeadlineRecord[]): Promise<void> {
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
  async removeTimers(groups: readonly DeadlineGroup[]): Promise<void> {
    for (const group of groups) {
      const jobId = deadlineTimerJobId(group);
      try {
        await this.queue.remove(jobId);
      } catch (err) {
        this.logger.debug({ err, jobId }, 'deadline timer not removed');
      }
    }
  }

  /**
   * Adds the timer of a group with pending rows when Redis has none; true when it did. One round
   * trip for a group whose timer is there (its state only, not the whole job).
   */
  async ensureTimer(group: DeadlineGroup): Promise<boolean> {
    const id = deadlineTimerJobId(group);
    const state = await this.queue.getJobState(id);
    if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return false;
    // A finished timer of a group still pending (its run was cut short): run it again.
    if (state !== 'unknown') await this.queue.remove(id);
    // Its rows as they are now (a page of the scan may hold only some of them).
    await this.schedule(await pendingDeadlinesOf(this.pool, group));
    return true;
  }
}
