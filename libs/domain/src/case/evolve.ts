import { chineseTimesIn } from '../calendar/time';
import { type CaseEvent } from './events';
import { currentEntry, nextTarget } from './gates';
import {
  type Case,
  type CaseParty,
  type CaseState,
  PARTIES,
  type Stage,
  type StageEntry,
  type Task,
} from './types';

/**
 * An event that cannot apply to the state: a corrupt or misordered stream, or a decider bug. It is not
 * a CodedError: no user can cause it, so it must surface as a 500 and an alert, not a 4xx.
 */
export class CaseEventRejected extends Error {
  constructor(
    readonly eventType: string,
    reason: string,
  ) {
    super(`${eventType} cannot apply: ${reason}`);
    this.name = 'CaseEventRejected';
  }
}

export function initialState(): CaseState {
  return null;
}

/** Folds one event into the state. Pure: returns a new state and never changes the one given. */
export function evolve(state: CaseState, event: CaseEvent): CaseState {
  if (event.type === 'CaseOpened') {
    if (state !== null) throw new CaseEventRejected(event.type, 'the case exists already');
    const d = event.data;
    return {
      id: d.caseId,
      communityId: d.communityId,
      mechanism: d.mechanism,
      title: d.title,
      description: d.description,
      category: d.category,
      scope: d.scope,
      stage: 'gathering',
      status: 'open',
      settings: d.settings,
      parties: PARTIES.map((party): CaseParty => ({
        party,
        required: d.requiredParties.includes(party),
        acknowledgedStages: [],
        escalatedStages: [],
        stages: [],
      })),
      stageHistory: [],
      demands: [],
      analysis: null,
      notice: null,
      opinions: [],
      meetings: [],
      resolutions: [],
      tasks: [],
      evaluationRound: 1,
      evaluationWindow: null,
      evaluations: [],
      evaluationResults: [],
      escalations: [],
      advanceRequest: null,
      lastAdvanceRejection: null,
      openedAt: d.openedAt,
      openedBy: d.openedBy,
      closedAt: null,
      closure: null,
    };
  }
  if (state === null) throw new CaseEventRejected(event.type, 'the case does not exist');
  return evolveCase(state, event);
}

/** Folds events in order, from the initial state unless one is given. */
export function fold(events: readonly CaseEvent[], from: CaseState = initialState()): CaseState {
  return events.reduce(evolve, from);
}

