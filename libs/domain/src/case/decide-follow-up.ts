import { AlreadyExistsError, NotFoundError, ValidationError, WrongStageError } from '../errors';
import { addWorkingDays, MAX_WORKING_DAYS } from '../calendar';
import {
  type AssignTask,
  type CompleteTask,
  type EscalateTask,
  type Evaluate,
  type RateEscalation,
  type ReassignTask,
  type ReportProgress,
} from './commands';
import { type CaseEvent, type FollowUpEscalated } from './events';
import { requireStage, stageEntered, type Now } from './decide-support';
import { currentEntry, evaluationVerdict } from './gates';
import { addHours, finite, id, iso, oneOf, optionalText, text, texts, time } from './guards';
import {
  type Case,
  type CaseSettings,
  DEFAULT_TASK_DUE_WORKING_DAYS,
  DEFAULT_TASK_REMINDER_BEFORE_HOURS,
  type EvaluationSummary,
  type Party,
  PARTIES,
  RATINGS,
  type Task,
} from './types';

/** When the assignee of a task due at `dueMs` is reminded: the setting's hours before, never before now. */
function taskRemindAt(state: Case, dueMs: number, now: Now): string {
  const hours = state.settings.taskReminderBeforeHours ?? DEFAULT_TASK_REMINDER_BEFORE_HOURS;
  return iso(Math.max(now.ms, addHours(dueMs, -hours)));
}

/**
 * A task's due date: an instant, or a whole number of working days from now (Chinese calendar,
 * docs/calendar.md); neither given, the community's taskDueWorkingDays.
 */
function taskDue(state: Case, d: AssignTask['data'], now: Now): number {
  const given = d.dueAt !== undefined && d.dueAt !== null;
  const days = d.dueInWorkingDays;
  if (given && days !== undefined && days !== null) {
    throw new ValidationError('dueAt 与 dueInWorkingDays 只能给一个', {
      field: 'dueInWorkingDays',
    });
  }
  if (given) {
    const dueAt = time(d.dueAt, 'dueAt');
    if (dueAt <= now.ms) throw new ValidationError('完成期限须晚于现在', { field: 'dueAt' });
    return dueAt;
  }
  const n =
    days === undefined || days === null
      ? (state.settings.taskDueWorkingDays ?? DEFAULT_TASK_DUE_WORKING_DAYS)
      : finite(days, 'dueInWorkingDays', 1, MAX_WORKING_DAYS);
  if (!Number.isInteger(n)) {
    throw new ValidationError('dueInWorkingDays 须为整数', { field: 'dueInWorkingDays' });
  }
  return Date.parse(addWorkingDays(now.iso, n));
}

/*
 * 落实问效: tasks, then the residents' evaluation. The evaluation window opens when the last open
 * task is completed, and no task can be added while it runs: if residents are not satisfied the case
 * is reopened, and the new tasks belong to the next round.
 */

export function assignTask(state: Case, d: AssignTask['data'], now: Now): CaseEvent[] {
  requireStage(state, 'follow-up', '分派任务');
  if (state.evaluationWindow !== null) {
    throw new WrongStageError('居民评价期间不能分派新任务', { phase: 'evaluation' });
  }
  const taskId = id(d.taskId, 'taskId');
  if (state.tasks.some((t) => t.id === taskId)) {
    throw new AlreadyExistsError('任务已存在', { taskId });
  }
  const dueAt = taskDue(state, d, now);
  return [
    {
      type: 'TaskAssigned',
      data: {
        taskId,
        title: text(d.title, 'title'),
        description: optionalText(d.description, 'description'),
        assigneeParty: oneOf(PARTIES, d.assigneeParty, 'assigneeParty'),
        dueAt: iso(dueAt),
        remindAt: taskRemindAt(state, dueAt, now),
        assignedAt: now.iso,
        assignedBy: now.actorId,
      },
    },
  ];
}

function findTask(state: Case, taskId: unknown): Task {
  requireStage(state, 'follow-up', '任务办理');
  const wanted = id(taskId, 'taskId');
  const task = state.tasks.find((t) => t.id === wanted);
  if (task === undefined) throw new NotFoundError('任务不存在', { taskId: wanted });
  return task;
}

function openTask(state: Case, taskId: unknown): Task {
  const task = findTask(state, taskId);
  if (task.status === 'done') {
    throw new WrongStageError('任务已完成', { taskId: task.id, status: task.status });
  }
  return task;
}

