import { Inject, Injectable } from '@nestjs/common';
import { type Job } from 'bullmq';
import { type Pool } from 'pg';
import {
  advanceRule,
  CASE_EVENT_TYPES,
  PARTIES,
  WrongStageError,
  type Case,
  type EvaluationOpened,
  type StageEntered,
} from '@yishi/domain';
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
import { PG_POOL } from '@yishi/platform';
import { deliverToResidents } from '@yishi/notifications';
import { readSettings, unitsInScope, unitsInScopeWithOwners } from '@yishi/registry';
import { advanceJobId, caseIdOf, CaseRepository, timerJobId, type LoadedCase } from '@yishi/cases';
import { NotificationFlows } from '../notifications/notification-flows';
import { QueueRegistry } from '../queues/queue-registry';

/** The case as this event's reactions see it: folded once per job, shared by all of them. */
export function loadCaseOnce(
  scope: ReactionScope,
  repository: CaseRepository,
  caseId: string,
): Promise<LoadedCase> {
  return scope.once(`case_${caseId}`, () => repository.load(caseId));
}

/** The actor of what the queue does by itself. */
export const WORKFLOW_ACTOR = 'system:workflow';

/**
 * Moves cases: after every case event (and when a notice period or evaluation window ends) it asks
 * whether the next gate should be evaluated, and if so adds the advance job; the advance job
 * decides from the log. Jobs carry ids; everything is re-read from Postgres, so a duplicate or stale
 * job appends nothing.
 */
@Injectable()
export class CaseWorkflowService {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly queues: QueueRegistry,
    private readonly notifications: NotificationFlows,
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
    await this.notify(caseId, event, loaded);
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

  /**
   * Every stage entry notifies each of the five parties (with the acknowledgement deadline), and a
   * closed case too. The flow's job ids come from the event id, so a replayed event adds nothing.
   */
  private async notify(caseId: string, event: RecordedEvent, { state }: LoadedCase): Promise<void> {
    if (event.type === 'EvaluationOpened') return this.askResidents(caseId, event);
    if (event.type !== 'StageEntered' && event.type !== 'CaseClosed') return;
    if (state === null) return;
    const base = {
      sourceEventId: event.eventId,
      communityId: state.communityId,
      caseId,
      caseTitle: state.title,
      parties: PARTIES,
    };
    if (event.type === 'CaseClosed') {
      await this.notifications.add({ ...base, kind: 'case-closed' });
      return;
    }
    const entered = event.data as StageEntered['data'];
    const deadline = entered.deadlines[0]?.deadline;
    await this.notifications.add({
      ...base,
      kind: 'stage-entered',
      stage: entered.stage,
      ...(deadline === undefined ? {} : { deadline }),
    });
  }

  /**
   * 问效: every task is done, so the owners of the units in the case's scope are asked to evaluate
   * before the window ends (their inbox; the event id keys the rows, so a replay adds nothing).
   */
  private async askResidents(caseId: string, event: RecordedEvent): Promise<void> {
    const { state } = await this.repository.load(caseId);
    if (state === null) return;
    const { endsAt } = event.data as EvaluationOpened['data'];
    const units = await unitsInScopeWithOwners(this.pool, state.communityId, state.scope);
    await deliverToResidents(
      this.pool,
      {
        sourceEventId: event.eventId,
        communityId: state.communityId,
        caseId,
        caseTitle: state.title,
        kind: 'evaluation-opened',
        parties: ['resident-representatives'],
        deadline: endsAt,
      },
      units.map((u) => u.unitId),
    );
  }

  /** Also run by the reconciler (case-deadlines.service.ts) for a timer Redis lost. */
  async timer(data: CaseTimerJobData, cause: Pick<RecordedEvent, 'eventId'>): Promise<void> {
    await this.queues.get(QUEUES.caseTimers).add('case-timer', data, {
      jobId: timerJobId(data.kind, cause.eventId),
      delay: Math.max(0, Date.parse(data.at) - Date.now()),
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

  /**
   * Adds the advance job when the case's next gate should be evaluated now; from `loaded` when the
   * caller has just loaded the case (the job re-checks from the log anyway).
   */
  async checkAdvance(caseId: string, loaded?: LoadedCase): Promise<void> {
    const { state } = loaded ?? (await this.repository.load(caseId));
    if (state === null) return;
    const unitsInScope = await this.scopeUnits(state);
    const rule = advanceRule(state, new Date().toISOString(), { unitsInScope });
    if (rule?.due !== true) return;
    const { to } = rule;
    const data: AdvanceJobData = { caseId, from: state.stage, to };
    // Removed once done, so a later request for the same move gets a job again.
    await this.queues.get(QUEUES.caseAdvance).add('advance', data, {
      jobId: advanceJobId(caseId, state.stage, to),
      removeOnComplete: true,
    });
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
        {
          type: 'EvaluateAdvance',
          data: { to: rule.to, unitsInScope: units, settings },
        },
        { actorId: WORKFLOW_ACTOR, loaded },
      );
    } catch (error) {
      // Someone else moved the case meanwhile (a retry after a version conflict saw it): done.
      if (error instanceof WrongStageError) return;
      throw error;
    }
  }
}
