import { addWorkingDays } from '../calendar';
import { WrongStageError } from '../errors';
import { type CaseContext } from './commands';
import { type StageEntered } from './events';
import { currentEntry, requiredParties } from './gates';
import { addHours, id, iso, oneOf, record, settings as checkSettings, time } from './guards';
import { STAGE_LABELS } from '../labels';
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

/**
 * The acknowledgement deadline and reminder of an entry at `now`: in hours, or, when the community
 * sets acknowledgementWorkingDays, in working days (Chinese calendar, docs/calendar.md); the reminder
 * `reminderBeforeWorkingDays` working days before it (or `reminderBeforeHours` hours before it), never
 * before the entry.
 */
export function acknowledgementTimes(
  now: Pick<Now, 'ms' | 'iso'>,
  settings: CaseSettings,
): { deadline: number; remindAt: number } {
  const days = settings.acknowledgementWorkingDays;
  if (days === undefined || days === null) {
    const deadline = addHours(now.ms, settings.acknowledgementHours);
    return {
      deadline,
      remindAt: Math.max(now.ms, addHours(deadline, -settings.reminderBeforeHours)),
    };
  }
  const deadline = Date.parse(addWorkingDays(now.iso, days));
  const before = settings.reminderBeforeWorkingDays;
  const remindAt =
    before === undefined || before === null
      ? addHours(deadline, -settings.reminderBeforeHours)
      : Date.parse(addWorkingDays(now.iso, Math.max(0, days - before)));
  return { deadline, remindAt: Math.max(now.ms, Math.min(remindAt, deadline)) };
}

export function enteredEvent(
  stage: Stage,
  entry: number,
  cause: StageEntryCause,
  now: Now,
  settings: CaseSettings,
  required: readonly Party[],
): StageEntered {
  const { deadline, remindAt } = acknowledgementTimes(now, settings);
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
