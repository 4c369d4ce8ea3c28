import { chineseTimesIn } from '../calendar/time';
import {
  type AdvanceRequested,
  type CaseClosed,
  type CaseReopened,
  type PartyEscalated,
  type StageAcknowledged,
  type StageAdvanced,
  type StageAdvanceRejected,
  type StageEntered,
  type StageReturned,
} from './events';
import { guardFor, leaveStage } from './evolve-guard';
import { currentEntry, nextTarget } from './gates';
import { type Case, type StageEntry } from './types';

/** The events that move the case through its stages, and the parties' answers to each stage. */
export type StageEvent =
  | StageEntered
  | StageAcknowledged
  | PartyEscalated
  | StageReturned
  | AdvanceRequested
  | StageAdvanceRejected
  | StageAdvanced
  | CaseClosed
  | CaseReopened;

export function evolveStage(state: Case, event: StageEvent): Case {
  const { check, inStage } = guardFor(state, event.type);

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
                  ...(event.data.toStreet === true ? { toStreet: true } : {}),
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
      check(event.data.to === nextTarget(state.stage, state.mechanism), 'not the next stage');
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
      check(d.to === nextTarget(d.from, state.mechanism), 'not the next stage');
      return { ...leaveStage(state, d.advancedAt), stage: d.to };
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
  }
}