export function reportProgress(state: Case, d: ReportProgress['data'], now: Now): CaseEvent[] {
  const task = openTask(state, d.taskId);
  return [
    {
      type: 'TaskProgressReported',
      data: {
        taskId: task.id,
        percent: finite(d.percent, 'percent', 0, 100),
        note: text(d.note, 'note'),
        evidence: texts(d.evidence, 'evidence'),
        reportedAt: now.iso,
        reportedBy: now.actorId,
      },
    },
  ];
}

/** Completing a done task again changes nothing (a retried request). */
export function completeTask(state: Case, d: CompleteTask['data'], now: Now): CaseEvent[] {
  const task = findTask(state, d.taskId);
  if (task.status === 'done') return [];
  const events: CaseEvent[] = [
    {
      type: 'TaskCompleted',
      data: {
        taskId: task.id,
        note: text(d.note, 'note'),
        evidence: texts(d.evidence, 'evidence'),
        completedAt: now.iso,
        completedBy: now.actorId,
        onTime: now.ms <= Date.parse(task.dueAt),
      },
    },
  ];
  if (state.tasks.every((t) => t.id === task.id || t.status === 'done')) {
    events.push({
      type: 'EvaluationOpened',
      data: {
        round: state.evaluationRound,
        opensAt: now.iso,
        endsAt: iso(addHours(now.ms, state.settings.evaluationWindowHours)),
      },
    });
  }
  return events;
}

/** A new assignee and, where given, a new due date; the same assignee and date change nothing. */
export function reassignTask(state: Case, d: ReassignTask['data'], now: Now): CaseEvent[] {
  const task = openTask(state, d.taskId);
  const to = oneOf(PARTIES, d.assigneeParty, 'assigneeParty');
  let dueAt = task.dueAt;
  if (d.dueAt !== undefined && d.dueAt !== null) {
    const ms = time(d.dueAt, 'dueAt');
    if (ms <= now.ms) throw new ValidationError('完成期限须晚于现在', { field: 'dueAt' });
    dueAt = iso(ms);
  }
  const reason = optionalText(d.reason, 'reason');
  if (to === task.assigneeParty && dueAt === task.dueAt) return [];
  return [
    {
      type: 'TaskReassigned',
      data: {
        taskId: task.id,
        from: task.assigneeParty,
        to,
        dueAt,
        remindAt: taskRemindAt(state, Date.parse(dueAt), now),
        reason,
        reassignedAt: now.iso,
        reassignedBy: now.actorId,
      },
    },
  ];
}

export function evaluate(state: Case, d: Evaluate['data'], now: Now): CaseEvent[] {
  requireStage(state, 'follow-up', '居民评价');
  const unitId = id(d.unitId, 'unitId');
  const rating = oneOf(RATINGS, d.rating, 'rating');
  const comment = optionalText(d.comment, 'comment');
  const window = state.evaluationWindow;
  if (window === null) {
    throw new WrongStageError('任务尚未全部完成，暂不能评价', { phase: 'tasks' });
  }
  if (now.ms >= Date.parse(window.endsAt)) {
    throw new WrongStageError('评价期已结束', { endsAt: window.endsAt });
  }
  if (state.evaluations.some((e) => e.unitId === unitId)) {
    throw new AlreadyExistsError('该户本轮已评价', { unitId, round: state.evaluationRound });
  }
  return [
    {
      type: 'EvaluationSubmitted',
      data: {
        unitId,
        rating,
        comment,
        round: state.evaluationRound,
        evaluatedAt: now.iso,
        evaluatedBy: now.actorId,
      },
    },
  ];
}

/**
 * The follow-up gate held: count the round. Too few of the units asked responding (nobody
 * included) closes the case unevaluated: neither resolved nor reopened, never counted as
 * satisfied. Otherwise enough satisfied closes it resolved, and too few reopens it into a new round
 * of follow-up. `settings` are those in force now: their minimum response applies.
 */
