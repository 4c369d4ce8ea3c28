import { Inject, Injectable, Optional } from '@nestjs/common';
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
import { type Logger } from '@yishi/observability';
import {
  DeadlineTimers,
  LOGGER,
  nameUuid,
  PG_POOL,
  QueueRegistry,
  RUNTIME,
  type Runtime,
} from '@yishi/platform';
import { demandIdOf, DemandRepository } from '../demand-repository';
import { demandTimerJobId, demandTimers, stillWanted } from './demand-timers';
import { demandRobotFacts } from '../robot-posts/robot-posts.jobs';

/** The job scheduler that re-creates the demands' timers every `reconcileEveryMs`. */
export const DEMAND_RECONCILER_SCHEDULER_ID = 'reconcile-demands';

/** The workflow's actor id on the events a timer appends (LapseConfirmation). */
const TIMER_ACTOR = 'system:workflow';

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
 * open demands of the read model, each checked against its stream. The scheduling and the
 * reconciler are DeadlineTimers' (libs/platform); what a due timer does is here. Run by the worker.
 */
@Injectable()
export class DemandDeadlineJobs extends DeadlineTimers<LedgerDemand, 'demand-timer'> {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(RUNTIME) runtime: Runtime,
    queues: QueueRegistry,
    private readonly demands: DemandRepository,
    private readonly robots: GridRobots,
    @Optional()
    @Inject(DEMAND_STREET_ESCALATION)
    private readonly streetEscalation: DemandStreetEscalation | null = null,
  ) {
    super(
      {
        noun: 'demand',
        timerJob: 'demand-timer',
        schedulerId: DEMAND_RECONCILER_SCHEDULER_ID,
        reconcileJob: 'reconcile-demands',
        openRows: {
          view: 'demand_views',
          idColumn: 'demand_id',
          statuses: ['received', 'accepted', 'assigned', 'resolved'],
        },
        load: async (id) => (await demands.load(id)).state,
        timers: (demand) =>
          demandTimers(demand).map((t) => ({
            jobId: demandTimerJobId(demand.id, t),
            data: { demandId: demand.id, kind: t.kind, dueAt: t.dueAt },
            at: t.at,
          })),
      },
      { pool, logger, queues, reconcileEveryMs: runtime.config.reconcileEveryMs },
    );
  }

  /** After every event of a demand: the timers it now wants (those it no longer wants end idle). */
  @OnEvent(...Object.keys(DEMAND_EVENT_LABELS))
  async onDemandEvent(event: RecordedEvent): Promise<void> {
    const demandId = demandIdOf(event.streamId);
    if (demandId !== undefined) await this.scheduleById(demandId);
  }

  /** Thin: parse the job, run the timer. */
  @OnJob({ name: 'demand-timer', queue: QUEUES.demandDeadlines })
  async onTimer(job: Job<DemandTimerJobData>): Promise<void> {
    await this.runTimer(job, (t) => this.timerDue(t));
  }

  /** The reconciler's pass: every open demand's timers, added again where Redis lost them. */
  @OnJob({ name: 'reconcile-demands', queue: QUEUES.demandDeadlines })
  async onReconcile(_job: Job<ReconcileJobData>): Promise<void> {
    await this.runReconcile();
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
      demandId: state.id,
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
