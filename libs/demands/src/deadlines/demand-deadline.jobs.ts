import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  Optional,
} from '@nestjs/common';
import { type Job } from 'bullmq';
import { type Pool } from 'pg';
import { DEMAND_EVENT_LABELS, WrongStageError, type LedgerDemand } from '@yishi/domain';
import { type RecordedEvent } from '@yishi/event-store';
import {
  OnEvent,
  OnJob,
  QUEUES,
  type DemandTimerJobData,
  type NotificationKind,
  type NotificationRequest,
  type ReconcileJobData,
} from '@yishi/messaging';
import { deliverPersonal, GridRobots, renderDemandNotice } from '@yishi/notifications';
import { runWithContext, type Logger } from '@yishi/observability';
import { LOGGER, nameUuid, PG_POOL, QueueRegistry, RUNTIME, type Runtime } from '@yishi/platform';
import { demandIdOf, DemandRepository } from '../demand-repository';
import { demandTimerJobId, demandTimers, stillWanted } from './demand-timers';
import { demandRobotFacts } from '../robot-posts/robot-posts.jobs';

/** The job scheduler that re-creates the demands' timers every `reconcileEveryMs`. */
export const DEMAND_RECONCILER_SCHEDULER_ID = 'reconcile-demands';

/** The workflow's actor id on the events a timer appends (LapseConfirmation). */
const TIMER_ACTOR = 'system:workflow';

/** Open demands whose timers the reconciler looks at, per page. */
const PAGE = 500;

/**
 * Whoever calls the street in on a demand past its deadline's last timer (吹哨; libs/whistles in
 * the worker): called after the street's officers are told, with the timer's id as the escalation's.
 */
export interface DemandStreetEscalation {
  demandEscalated(demand: LedgerDemand, escalationId: string): Promise<unknown>;
}
export const DEMAND_STREET_ESCALATION = Symbol('DEMAND_STREET_ESCALATION');

const OWED: Readonly<Record<'accept' | 'resolve', string>> = { accept: '签收', resolve: '办结' };

/**
 * A demand's deadline timers (docs/demands.md, "Deadlines"; the plan in demand-timers.ts): after
 * each of its events the timers it wants are added as delayed jobs with deterministic ids; a due
 * timer re-reads the stream and does nothing unless the demand still waits on that very deadline;
 * then it reminds the grid's workers, tells the secretary, tells the street officers, or lapses
 * the confirmation (closed unevaluated). A scheduler re-creates the timers Redis lost from the
 * open demands of the read model, each checked against its stream. Run by the worker.
 */
