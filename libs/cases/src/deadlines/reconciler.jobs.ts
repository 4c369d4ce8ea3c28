import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { type Job, type Queue } from 'bullmq';
import { type Pool } from 'pg';
import { advanceRule, type Case } from '@yishi/domain';
import { type EventStore } from '@yishi/event-store';
import { OnJob, QUEUES, type ReconcileJobData } from '@yishi/messaging';
import { runWithContext, type Logger, type Metrics } from '@yishi/observability';
import {
  EVENT_STORE,
  LOGGER,
  METRICS,
  PG_POOL,
  QueueRegistry,
  RUNTIME,
  type Runtime,
} from '@yishi/platform';
import { timerJobId } from '../advance/advance-job-ids';
import { AdvanceJobs } from '../advance/advance.jobs';
import { caseStream } from '../case-repository';
import { DeadlineJobs } from './deadline.jobs';
import { groupsOf, insertDeadlines, openCaseStates, pendingDeadlines } from './deadline-store';
import {
  currentDeadlines,
  type DeadlineKey,
  deadlineRows,
  taskDeadlineRows,
  wantedTimers,
} from './deadlines';

/** The job scheduler that runs the reconciler every RECONCILE_EVERY_MS. */
export const RECONCILER_SCHEDULER_ID = 'reconciler';

/** Rows and cases per reconciler page, and how many are worked on at once. */
const PAGE = 500;
const PARALLEL = 10;

/** What the reconciler repairs of the case's own jobs. */
export interface CaseRepairs {
  /** `case_deadlines` rows of a current stage entry that were missing (their reaction was lost). */
  deadlineRows: number;
  /** Jobs of pending rows that Redis did not hold (or held finished), added again. */
  deadlineJobs: number;
  /** Notice-period and evaluation-window timers added again. */
  timers: number;
  /** Open cases whose gate may hold, for which the advance check ran. */
  advanceChecks: number;
}

/** What one reconciler run repaired: the case's own counters and each OpenCaseRepairs' ones. */
export type ReconcileReport = CaseRepairs & Readonly<Record<string, number>>;

/**
 * The part of a feature above cases in the reconciler's pass over the open cases: it re-creates
 * the jobs of its own that Redis lost (voting: the close, reminder and finalise jobs). The worker
 * binds the parts to OPEN_CASE_REPAIRS, so the reconciler calls them without importing them.
 */
export interface OpenCaseRepairs {
  /** Its counters in the report, each with its `what` label of the reconciler_repairs metric. */
  readonly counters: Readonly<Record<string, string>>;
  /** Repairs what Redis lost for one open case; returns how many of each counter. */
  reconcileCase(state: Case): Promise<Readonly<Record<string, number>>>;
}

/** The injection token of the reconciler's `readonly OpenCaseRepairs[]`. */
export const OPEN_CASE_REPAIRS = Symbol('OPEN_CASE_REPAIRS');

/** The case's own counters, each with its `what` label of the reconciler_repairs metric. */
const CASE_COUNTERS: Readonly<Record<keyof CaseRepairs, string>> = {
  deadlineRows: 'deadline-row',
  deadlineJobs: 'deadline-job',
  timers: 'timer',
  advanceChecks: 'advance-check',
};

/**
 * The reconciler, a BullMQ job scheduler on the case-deadlines queue: re-creates from Postgres
 * whatever Redis lost: deadline timers, notice and evaluation timers, advance checks, and, through
 * the OPEN_CASE_REPAIRS parts, the jobs of the features above cases (voting's). Run by the worker
 * (its module provides this class).
 */
@Injectable()
export class ReconcilerJobs implements OnApplicationBootstrap, OnModuleDestroy {
  private watchdog: NodeJS.Timeout | undefined;

  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS) private readonly metrics: Metrics,
    private readonly queues: QueueRegistry,
    private readonly deadlines: DeadlineJobs,
    private readonly advances: AdvanceJobs,
    @Inject(OPEN_CASE_REPAIRS) private readonly parts: readonly OpenCaseRepairs[],
  ) {}

  private get queue(): Queue {
    return this.queues.get(QUEUES.caseDeadlines);
  }

  onApplicationBootstrap(): void {
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

  /** Thin: a run returns what it repaired (the job's return value). */
  @OnJob({ name: 'reconcile', queue: QUEUES.caseDeadlines })
  async onReconcile(job: Job<ReconcileJobData>): Promise<ReconcileReport> {
    return runWithContext({ correlationId: String(job.id) }, async () => {
      const report = await this.reconcile();
      if (Object.values(report).some((n) => n > 0))
        this.logger.info({ report }, 'reconciler repaired what Redis lost');
      return report;
    });
  }

  /**
   * Re-creates from Postgres what Redis should hold, so an emptied Redis loses nothing:
   * - for each open case (the case-views read model): the current stage entry's deadline rows
   *   (when their reaction was lost), the notice-period or evaluation-window timer, and the
   *   advance check when the gate may hold (a lost advance job); and each OpenCaseRepairs part
   *   (voting: each open resolution's frozen electorate and its close job);
   * - for each pending `case_deadlines` row: its delayed job, when Redis has none (a due row runs
   *   at once).
   * Everything it adds carries the id the reactions use, so a job that exists stays single.
   */
  async reconcile(): Promise<ReconcileReport> {
    const counters = [CASE_COUNTERS, ...this.parts.map((part) => part.counters)];
    const report: CaseRepairs & Record<string, number> = {
      deadlineRows: 0,
      deadlineJobs: 0,
      timers: 0,
      advanceChecks: 0,
    };
    for (const part of this.parts) for (const counter in part.counters) report[counter] = 0;
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
        if (await this.deadlines.ensureTimer(group)) report.deadlineJobs++;
      });
      if (rows.length < PAGE) break;
      after = rows.at(-1);
    }
    for (const labels of counters)
      for (const [counter, what] of Object.entries(labels))
        this.metrics.reconcilerRepairs.inc({ what }, report[counter] ?? 0);
    return report;
  }

  private async reconcileCase(
    state: Case,
    report: CaseRepairs & Record<string, number>,
  ): Promise<void> {
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
        await this.advances.timer({ caseId: state.id, ...timer }, cause);
        report.timers++;
      }
    }
    if (advanceRule(state, now)?.mayBeDue === true) {
      await this.advances.checkAdvance(state.id);
      report.advanceChecks++;
    }
    for (const part of this.parts)
      for (const [counter, n] of Object.entries(await part.reconcileCase(state)))
        report[counter] = (report[counter] ?? 0) + n;
  }

  onModuleDestroy(): void {
    if (this.watchdog !== undefined) clearInterval(this.watchdog);
  }
}

/** Runs `fn` over `items`, PARALLEL at a time. */
async function inBatches<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += PARALLEL)
    await Promise.all(items.slice(i, i + PARALLEL).map(fn));
}