export function concludeEvaluation(
  state: Case,
  unitsInScope: number | null,
  settings: CaseSettings,
  now: Now,
): CaseEvent[] {
  const verdict = evaluationVerdict(state, unitsInScope, settings);
  const events: CaseEvent[] = [
    { type: 'EvaluationConcluded', data: { ...verdict, concludedAt: now.iso } },
  ];
  if (!verdict.responseReached || verdict.reached) {
    events.push({
      type: 'CaseClosed',
      data: {
        outcome: verdict.responseReached ? 'resolved' : 'unevaluated',
        reason: verdict.responseReached || verdict.total === 0 ? null : tooFewReason(verdict),
        stage: 'follow-up',
        closedAt: now.iso,
        closedBy: now.actorId,
      },
    });
    return events;
  }
  const { numerator, denominator } = verdict.threshold;
  const satisfied = verdict.satisfied + verdict.basicallySatisfied;
  const reason = `满意率 ${satisfied}/${verdict.total} 未达到 ${numerator}/${denominator}`;
  const entered = stageEntered(state, 'follow-up', 'reopened', now, settings);
  events.push(
    {
      type: 'CaseReopened',
      data: {
        from: 'evaluation',
        reason,
        stage: 'follow-up',
        round: state.evaluationRound + 1,
        reopenedAt: now.iso,
        reopenedBy: now.actorId,
      },
    },
    entered,
    // 吹哨: the parties that did the round's tasks answer to the street office for it.
    ...responsibleParties(state).map((party): FollowUpEscalated => ({
      type: 'FollowUpEscalated',
      data: {
        escalationId: `eval_${state.evaluationRound}_${party}`,
        cause: 'evaluation',
        party,
        entry: entered.data.entry,
        taskId: null,
        round: state.evaluationRound,
        reason: `居民评价未通过：${reason}`,
        deadline: state.evaluationWindow?.endsAt ?? now.iso,
        escalatedAt: now.iso,
      },
    })),
  );
  return events;
}

/** Why a round some units answered counts for nothing: how many of how many, and the minimum. */
function tooFewReason(verdict: EvaluationSummary): string {
  const { numerator, denominator } = verdict.minEvaluationResponse;
  const of = verdict.unitsInScope === null ? '范围内户数未知' : `共 ${verdict.unitsInScope} 户`;
  return `参评 ${verdict.total} 户（${of}），未达到最低参评比例 ${numerator}/${denominator}，不计为办结`;
}

/** The assignees of the case's tasks, in the order of PARTIES; the lead party when there are none. */
function responsibleParties(state: Case): Party[] {
  const assigned = new Set(state.tasks.map((t) => t.assigneeParty));
  if (assigned.size === 0 && state.analysis !== null) assigned.add(state.analysis.leadParty);
  return PARTIES.filter((p) => assigned.has(p));
}

/** The revision of a task's due date: 1, then one more per reassignment (each may move it). */
export function taskRevision(task: Task): number {
  return task.reassignments.length + 1;
}

/**
 * 吹哨 for an overdue task, sent by the queue at its due date. Nothing for a task done, already
 * escalated, or whose due date moved since the timer was set (`revision`): that timer is stale.
 */
export function escalateTask(state: Case, d: EscalateTask['data'], now: Now): CaseEvent[] {
  const task = findTask(state, d.taskId);
  const escalationId = `task_${task.id}_${taskRevision(task)}`;
  if (task.status === 'done') return [];
  if (d.revision !== undefined && d.revision !== null && d.revision !== taskRevision(task))
    return [];
  if (state.escalations.some((e) => e.id === escalationId)) return [];
  if (now.ms < Date.parse(task.dueAt)) {
    throw new ValidationError('任务尚未逾期', { taskId: task.id, dueAt: task.dueAt });
  }
  return [
    {
      type: 'FollowUpEscalated',
      data: {
        escalationId,
        cause: 'task-overdue',
        party: task.assigneeParty,
        entry: currentEntry(state),
        taskId: task.id,
        round: state.evaluationRound,
        reason: `任务“${task.title}”逾期未完成`,
        deadline: task.dueAt,
        escalatedAt: now.iso,
      },
    },
  ];
}

/** 一哨一评: once per escalation (409 ALREADY_EXISTS on a second rating), in any status. */
export function rateEscalation(state: Case, d: RateEscalation['data'], now: Now): CaseEvent[] {
  const escalationId = text(d.escalationId, 'escalationId');
  const escalation = state.escalations.find((e) => e.id === escalationId);
  if (escalation === undefined) throw new NotFoundError('吹哨记录不存在', { escalationId });
  const rating = oneOf(RATINGS, d.rating, 'rating');
  const comment = optionalText(d.comment, 'comment');
  if (escalation.rating !== null) {
    throw new AlreadyExistsError('该次吹哨已评价', { escalationId });
  }
  return [
    {
      type: 'EscalationRated',
      data: { escalationId, rating, comment, ratedAt: now.iso, ratedBy: now.actorId },
    },
  ];
}
