import { type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { type Job } from 'bullmq';
import { type Pool } from 'pg';
import { JOB_QUEUES, type JobData, type JobName, type ReconcileJobData } from '@yishi/messaging';
import { runWithContext, type Logger } from '@yishi/observability';
import { type QueueRegistry } from './queue-registry';

/** One timer a row wants: its deterministic job id, its payload, and when it is due. */
export interface PlannedTimer<N extends JobName> {
  readonly jobId: string;
  readonly data: JobData<N>;
  /** ISO time the job runs at (at once when past). */
  readonly at: string;
}

/** The rows whose timers one feature keeps (a demand, a whistle) and how to plan them. */
export interface DeadlineTimerPlan<S extends { readonly id: string }, N extends JobName> {
  /** For the log lines: 'demand', 'whistle'. */
  readonly noun: string;
  /** The timers' job name; its queue is the reconciler's too. */
  readonly timerJob: N;
  /** The job scheduler's id and the name of the job it adds (its queue: the timers'). */
  readonly schedulerId: string;
  readonly reconcileJob: JobName;
  /**
   * The read model the reconciler pages through, its open rows by id (constants: they are put in
   * the SQL as they are).
   */
  readonly openRows: {
    readonly view: string;
    readonly idColumn: string;
    readonly statuses: readonly string[];
  };
  /** A row as its stream stands now (null when it has none). */
  load(id: string): Promise<S | null>;
  /** The timers a row wants now. */
  timers(state: S): readonly PlannedTimer<N>[];
}

/** Rows the reconciler reads per page. */
const PAGE = 500;

/**
 * A feature's deadline timers on BullMQ (docs/demands.md and docs/whistles.md, "Deadlines"): the
 * timers a row wants are added as delayed jobs with deterministic ids, so a retried reaction or a
 * reconciler pass adds nothing twice; a job scheduler re-creates, from the open rows of the read
 * model (each re-read from its stream), the timers Redis lost. A feature's job class extends it
 * with its plan, declares the `@OnEvent` and `@OnJob` methods (their names are its own) that call
 * `scheduleById`, `runTimer` and `runReconcile`, and keeps what a due timer does.
 */
export class DeadlineTimers<S extends { readonly id: string }, N extends JobName>
  implements OnApplicationBootstrap, OnModuleDestroy
{
  private watchdog: NodeJS.Timeout | undefined;

  constructor(
    private readonly plan: DeadlineTimerPlan<S, N>,
    private readonly deps: {
      readonly pool: Pool;
      readonly logger: Logger;
      readonly queues: QueueRegistry;
      readonly reconcileEveryMs: number;
    },
  ) {}

  private get timerQueue() {
    return this.deps.queues.get(JOB_QUEUES[this.plan.timerJob]);
  }

  /** The scheduler lives in Redis: it is put back as often as it runs. */
  onApplicationBootstrap(): void {
    void this.ensureScheduler();
    this.watchdog = setInterval(() => void this.ensureScheduler(), this.deps.reconcileEveryMs);
    this.watchdog.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.watchdog);
  }

  private async ensureScheduler(): Promise<void> {
    try {
      // An upsert changes nothing when it is there.
      const data: ReconcileJobData = {};
      await this.timerQueue.upsertJobScheduler(
        this.plan.schedulerId,
        { every: this.deps.reconcileEveryMs },
        { name: this.plan.reconcileJob, data },
      );
    } catch (err) {
      this.deps.logger.warn(
        { err },
        `${this.plan.noun} reconciler scheduler not ensured; tried again later`,
      );
    }
  }

  /** Adds the timers the row wants; a job id that exists (in any state) is left as it is. */
  async schedule(state: S): Promise<number> {
    const queue = this.timerQueue;
    let added = 0;
    for (const t of this.plan.timers(state)) {
      if ((await queue.getJob(t.jobId)) !== undefined) continue;
      await queue.add(this.plan.timerJob, t.data, {
        jobId: t.jobId,
        delay: Math.max(0, Date.parse(t.at) - Date.now()),
      });
      added++;
    }
    return added;
  }

  /** Loads the row and adds the timers it wants (after each of its events). */
  async scheduleById(id: string): Promise<number> {
    const state = await this.plan.load(id);
    return state === null ? 0 : this.schedule(state);
  }

  /** Re-creates the timers of the open rows (from their streams); returns how many were added. */
  async reconcile(): Promise<number> {
    const { view, idColumn, statuses } = this.plan.openRows;
    let added = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const { rows } = await this.deps.pool.query<{ id: string }>(
        `SELECT ${idColumn} AS id FROM ${view}
          WHERE status = ANY ($1) AND ${idColumn} > $2
          ORDER BY ${idColumn} LIMIT ${PAGE}`,
        [statuses, after],
      );
      for (const { id } of rows) added += await this.scheduleById(id);
      if (rows.length < PAGE) return added;
      after = rows.at(-1)!.id;
    }
  }

  /** A timer job: runs `due` with the job's id as the correlation id. */
  protected async runTimer(
    job: Job<JobData<N>>,
    due: (data: JobData<N>) => Promise<void>,
  ): Promise<void> {
    await runWithContext({ correlationId: String(job.id) }, () => due(job.data));
  }

  /** The reconciler's job: one pass, logged when it added anything. */
  protected async runReconcile(): Promise<void> {
    await runWithContext({ correlationId: this.plan.schedulerId }, async () => {
      const added = await this.reconcile();
      if (added > 0) this.deps.logger.info({ added }, `${this.plan.noun} timers re-created`);
    });
  }
}