@Injectable()
export class DemandDeadlineJobs implements OnApplicationBootstrap, OnModuleDestroy {
  private watchdog: NodeJS.Timeout | undefined;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly queues: QueueRegistry,
    private readonly demands: DemandRepository,
    private readonly robots: GridRobots,
    @Optional()
    @Inject(DEMAND_STREET_ESCALATION)
    private readonly streetEscalation: DemandStreetEscalation | null = null,
  ) {}

  onApplicationBootstrap(): void {
    // The scheduler lives in Redis: put it back as often as it runs (an upsert changes nothing
    // when it is there).
    void this.ensureScheduler();
    this.watchdog = setInterval(
      () => void this.ensureScheduler(),
      this.runtime.config.reconcileEveryMs,
    );
    this.watchdog.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.watchdog);
  }

  private async ensureScheduler(): Promise<void> {
    try {
      await this.queues
        .get(QUEUES.demandDeadlines)
        .upsertJobScheduler(
          DEMAND_RECONCILER_SCHEDULER_ID,
          { every: this.runtime.config.reconcileEveryMs },
          { name: 'reconcile-demands', data: {} },
        );
    } catch (err) {
      this.logger.warn({ err }, 'demand reconciler scheduler not ensured; tried again later');
    }
  }

  /** After every event of a demand: the timers it now wants (those it no longer wants end idle). */
  @OnEvent(...Object.keys(DEMAND_EVENT_LABELS))
  async onDemandEvent(event: RecordedEvent): Promise<void> {
    const demandId = demandIdOf(event.streamId);
    if (demandId === undefined) return;
    const { state } = await this.demands.load(demandId);
    if (state !== null) await this.schedule(state);
  }

  /** Adds the timers the demand wants; a job id that exists (in any state) is left as it is. */
  async schedule(demand: LedgerDemand): Promise<number> {
    const timers = demandTimers(demand);
    const queue = this.queues.get(QUEUES.demandDeadlines);
    let added = 0;
    for (const t of timers) {
      const jobId = demandTimerJobId(demand.id, t);
      if ((await queue.getJob(jobId)) !== undefined) continue;
      const data: DemandTimerJobData = { demandId: demand.id, kind: t.kind, dueAt: t.dueAt };
      await queue.add('demand-timer', data, {
        jobId,
        delay: Math.max(0, Date.parse(t.at) - Date.now()),
      });
      added++;
    }
    return added;
  }

  /** Thin: parse the job, run the timer. */
  @OnJob({ name: 'demand-timer', queue: QUEUES.demandDeadlines })
  async onTimer(job: Job<DemandTimerJobData>): Promise<void> {
    await runWithContext({ correlationId: String(job.id) }, () => this.timerDue(job.data));
  }

  /** The reconciler's pass: every open demand's timers, added again where Redis lost them. */
  @OnJob({ name: 'reconcile-demands', queue: QUEUES.demandDeadlines })
  async onReconcile(_job: Job<ReconcileJobData>): Promise<void> {
    await runWithContext({ correlationId: DEMAND_RECONCILER_SCHEDULER_ID }, async () => {
      const added = await this.reconcile();
      if (added > 0) this.logger.info({ added }, 'demand timers re-created');
    });
  }

  /** Re-creates the timers of the open demands (from their streams); returns how many were added. */
  async reconcile(): Promise<number> {
    let added = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const { rows } = await this.pool.query<{ demand_id: string }>(
        `SELECT demand_id FROM demand_views
          WHERE status IN ('received', 'accepted', 'assigned', 'resolved') AND demand_id > $1
          ORDER BY demand_id LIMIT ${PAGE}`,
        [after],
      );
      for (const { demand_id } of rows) {
        const { state } = await this.demands.load(demand_id);
        if (state !== null) added += await this.schedule(state);
      }
      if (rows.length < PAGE) return added;
      after = rows.at(-1)!.demand_id;
    }
  }

  /** A timer is due: nothing unless the demand, as its stream stands, still waits on it. */
  async timerDue(t: DemandTimerJobData): Promise<void> {
    const { state } = await this.demands.load(t.demandId);
    if (state === null || !stillWanted(state, t)) return;
    if (t.kind === 'confirm-lapse') {
      const early = Date.parse(t.dueAt) - Date.now();
      // Thrown, so BullMQ tries again after its backoff: never close before the deadline.
      if (early > 0) throw new Error(`confirm-lapse ran ${early} ms early; retried`);
      return this.lapse(state);
    }
    const [phase, step] = t.kind.split('-') as ['accept' | 'resolve', string];
    const kind: NotificationKind =
      step === 'reminder'
        ? 'demand-reminder'
        : step === 'overdue'
          ? 'demand-overdue'
          : 'demand-escalated';
    const recipients =
      step === 'reminder'
        ? await this.workersOf(state)
        : await this.membersWithRole(
            state.communityId,
            step === 'overdue' ? 'secretary' : 'street-officer',
          );
    const request: NotificationRequest = {
      sourceEventId: nameUuid(demandTimerJobId(state.id, t)),
      communityId: state.communityId,
      caseId: null,
      caseTitle: `${state.number} ${[...state.content].slice(0, 30).join('')}`,
      kind,
      parties: [],
      deadline: t.dueAt,
      subject: OWED[phase],
    };
    const text = renderDemandNotice(request);
    await deliverPersonal(
      this.pool,
      request,
      recipients.map((userId) => ({ userId, text })),
    );
    if (step === 'escalated')
      await this.streetEscalation?.demandEscalated(state, demandTimerJobId(state.id, t));
    // The grid's group chat hears of a missed deadline too (never blocking: GridRobots never throws).
    if (step === 'overdue' && state.gridId !== null)
      await this.robots.postToGridRobot(state.gridId, {
        sourceEventId: request.sourceEventId,
        kind: 'demand-overdue',
        demand: { ...demandRobotFacts(state), dueAt: t.dueAt },
      });
  }

  /** The confirmation window passed unanswered: closed unevaluated (the decider re-checks). */
  private async lapse(state: LedgerDemand): Promise<void> {
    const round = state.pendingConfirmation?.round ?? null;
    try {
      await this.demands.execute(
        state.id,
        { type: 'LapseConfirmation', data: { round } },
        { actorId: TIMER_ACTOR },
      );
    } catch (error) {
      if (!(error instanceof WrongStageError)) throw error;
      this.logger.info({ demandId: state.id, err: error }, 'confirmation not lapsed');
    }
  }

  /** The grid's workers (the secretaries where it has no grid), and the assignee if a person. */
  private async workersOf(d: LedgerDemand): Promise<string[]> {
    const workers =
      d.gridId === null
        ? await this.membersWithRole(d.communityId, 'secretary')
        : (
            await this.pool.query<{ user_id: string }>(
              `SELECT user_id FROM grid_workers WHERE grid_id = $1`,
              [d.gridId],
            )
          ).rows.map((r) => r.user_id);
    const assignee = d.assignment?.userId ?? null;
    return [...new Set(assignee === null ? workers : [...workers, assignee])];
  }

  private async membersWithRole(communityId: string, role: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ user_id: string }>(
      `SELECT DISTINCT user_id FROM memberships WHERE community_id = $1 AND $2 = ANY (roles)`,
      [communityId, role],
    );
    return rows.map((r) => r.user_id);
  }
}