function evolveCase(state: Case, event: Exclude<CaseEvent, { type: 'CaseOpened' }>): Case {
  const check = (condition: boolean, reason: string): void => {
    if (!condition) throw new CaseEventRejected(event.type, reason);
  };
  const inStage = (stage: Stage): void => {
    check(state.status === 'open', 'the case is closed');
    check(state.stage === stage, `the case is in ${state.stage}, not ${stage}`);
  };

  switch (event.type) {
    case 'StageEntered': {
      const d = event.data;
      const last = state.stageHistory.at(-1);
      check(state.status === 'open', 'the case is closed');
      check(d.stage === state.stage, `the case is in ${state.stage}, not ${d.stage}`);
      check(last === undefined || last.leftAt !== null, 'the previous stage entry is still open');
      check(d.entry === currentEntry(state) + 1, `entry ${d.entry} is out of sequence`);
      const entry: StageEntry = {
        stage: d.stage,
        entry: d.entry,
        cause: d.cause,
        enteredAt: d.enteredAt,
        leftAt: null,
      };
      return {
        ...state,
        settings: d.settings,
        stageHistory: [...state.stageHistory, entry],
        parties: state.parties.map((p) => {
          const deadline = d.deadlines.find((x) => x.party === p.party);
          check(deadline === undefined || p.required, `${p.party} is not a required party`);
          return {
            ...p,
            stages: [
              ...p.stages,
              {
                stage: d.stage,
                entry: d.entry,
                deadline: deadline?.deadline ?? null,
                remindAt: deadline?.remindAt ?? null,
                acknowledgedAt: null,
                acknowledgedBy: null,
                escalatedAt: null,
              },
            ],
          };
        }),
      };
    }

    case 'DemandSubmitted': {
      const d = event.data;
      inStage('gathering');
      check(!state.demands.some((x) => x.id === d.demandId), 'duplicate demand id');
      return {
        ...state,
        demands: [
          ...state.demands,
          {
            id: d.demandId,
            content: d.content,
            source: d.source,
            unitId: d.unitId,
            submittedAt: d.submittedAt,
            submittedBy: d.submittedBy,
          },
        ],
      };
    }

    case 'StageAcknowledged':
    case 'PartyEscalated': {
      const d = event.data;
      inStage(d.stage);
      check(d.entry === currentEntry(state), 'not the current stage entry');
      const acknowledging = event.type === 'StageAcknowledged';
      return {
        ...state,
        escalations:
          event.type === 'PartyEscalated'
            ? [
                ...state.escalations,
                {
                  id: `ack_${d.entry}_${d.party}`,
                  cause: 'acknowledgement',
                  party: d.party,
                  stage: d.stage,
                  entry: d.entry,
                  taskId: null,
                  reason: null,
                  escalatedAt: event.data.escalatedAt,
                  rating: null,
                },
              ]
            : state.escalations,
        parties: state.parties.map((p) => {
          if (p.party !== d.party) return p;
          const record = p.stages.find((s) => s.entry === d.entry);
          check(record !== undefined, 'no record of the stage entry');
          if (acknowledging) {
            check(record?.acknowledgedAt === null, 'acknowledged already');
          } else {
            check(p.required, 'only a required party is escalated');
            check(record?.acknowledgedAt === null, 'acknowledged already');
            check(record?.escalatedAt === null, 'escalated already');
          }
          const seen = acknowledging ? p.acknowledgedStages : p.escalatedStages;
          const stages = seen.includes(d.stage) ? seen : [...seen, d.stage];
          return {
            ...p,
            ...(acknowledging ? { acknowledgedStages: stages } : { escalatedStages: stages }),
            stages: p.stages.map((s) => {
              if (s.entry !== d.entry) return s;
              return event.type === 'StageAcknowledged'
                ? {
                    ...s,
                    acknowledgedAt: event.data.acknowledgedAt,
                    acknowledgedBy: event.data.acknowledgedBy,
                  }
                : { ...s, escalatedAt: event.data.escalatedAt };
            }),
          };
        }),
      };
    }

    case 'AnalysisRecorded': {
      const d = event.data;
      inStage('analysis');
      return {
        ...state,
        analysis: {
          summary: d.summary,
          leadParty: d.leadParty,
          siteSurvey: d.siteSurvey,
          options: d.options,
          recordedAt: d.recordedAt,
          recordedBy: d.recordedBy,
        },
        // A changed analysis must be announced again: the old notice no longer describes it.
        notice: null,
      };
    }

    case 'NoticePublished':
      inStage('analysis');
      check(state.analysis !== null, 'no analysis to announce');
      return { ...state, notice: event.data };

    case 'OpinionPosted': {
      const d = event.data;
      check(state.status === 'open', 'the case is closed');
      check(d.stage === state.stage, 'posted in another stage');
      check(!state.opinions.some((o) => o.id === d.opinionId), 'duplicate opinion id');
      check(
        d.replyTo === null || state.opinions.some((o) => o.id === d.replyTo),
        'replies to an unknown opinion',
      );
      return {
        ...state,
        opinions: [
          ...state.opinions,
          {
            id: d.opinionId,
            content: d.content,
            replyTo: d.replyTo,
            party: d.party,
            stage: d.stage,
            postedAt: d.postedAt,
            authorId: d.authorId,
          },
        ],
      };
    }

    case 'MeetingRecorded': {
      const d = event.data;
      inStage('deliberation');
      check(!state.meetings.some((m) => m.id === d.meetingId), 'duplicate meeting id');
      return {
        ...state,
        meetings: [
          ...state.meetings,
          {
            id: d.meetingId,
            heldAt: d.heldAt,
            place: d.place,
            attendance: d.attendance,
            minutes: d.minutes,
            entry: currentEntry(state),
            recordedAt: d.recordedAt,
            recordedBy: d.recordedBy,
          },
        ],
      };
    }

    case 'ResolutionDrafted': {
      const d = event.data;
      inStage('deliberation');
      check(!state.resolutions.some((r) => r.id === d.resolutionId), 'duplicate resolution id');
      check(!state.resolutions.some((r) => r.status === 'open'), 'a resolution is open already');
      return {
        ...state,
        resolutions: [
          ...state.resolutions,
          {
            id: d.resolutionId,
            title: d.title,
            text: d.text,
            rule: d.rule,
            matter: d.matter,
            closesAt: d.closesAt,
            status: 'open',
            entry: currentEntry(state),
            draftedAt: d.draftedAt,
            draftedBy: d.draftedBy,
            tally: null,
            decidedAt: null,
          },
        ],
      };
    }

    case 'VoteRecorded': {
      const d = event.data;
      inStage('deliberation');
      const resolution = state.resolutions.find((r) => r.id === d.resolutionId);
      check(resolution?.status === 'open', 'the resolution is not open');
      return {
        ...state,
        resolutions: state.resolutions.map((r) =>
          r.id === d.resolutionId
            ? {
                ...r,
                status: d.passed ? 'passed' : 'failed',
                tally: d.tally,
                decidedAt: d.recordedAt,
              }
            : r,
        ),
      };
    }

    case 'ResolutionCancelled': {
      const d = event.data;
      const resolution = state.resolutions.find((r) => r.id === d.resolutionId);
      check(resolution?.status === 'open', 'the resolution is not open');
      return {
        ...state,
        resolutions: state.resolutions.map((r) =>
          r.id === d.resolutionId ? { ...r, status: 'cancelled', decidedAt: d.cancelledAt } : r,
        ),
      };
    }

    case 'StageReturned': {
      const d = event.data;
      inStage('deliberation');
      const resolution = state.resolutions.find((r) => r.id === d.resolutionId);
      check(resolution?.status === 'failed', 'only a failed vote returns the case');
      // The analysis must be recorded, and announced, again.
      return {
        ...leaveStage(state, d.returnedAt),
        stage: 'analysis',
        analysis: null,
        notice: null,
      };
    }

    case 'AdvanceRequested':
      check(state.status === 'open', 'the case is closed');
      check(event.data.from === state.stage, 'requested from another stage');
      check(event.data.to === nextTarget(state.stage), 'not the next stage');
      return {
        ...state,
        advanceRequest: {
          to: event.data.to,
          requestedAt: event.data.requestedAt,
          requestedBy: event.data.requestedBy,
        },
      };

    case 'StageAdvanceRejected':
      check(state.status === 'open', 'the case is closed');
      check(event.data.from === state.stage, 'rejected from another stage');
      return {
        ...state,
        advanceRequest: null,
        lastAdvanceRejection: {
          to: event.data.to,
          // Refusals recorded before issue 19 carry ISO instants in their words: shown in Chinese.
          unmet: event.data.unmet.map((u) => ({ ...u, message: chineseTimesIn(u.message) })),
          rejectedAt: event.data.rejectedAt,
        },
      };

    case 'StageAdvanced': {
      const d = event.data;
      inStage(d.from);
      check(d.to === nextTarget(d.from), 'not the next stage');
      return { ...leaveStage(state, d.advancedAt), stage: d.to };
    }

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
          },
        ],
      };
    }

    case 'CaseClosed': {
      const d = event.data;
      inStage(d.stage);
      return {
        ...leaveStage(state, d.closedAt),
        status: 'closed',
        closedAt: d.closedAt,
        closure: { outcome: d.outcome, reason: d.reason },
      };
    }

    case 'CaseReopened': {
      const d = event.data;
      check(d.stage === state.stage, 'reopened into another stage');
      let reopened: Case;
      if (d.from === 'closed') {
        check(state.status === 'closed', 'the case is not closed');
        reopened = state;
      } else {
        inStage('follow-up');
        reopened = leaveStage(state, d.reopenedAt);
      }
      const newRound = d.stage === 'follow-up';
      check(d.round === state.evaluationRound + (newRound ? 1 : 0), 'round out of sequence');
      return {
        ...reopened,
        status: 'open',
        closedAt: null,
        closure: null,
        ...(newRound ? { evaluationRound: d.round, evaluationWindow: null, evaluations: [] } : {}),
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

/** Ends the current stage entry; the StageEntered that follows starts the next one. */
function leaveStage(state: Case, at: string): Case {
  return {
    ...state,
    advanceRequest: null,
    lastAdvanceRejection: null,
    stageHistory: state.stageHistory.map((s, i) =>
      i === state.stageHistory.length - 1 && s.leftAt === null ? { ...s, leftAt: at } : s,
    ),
  };
}

function updateOpenTask(
  state: Case,
  taskId: string,
  check: (condition: boolean, reason: string) => void,
  update: (task: Task) => Task,
): Case {
  const task = state.tasks.find((t) => t.id === taskId);
  check(task !== undefined, 'unknown task');
  check(task?.status === 'open', 'the task is done');
  return { ...state, tasks: state.tasks.map((t) => (t.id === taskId ? update(t) : t)) };
}
