import {
  type EscalationRated,
  type EvaluationConcluded,
  type EvaluationOpened,
  type EvaluationSubmitted,
  type FollowUpEscalated,
  type TaskAssigned,
  type TaskCompleted,
  type TaskProgressReported,
  type TaskReassigned,
} from './events';
import { type EvolveGuard, guardFor } from './evolve-guard';
import { type Case, type Fraction, type Task } from './types';

/** The minimum response of rounds concluded before it existed: none applied. */
const NO_MINIMUM: Fraction = { numerator: 0, denominator: 1 };

/** The events of follow-up: tasks, residents' evaluations and escalations. */
export type FollowUpEvent =
  | TaskAssigned
  | TaskProgressReported
  | TaskCompleted
  | TaskReassigned
  | EvaluationOpened
  | EvaluationSubmitted
  | EvaluationConcluded
  | FollowUpEscalated
  | EscalationRated;

export function evolveFollowUp(state: Case, event: FollowUpEvent): Case {
  const { check, inStage } = guardFor(state, event.type);

  switch (event.type) {
    case 'TaskAssigned': {
      const d = event.data;
      inStage('follow-up');
      check(!state.tasks.some((t) => t.id === d.taskId), 'duplicate task id');
      check(state.evaluationWindow === null, 'residents are evaluating');
      const task: Task = {
        id: d.taskId,
        title: d.title,
        description: d.description,
        assigneeParty: d.assigneeParty,
        dueAt: d.dueAt,
        remindAt: d.remindAt ?? null,
        status: 'open',
        percent: 0,
        assignedAt: d.assignedAt,
        assignedBy: d.assignedBy,
        completedAt: null,
        reports: [],
        reassignments: [],
      };
      return { ...state, tasks: [...state.tasks, task] };
    }

    case 'TaskProgressReported': {
      const d = event.data;
      inStage('follow-up');
      check(d.percent >= 0 && d.percent <= 100, 'percent out of range');
      return updateOpenTask(state, d.taskId, check, (t) => ({
        ...t,
        percent: d.percent,
        reports: [
          ...t.reports,
          {
            kind: 'progress',
            percent: d.percent,
            note: d.note,
            evidence: d.evidence,
            reportedAt: d.reportedAt,
            reportedBy: d.reportedBy,
          },
        ],
      }));
    }

    case 'TaskCompleted': {
      const d = event.data;
      inStage('follow-up');
      return updateOpenTask(state, d.taskId, check, (t) => ({
        ...t,
        status: 'done',
        percent: 100,
        completedAt: d.completedAt,
        reports: [
          ...t.reports,
          {
            kind: 'completion',
            percent: 100,
            note: d.note,
            evidence: d.evidence,
            reportedAt: d.completedAt,
            reportedBy: d.completedBy,
          },
        ],
      }));
    }

    case 'TaskReassigned': {
      const d = event.data;
      inStage('follow-up');
      return updateOpenTask(state, d.taskId, check, (t) => {
        check(t.assigneeParty === d.from, 'reassigned from another party');
        return {
          ...t,
          assigneeParty: d.to,
          dueAt: d.dueAt,
          remindAt: d.remindAt ?? null,
          reassignments: [
            ...t.reassignments,
            {
              from: d.from,
              to: d.to,
              dueAt: d.dueAt,
              reason: d.reason,
              reassignedAt: d.reassignedAt,
              reassignedBy: d.reassignedBy,
            },
          ],
        };
      });
    }

    case 'EvaluationOpened':
      inStage('follow-up');
      check(state.evaluationWindow === null, 'an evaluation window is open already');
      check(event.data.round === state.evaluationRound, 'not the current round');
      check(
        state.tasks.length > 0 && state.tasks.every((t) => t.status === 'done'),
        'tasks are still open',
      );
      return { ...state, evaluationWindow: event.data };

    case 'EvaluationSubmitted': {
      const d = event.data;
      inStage('follow-up');
      check(state.evaluationWindow !== null, 'no evaluation window');
      check(d.round === state.evaluationRound, 'not the current round');
      check(!state.evaluations.some((e) => e.unitId === d.unitId), 'the unit has evaluated');
      return {
        ...state,
        evaluations: [
          ...state.evaluations,
          {
            unitId: d.unitId,
            rating: d.rating,
            comment: d.comment,
            round: d.round,
            evaluatedAt: d.evaluatedAt,
            evaluatedBy: d.evaluatedBy,
          },
        ],
      };
    }

    case 'EvaluationConcluded': {
      const d = event.data;
      inStage('follow-up');
      check(state.evaluationWindow !== null, 'no evaluation window');
      check(d.round === state.evaluationRound, 'not the current round');
      check(
        d.total === state.evaluations.length &&
          d.satisfied + d.basicallySatisfied + d.dissatisfied === d.total,
        'the count does not match the evaluations',
      );
      return {
        ...state,
        evaluationResults: [
          ...state.evaluationResults,
          {
            round: d.round,
            satisfied: d.satisfied,
            basicallySatisfied: d.basicallySatisfied,
            dissatisfied: d.dissatisfied,
            total: d.total,
            threshold: d.threshold,
            reached: d.reached,
            unitsInScope: d.unitsInScope ?? null,
            minEvaluationResponse: d.minEvaluationResponse ?? NO_MINIMUM,
            responseReached: d.responseReached ?? d.total > 0,
          },
        ],
      };
    }

    case 'FollowUpEscalated': {
      const d = event.data;
      inStage('follow-up');
      check(!state.escalations.some((e) => e.id === d.escalationId), 'escalated already');
      check(d.taskId === null || state.tasks.some((t) => t.id === d.taskId), 'no such task');
      return {
        ...state,
        escalations: [
          ...state.escalations,
          {
            id: d.escalationId,
            cause: d.cause,
            party: d.party,
            stage: 'follow-up',
            entry: d.entry,
            taskId: d.taskId,
            reason: d.reason,
            escalatedAt: d.escalatedAt,
            rating: null,
          },
        ],
      };
    }

    case 'EscalationRated': {
      const d = event.data;
      const target = state.escalations.find((e) => e.id === d.escalationId);
      check(target !== undefined, 'no such escalation');
      check(target?.rating === null, 'rated already');
      return {
        ...state,
        escalations: state.escalations.map((e) =>
          e.id === d.escalationId
            ? {
                ...e,
                rating: {
                  rating: d.rating,
                  comment: d.comment,
                  ratedAt: d.ratedAt,
                  ratedBy: d.ratedBy,
                },
              }
            : e,
        ),
      };
    }
  }
}

function updateOpenTask(
  state: Case,
  taskId: string,
  check: EvolveGuard['check'],
  update: (task: Task) => Task,
): Case {
  const task = state.tasks.find((t) => t.id === taskId);
  check(task !== undefined, 'unknown task');
  check(task?.status === 'open', 'the task is done');
  return { ...state, tasks: state.tasks.map((t) => (t.id === taskId ? update(t) : t)) };
}
