import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
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
import { deliverPersonal, renderWhistleNotice } from '@yishi/notifications';
import { runWithContext, type Logger } from '@yishi/observability';
import { LOGGER, nameUuid, PG_POOL, QueueRegistry, RUNTIME, type Runtime } from '@yishi/platform';
import { whistleIdOf, WhistleRepository } from '../whistle-repository';

/** The job scheduler that re-creates the whistles' timers every `reconcileEveryMs`. */
export const WHISTLE_RECONCILER_SCHEDULER_ID = 'reconcile-whistles';

/** The workflow's actor id on the events a timer appends (WhistleOverdueEscalated). */
const TIMER_ACTOR = 'system:workflow';

/** Open whistles whose timers the reconciler looks at, per page. */
const PAGE = 500;

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
 * the open whistles of the read model, each checked against its stream. Run by the worker.
 */
@Injectable()
export class WhistleDeadlineJobs implements OnApplicationBootstrap, OnModuleDestroy {
  private watchdog: NodeJS.Timeout | undefined;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly queues: QueueRegistry,
    private readonly whistles: WhistleRepository,
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
        .get(QUEUES.whistleDeadlines)
        .upsertJobScheduler(
          WHISTLE_RECONCILER_SCHEDULER_ID,
          { every: this.runtime.config.reconcileEveryMs },
          { name: 'reconcile-whistles', data: {} },
        );
    } catch (err) {
      this.logger.warn({ err }, 'whistle reconciler scheduler not ensured; tried again later');
    }
  }

  /** After every event of a whistle: the timers it now wants (those it no longer wants end idle). */
  @OnEvent(...Object.keys(WHISTLE_EVENT_LABELS))
  async onWhistleEvent(event: RecordedEvent): Promise<void> {
    const whistleId = whistleIdOf(event.streamId);
    if (whistleId === undefined) return;
    const { state } = await this.whistles.load(whistleId);
    if (state !== null) await this.schedule(state);
  }

  /** Adds the timers the whistle wants; a job id that exists (in any state) is left as it is. */
  async schedule(whistle: Whistle): Promise<number> {
    const queue = this.queues.get(QUEUES.whistleDeadlines);
    let added = 0;
    for (const t of whistleTimers(whistle)) {
      const jobId = whistleTimerJobId(whistle.id, t);
      if ((await queue.getJob(jobId)) !== undefined) continue;
      const data: WhistleTimerJobData = {
        whistleId: whistle.id,
        departmentId: t.departmentId,
        kind: t.kind,
        dueAt: t.dueAt,
      };
      await queue.add('whistle-timer', data, {
        jobId,
        delay: Math.max(0, Date.parse(t.at) - Date.now()),
      });
      added++;
    }
    return added;
  }

  /** Thin: parse the job, run the timer. */
  @OnJob({ name: 'whistle-timer', queue: QUEUES.whistleDeadlines })
  async onTimer(job: Job<WhistleTimerJobData>): Promise<void> {
    await runWithContext({ correlationId: String(job.id) }, () => this.timerDue(job.data));
  }

  /** The reconciler's pass: every open whistle's timers, added again where Redis lost them. */
  @OnJob({ name: 'reconcile-whistles', queue: QUEUES.whistleDeadlines })
  async onReconcile(_job: Job<ReconcileJobData>): Promise<void> {
    await runWithContext({ correlationId: WHISTLE_RECONCILER_SCHEDULER_ID }, async () => {
      const added = await this.reconcile();
      if (added > 0) this.logger.info({ added }, 'whistle timers re-created');
    });
  }

  /** Re-creates the timers of the open whistles (from their streams); returns how many were added. */
  async reconcile(): Promise<number> {
    let added = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const { rows } = await this.pool.query<{ whistle_id: string }>(
        `SELECT whistle_id FROM whistle_views
          WHERE status IN ('issued', 'accepted', 'on-site') AND whistle_id > $1
          ORDER BY whistle_id LIMIT ${PAGE}`,
        [after],
      );
      for (const { whistle_id } of rows) {
        const { state } = await this.whistles.load(whistle_id);
        if (state !== null) added += await this.schedule(state);
      }
      if (rows.length < PAGE) return added;
      after = rows.at(-1)!.whistle_id;
    }
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
    const text = renderWhistleNotice(request);
    await deliverPersonal(
      this.pool,
      request,
      rows.map((r) => ({ userId: r.user_id, text })),
    );
  }
}
