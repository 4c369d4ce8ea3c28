import { Inject, Injectable } from '@nestjs/common';
import { type Job } from 'bullmq';
import { type Pool } from 'pg';
import { advanceRule, CASE_EVENT_TYPES, WrongStageError, type Case } from '@yishi/domain';
import { type RecordedEvent } from '@yishi/event-store';
import {
  OnEvent,
  OnJob,
  QUEUES,
  type AdvanceJobData,
  type CaseTimerJobData,
  type ReactionScope,
} from '@yishi/messaging';
import { runWithContext } from '@yishi/observability';
import { PG_POOL, QueueRegistry } from '@yishi/platform';
import { readSettings, unitsInScope } from '@yishi/registry';
import { caseIdOf, CaseRepository, type LoadedCase } from '../case-repository';
import { loadCaseOnce, WORKFLOW_ACTOR } from '../reactions';
import { advanceJobId, timerJobId } from './advance-job-ids';

/**
 * Moves cases on by themselves: after every case event (and when a notice period or evaluation
 * window ends) it asks the advance rule whether the next gate holds now, and if so adds the advance
 * job; the job asks the rule again and decides from the log (EvaluateAdvance). Jobs carry ids;
 * everything is re-read from PostgreSQL, so a duplicate or stale job appends nothing. Run by the
 * worker (its module provides this class); the deadline reconciler calls `timer` and `checkAdvance`
 * for what Redis lost.
 */
@Injectable()
export class AdvanceJobs {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly queues: QueueRegistry,
    private readonly repository: CaseRepository,
  ) {}

  /** Thin: parse the job, run the use case. */
  @OnJob({ name: 'advance', queue: QUEUES.caseAdvance })
  async onAdvance(job: Job<AdvanceJobData>): Promise<void> {
    await runWithContext({ correlationId: String(job.id) }, () => this.advance(job.data));
  }

  @OnJob({ name: 'case-timer', queue: QUEUES.caseTimers })
  async onTimer(job: Job<CaseTimerJobData>): Promise<void> {
    await runWithContext({ correlationId: String(job.id) }, () =>
      this.checkAdvance(job.data.caseId),
    );
  }

  @OnEvent(...CASE_EVENT_TYPES)
  private async onCaseEvent(event: RecordedEvent, scope: ReactionScope): Promise<void> {
    const caseId = caseIdOf(event.streamId);
    if (caseId === undefined) return;
    const loaded = await loadCaseOnce(scope, this.repository, caseId);
    if (event.type === 'NoticePublished') {
      const { noticePeriodEndsAt } = event.data as { noticePeriodEndsAt: string };
      await this.timer({ caseId, kind: 'notice-period-over', at: noticePeriodEndsAt }, event);
    } else if (event.type === 'EvaluationOpened') {
      const { endsAt } = event.data as { endsAt: string };
      await this.timer({ caseId, kind: 'evaluation-window-over', at: endsAt }, event);
    }
    // Once per job: a group's events (a stage advanced and entered) share the load, so the gate
    // reads the same.
    await scope.once(`advance-check_${caseId}`, () => this.checkAdvance(caseId, loaded));
  }

  /** A time-driven gate check, keyed by the event that set the time (the reconciler's too). */
  async timer(data: CaseTimerJobData, cause: Pick<RecordedEvent, 'eventId'>): Promise<void> {
    await this.queues.get(QUEUES.caseTimers).add('case-timer', data, {
      jobId: timerJobId(data.kind, cause.eventId),
      delay: Math.max(0, Date.parse(data.at) - Date.now()),
    });
  }

  /**
   * Adds the advance job when the case's next gate should be evaluated now; from `loaded` when the
   * caller has just loaded the case (the job re-checks from the log anyway).
   */
  async checkAdvance(caseId: string, loaded?: LoadedCase): Promise<void> {
    const { state } = loaded ?? (await this.repository.load(caseId));
    if (state === null) return;
    const units = await this.scopeUnits(state);
    const rule = advanceRule(state, new Date().toISOString(), { unitsInScope: units });
    if (rule?.due !== true) return;
    const { to } = rule;
    const data: AdvanceJobData = { caseId, from: state.stage, to };
    // Removed once done, so a later request for the same move gets a job again.
    await this.queues.get(QUEUES.caseAdvance).add('advance', data, {
      jobId: advanceJobId(caseId, state.stage, to),
      removeOnComplete: true,
    });
  }

  /**
   * The units of the case's scope, which only the follow-up gate asks about (every unit has
   * evaluated); any other gate ignores the number, so it is not counted (null).
   */
  private async scopeUnits(state: Case): Promise<number | null> {
    if (state.stage !== 'follow-up') return null;
    return unitsInScope(this.pool, state.communityId, state.scope);
  }

  private async advance({ caseId, from, to }: AdvanceJobData): Promise<void> {
    const loaded = await this.repository.load(caseId);
    const { state } = loaded;
    if (state === null || state.stage !== from) return;
    const units = await this.scopeUnits(state);
    const rule = advanceRule(state, new Date().toISOString(), { unitsInScope: units });
    if (rule?.due !== true || rule.to !== to) return;
    const settings = await readSettings(this.pool, state.communityId);
    try {
      await this.repository.execute(
        caseId,
        { type: 'EvaluateAdvance', data: { to: rule.to, unitsInScope: units, settings } },
        { actorId: WORKFLOW_ACTOR, loaded },
      );
    } catch (error) {
      // Someone else moved the case meanwhile (a retry after a version conflict saw it): done.
      if (error instanceof WrongStageError) return;
      throw error;
    }
  }
}
