import { WrongStageError } from '../errors';
import { type CaseContext } from './commands';
import { type StageEntered } from './events';
import { currentEntry, requiredParties } from './gates';
import { addHours, id, iso, oneOf, record, settings as checkSettings, time } from './guards';
import { STAGE_LABELS } from './labels';
import {
  type Case,
  type CaseSettings,
  PARTIES,
  type Party,
  type Stage,
  type StageEntryCause,
} from './types';

/** The context, checked: `now` parsed once and written back in the one stored form. */
export interface Now {
  readonly ms: number;
  readonly iso: string;
  readonly actorId: string;
  readonly party: Party | null;
}

export function checkContext(context: CaseContext): Now {
  const c = record(context, 'context');
  const ms = time(c.now, 'now');
  return {
    ms,
    iso: iso(ms),
    actorId: id(c.actorId, 'actorId'),
    party: c.party === undefined || c.party === null ? null : oneOf(PARTIES, c.party, 'party'),
  };
}

export function requireStage(state: Case, stage: Stage, what: string): void {
  if (state.stage !== stage) {
    throw new WrongStageError(`${what}只能在“${STAGE_LABELS[stage]}”阶段进行`, {
      stage: state.stage,
      required: stage,
    });
  }
}

/** Settings a command carries for the stage it enters; the case's current ones otherwise. */
export function settingsFor(state: Case, given: unknown): CaseSettings {
  return given === undefined || given === null ? state.settings : checkSettings(given);
}

/**
 * The next stage entry. Each required party must acknowledge by the deadline; the reminder goes
 * `reminderBeforeHours` before it, but never before the stage was entered.
 */
export function stageEntered(
  state: Case,
  stage: Stage,
  cause: StageEntryCause,
  now: Now,
  settings: CaseSettings,
): StageEntered {
  return enteredEvent(stage, currentEntry(state) + 1, cause, now, settings, requiredParties(state));
}

export function enteredEvent(
  stage: Stage,
  entry: number,
  cause: StageEntryCause,
  now: Now,
  settings: CaseSettings,
  required: readonly Party[],
): StageEntered {
  const deadline = addHours(now.ms, settings.acknowledgementHours);
  const remindAt = Math.max(now.ms, addHours(deadline, -settings.reminderBeforeHours));
  return {
    type: 'StageEntered',
    data: {
      stage,
      entry,
      cause,
      enteredAt: now.iso,
      settings,
      deadlines: required.map((party) => ({
        party,
        deadline: iso(deadline),
        remindAt: iso(remindAt),
      })),
    },
  };
}
