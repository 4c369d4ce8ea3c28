import { Inject, Injectable } from '@nestjs/common';
import { type Job } from 'bullmq';
import { type Pool } from 'pg';
import {
  WHISTLE_EVENT_LABELS,
  whistleTimers,
  whistleTimerWanted,
  type Whistle,
  type WhistleTimer,
} from '@yishi/domain';
import { type RecordedEvent } from '@yishi/event-store';
import {
  OnEvent,
  OnJob,
  QUEUES,
  type NotificationRequest,
  type ReconcileJobData,
  type WhistleTimerJobData,
} from '@yishi/messaging';
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
import { WhistleNotices } from '../notices/whistle.notices';
import { whistleIdOf, WhistleRepository } from '../whistle-repository';

/** The job scheduler that re-creates the whistles' timers every `reconcileEveryMs`. */
export const WHISTLE_RECONCILER_SCHEDULER_ID = 'reconcile-whistles';

/** The workflow's actor id on the events a timer appends (WhistleOverdueEscalated). */
const TIMER_ACTOR = 'system:workflow';

const OWED: Readonly<Record<'accept' | 'answer', string>> = { accept: '签收', answer: '反馈' };

/**
 * BullMQ job id of a timer: one per whistle, department, kind and deadline; no ':' and never all
 * digits, so a retried reaction or a reconciler pass adds nothing twice.
 */
export function whistleTimerJobId(
  whistleId: string,
  t: Pick<WhistleTimer, 'departmentId' | 'kind' | 'dueAt'>,
): string {
  return `whistle-timer_${whistleId}_${t.departmentId}_${t.kind}_${Date.parse(t.dueAt)}`;
}

/**
 * A whistle's deadline timers (docs/whistles.md, "Deadlines"; the plan is the domain's
 * `whistleTimers`), as the demands' (libs/demands/src/deadlines): after each of its events the
 * timers it wants are added as delayed jobs with deterministic ids; a due timer re-reads the stream
 * and does nothing unless the whistle still waits on that very deadline of that department; then
 * it reminds the department's members (`whistle-reminder`) or sends EscalateOverdue, whose event
 * `WhistleNotices` tells the street's officers. A scheduler re-creates the timers Redis lost from
 * the open whistles of the read model, each checked against its stream. The scheduling and the
 * reconciler are DeadlineTimers' (libs/platform); what a due timer does is here. Run by the worker.
 */
@Injectable()
export class WhistleDeadlineJobs extends DeadlineTimers<Whistle, 'whistle-timer'> {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(LOGGER) logger: Logger,
    @Inject(RUNTIME) runtime: Runtime,
    queues: QueueRegistry,
    private readonly whistles: WhistleRepository,
    private readonly notices: WhistleNotices,
  ) {
    super(
      {
        noun: 'whistle',
        timerJob: 'whistle-timer',
        schedulerId: WHISTLE_RECONCILER_SCHEDULER_ID,
        reconcileJob: 'reconcile-whistles',
        openRows: {
          view: 'whistle_views',
          idColumn: 'whistle_id',
          statuses: ['issued', 'accepted', 'on-site'],
        },
        load: async (id) => (await whistles.load(id)).state,
        timers: (whistle) =>
          whistleTimers(whistle).map((t) => ({
            jobId: whistleTimerJobId(whistle.id, t),
            data: {
              whistleId: whistle.id,
              departmentId: t.departmentId,
              kind: t.kind,
              dueAt: t.dueAt,
            },
            at: t.at,
          })),
      },
      { pool, logger, queues, reconcileEveryMs: runtime.config.reconcileEveryMs },
    );
  }

  /** After every event of a whistle: the timers it now wants (those it no longer wants end idle). */
  @OnEvent(...Object.keys(WHISTLE_EVENT_LABELS))
  async onWhistleEvent(event: RecordedEvent): Promise<void> {
    const whistleId = whistleIdOf(event.streamId);
    if (whistleId !== undefined) await this.scheduleById(whistleId);
  }

  /** Thin: parse the job, run the timer. */
  @OnJob({ name: 'whistle-timer', queue: QUEUES.whistleDeadlines })
  async onTimer(job: Job<WhistleTimerJobData>): Promise<void> {
    await this.runTimer(job, (t) => this.timerDue(t));
  }

  /** The reconciler's pass: every open whistle's timers, added again where Redis lost them. */
  @OnJob({ name: 'reconcile-whistles', queue: QUEUES.whistleDeadlines })
  async onReconcile(_job: Job<ReconcileJobData>): Promise<void> {
    await this.runReconcile();
  }

  /** A timer is due: nothing unless the whistle, as its stream stands, still waits on it. */
  async timerDue(t: WhistleTimerJobData): Promise<void> {
    const { state } = await this.whistles.load(t.whistleId);
    if (state === null || !whistleTimerWanted(state, t)) return;
    const [deadline, step] = t.kind.split('-') as ['accept' | 'answer', 'reminder' | 'overdue'];
    if (step === 'overdue') {
      const early = Date.parse(t.dueAt) - Date.now();
      // Thrown, so BullMQ tries again after its backoff: never escalate before the deadline.
      if (early > 0) throw new Error(`whistle-overdue ran ${early} ms early; retried`);
      // The decider re-checks it is still wanted; its event tells the street's officers.
      await this.whistles.execute(
        state.id,
        {
          type: 'EscalateOverdue',
          data: { departmentId: t.departmentId, deadline, dueAt: t.dueAt },
        },
        { actorId: TIMER_ACTOR },
      );
      return;
    }
    const request: NotificationRequest = {
      sourceEventId: nameUuid(whistleTimerJobId(state.id, t)),
      communityId: state.communityId,
      caseId: null,
      whistleId: state.id,
      caseTitle: state.subject,
      kind: 'whistle-reminder',
      parties: [],
      deadline: t.dueAt,
      subject: OWED[deadline],
    };
    const { rows } = await this.pool.query<{ user_id: string }>(
      `SELECT DISTINCT user_id FROM department_members WHERE department_id = $1`,
      [t.departmentId],
    );
    await this.notices.tell(
      request,
      rows.map((r) => r.user_id),
    );
  }
}
