import { AlreadyExistsError, NotFoundError, ValidationError, WrongStageError } from '../errors';
import {
  type AssignTask,
  type CompleteTask,
  type Evaluate,
  type ReassignTask,
  type ReportProgress,
} from './commands';
import { type CaseEvent } from './events';
import { requireStage, stageEntered, type Now } from './decide-support';
import { evaluationVerdict } from './gates';
import { addHours, finite, id, iso, oneOf, optionalText, text, texts, time } from './guards';
import { type Case, type CaseSettings, PARTIES, RATINGS, type Task } from './types';

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
  const dueAt = time(d.dueAt, 'dueAt');
  if (dueAt <= now.ms) throw new ValidationError('完成期限须晚于现在', { field: 'dueAt' });
  return [
    {
      type: 'TaskAssigned',
      data: {
        taskId,
        title: text(d.title, 'title'),
        description: optionalText(d.description, 'description'),
        assigneeParty: oneOf(PARTIES, d.assigneeParty, 'assigneeParty'),
        dueAt: iso(dueAt),
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
 * The follow-up gate held: count the round. Enough satisfied closes the case resolved; nobody
 * evaluating closes it unevaluated (never counted as satisfied); otherwise it is reopened into a new
 * round of follow-up.
 */
export function concludeEvaluation(
  state: Case,
  unitsInScope: number | null,
  settings: CaseSettings,
  now: Now,
): CaseEvent[] {
  const verdict = evaluationVerdict(state);
  const events: CaseEvent[] = [
    { type: 'EvaluationConcluded', data: { ...verdict, unitsInScope, concludedAt: now.iso } },
  ];
  if (verdict.total === 0 || verdict.reached) {
    events.push({
      type: 'CaseClosed',
      data: {
        outcome: verdict.reached ? 'resolved' : 'unevaluated',
        reason: null,
        stage: 'follow-up',
        closedAt: now.iso,
        closedBy: now.actorId,
      },
    });
    return events;
  }
  const { numerator, denominator } = verdict.threshold;
  const satisfied = verdict.satisfied + verdict.basicallySatisfied;
  events.push(
    {
      type: 'CaseReopened',
      data: {
        from: 'evaluation',
        reason: `满意率 ${satisfied}/${verdict.total} 未达到 ${numerator}/${denominator}`,
        stage: 'follow-up',
        round: state.evaluationRound + 1,
        reopenedAt: now.iso,
        reopenedBy: now.actorId,
      },
    },
    stageEntered(state, 'follow-up', 'reopened', now, settings),
  );
  return events;
}
