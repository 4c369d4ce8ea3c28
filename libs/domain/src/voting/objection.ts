import { addDuration } from '../calendar';
import { ForbiddenError, NotFoundError, ValidationError, WrongStageError } from '../errors';
import { indexOf, type VotingClosed, type VotingOpened } from './ballot-box';
import { answerOf } from './decisions';
import { type Ballot, type Choice, type Tally } from './tally';

/*
 * The objection period (询异) and the publication (公示) of a vote's result, as plain data and pure
 * functions. After VotingClosed the resolution's stream (`resolution-<id>`) holds either
 *   PreliminaryResultPublished, then any ObjectionFiled / ObjectionAnswered, then ResultFinalised,
 * or, where the community has no objection period, ResultFinalised at once. Only ResultFinalised
 * is the result: the case's VoteRecorded carries its tally.
 */

/** 实名 open voting publishes each unit's room, area and choice; `totals` only the totals. */
export type BallotDisclosure = 'open' | 'totals';
export const BALLOT_DISCLOSURES: readonly BallotDisclosure[] = ['open', 'totals'];

/** An upheld objection's change to one unit's ballot; `choice: null` voids the ballot. */
export interface BallotCorrection {
  readonly unitId: string;
  readonly choice: Choice | null;
  /** Choosing among plans: the option to count for the unit (`choice` is then `for`). */
  readonly option?: number;
}

/** At close, where there is an objection period: the preliminary result and until when to object. */
export interface PreliminaryResultPublished {
  readonly type: 'PreliminaryResultPublished';
  readonly data: {
    readonly resolutionId: string;
    readonly tally: Tally;
    readonly publishedAt: string;
    readonly objectionUntil: string;
    /** The community's disclosure when published: it governs this publication for good. */
    readonly disclosure: BallotDisclosure;
  };
}

/** An owner (or their agent under a written proxy) says their unit's vote is recorded wrongly. */
export interface ObjectionFiled {
  readonly type: 'ObjectionFiled';
  readonly data: {
    readonly resolutionId: string;
    readonly objectionId: string;
    readonly unitId: string;
    readonly filedBy: string;
    /** Filed by an agent: the written proxy they hold for the unit. */
    readonly proxyId?: string;
    readonly content: string;
    readonly filedAt: string;
  };
}

/** The secretary's answer, with the reason recorded; an upheld objection may correct the ballot. */
export interface ObjectionAnswered {
  readonly type: 'ObjectionAnswered';
  readonly data: {
    readonly resolutionId: string;
    readonly objectionId: string;
    readonly answeredBy: string;
    readonly upheld: boolean;
    readonly reason: string;
    readonly correction: BallotCorrection | null;
    readonly answeredAt: string;
  };
}

/** The final result: the ballots with every correction applied. The case records this tally. */
export interface ResultFinalised {
  readonly type: 'ResultFinalised';
  readonly data: {
    readonly resolutionId: string;
    readonly tally: Tally;
    readonly corrections: readonly BallotCorrection[];
    readonly finalisedAt: string;
    readonly disclosure: BallotDisclosure;
    /** `at-close`: the community has no objection period; `objection-period-over` otherwise. */
    readonly trigger: 'at-close' | 'objection-period-over';
  };
}

export type ObjectionEvent =
  PreliminaryResultPublished | ObjectionFiled | ObjectionAnswered | ResultFinalised;

export interface Objection {
  readonly objectionId: string;
  readonly unitId: string;
  readonly filedBy: string;
  readonly proxyId?: string;
  readonly content: string;
  readonly filedAt: string;
  readonly answer: Omit<ObjectionAnswered['data'], 'resolutionId' | 'objectionId'> | null;
}

/** What the resolution's stream says after the ballot box, folded. */
export interface ResultRecord {
  readonly closed: VotingClosed['data'] | null;
  readonly preliminary: PreliminaryResultPublished['data'] | null;
  readonly objections: readonly Objection[];
  readonly finalised: ResultFinalised['data'] | null;
}

export type ResultPhase = 'voting' | 'objection' | 'final' | 'cancelled';

export const EMPTY_RESULT_RECORD: ResultRecord = {
  closed: null,
  preliminary: null,
  objections: [],
  finalised: null,
};

/** Folds the resolution stream's events (any others are ignored), oldest first. */
export function foldResult(events: readonly { type: string; data: unknown }[]): ResultRecord {
  let record = EMPTY_RESULT_RECORD;
  for (const e of events) {
    switch (e.type) {
      case 'VotingClosed':
        record = { ...record, closed: e.data as VotingClosed['data'] };
        break;
      case 'PreliminaryResultPublished':
        record = { ...record, preliminary: e.data as PreliminaryResultPublished['data'] };
        break;
      case 'ObjectionFiled': {
        const { resolutionId: _r, ...filed } = e.data as ObjectionFiled['data'];
        record = { ...record, objections: [...record.objections, { ...filed, answer: null }] };
        break;
      }
      case 'ObjectionAnswered': {
        const { resolutionId: _r, objectionId, ...answer } = e.data as ObjectionAnswered['data'];
        record = {
          ...record,
          objections: record.objections.map((o) =>
            o.objectionId === objectionId ? { ...o, answer } : o,
          ),
        };
        break;
      }
      case 'ResultFinalised':
        record = { ...record, finalised: e.data as ResultFinalised['data'] };
        break;
      default:
        break;
    }
  }
  return record;
}

export function resultPhase(record: ResultRecord): ResultPhase {
  if (record.closed?.trigger === 'case-closed') return 'cancelled';
  if (record.finalised !== null) return 'final';
  if (record.preliminary !== null) return 'objection';
  return 'voting';
}

/** The objection period: working days on the Chinese calendar, or clock hours where set. */
export type ObjectionPeriod =
  { readonly workingDays: number } | { readonly hours: number } | { readonly none: true };

/** The period the community's settings give; `hours`, when set, wins (short drills). */
export function objectionPeriodOf(settings: {
  readonly objectionWorkingDays: number;
  readonly objectionHours: number | null;
}): ObjectionPeriod {
  if (settings.objectionHours !== null)
    return settings.objectionHours > 0 ? { hours: settings.objectionHours } : { none: true };
  return settings.objectionWorkingDays > 0
    ? { workingDays: settings.objectionWorkingDays }
    : { none: true };
}

/** When objections stop being accepted, from the moment the preliminary result is published. */
export function objectionUntil(publishedAt: string, period: ObjectionPeriod): string | null {
  if ('none' in period) return null;
  return addDuration(publishedAt, period);
}

/** The corrections of the upheld objections, in the order they were answered. */
export function correctionsOf(record: ResultRecord): BallotCorrection[] {
  return record.objections
    .filter((o) => o.answer !== null && o.answer.upheld && o.answer.correction !== null)
    .sort((a, b) => Date.parse(a.answer?.answeredAt ?? '') - Date.parse(b.answer?.answeredAt ?? ''))
    .map((o) => o.answer?.correction as BallotCorrection);
}

/** The ballots to count with the corrections applied: a later correction of a unit wins. */
export function applyCorrections(
  ballots: readonly Ballot[],
  corrections: readonly BallotCorrection[],
): Ballot[] {
  const byUnit = new Map<string, Ballot>(ballots.map((b) => [b.unitId, b]));
  for (const c of corrections) {
    if (c.choice === null) byUnit.delete(c.unitId);
    else
      byUnit.set(c.unitId, {
        unitId: c.unitId,
        choice: c.choice,
        ...(c.option === undefined ? {} : { option: c.option }),
      });
  }
  return [...byUnit.values()];
}

/**
 * Finalisation is due once the objection period is over and every objection has its answer; an
 * unanswered objection holds the result until the secretary answers it.
 */
export function finalisationDue(record: ResultRecord, now: string): boolean {
  if (record.preliminary === null || record.finalised !== null) return false;
  if (record.closed?.trigger === 'case-closed') return false;
  if (Date.parse(now) < Date.parse(record.preliminary.objectionUntil)) return false;
  return record.objections.every((o) => o.answer !== null);
}

const MAX_TEXT = 2000;

function text(value: unknown, field: string, problems: { field: string; problems: string[] }[]) {
  const s = typeof value === 'string' ? value.trim() : '';
  if (s === '' || [...s].length > MAX_TEXT)
    problems.push({ field, problems: [`required, 1 to ${MAX_TEXT} characters`] });
  return s;
}

export interface ObjectionRequest {
  readonly unitId: unknown;
  readonly content: unknown;
}

/**
 * An objection to the preliminary result, about one unit's vote. Only during the objection period
 * (WRONG_STAGE before the preliminary result, after `objectionUntil` or once final); only by an
 * owner of the unit in the frozen electorate, or an agent holding a written proxy for it valid now
 * (`caller.proxyId`, looked up by the caller): FORBIDDEN otherwise.
 */
export function fileObjection(
  voting: VotingOpened['data'],
  record: ResultRecord,
  request: ObjectionRequest,
  caller: { readonly userId: string; readonly proxyId?: string | undefined },
  objectionId: string,
  now: string,
): ObjectionFiled['data'] {
  const problems: { field: string; problems: string[] }[] = [];
  const unitId = typeof request.unitId === 'string' ? request.unitId : '';
  if (unitId === '') problems.push({ field: 'unitId', problems: ['required'] });
  const content = text(request.content, 'content', problems);
  if (problems.length > 0)
    throw new ValidationError('提出异议须选择房屋并说明哪里有误', {
      fields: problems,
    });
  const preliminary = record.preliminary;
  if (
    preliminary === null ||
    record.finalised !== null ||
    record.closed?.trigger === 'case-closed' ||
    Date.parse(now) >= Date.parse(preliminary.objectionUntil)
  ) {
    throw new WrongStageError('不在异议期内，不能提出异议', {
      resolutionId: voting.resolutionId,
      ...(preliminary === null ? {} : { objectionUntil: preliminary.objectionUntil }),
    });
  }
  const unit = indexOf(voting.electorate).byUnit.get(unitId);
  if (unit === undefined) throw new ForbiddenError('该房屋不在本次表决范围内', { unitId });
  const owner = unit.owners.some((o) => o.ownerId === caller.userId);
  if (!owner && caller.proxyId === undefined)
    throw new ForbiddenError('只能对本人名下或受托房屋的表决提出异议', { unitId });
  return {
    resolutionId: voting.resolutionId,
    objectionId,
    unitId,
    filedBy: caller.userId,
    ...(owner || caller.proxyId === undefined ? {} : { proxyId: caller.proxyId }),
    content,
    filedAt: new Date(Date.parse(now)).toISOString(),
  };
}

export interface AnswerRequest {
  readonly upheld: unknown;
  readonly reason: unknown;
  readonly correction?: unknown;
}

/**
 * The secretary's answer to an objection: upheld or not, always with a reason; an upheld one may
 * carry a correction of a unit's ballot (`choice: null` voids it). NOT_FOUND for an unknown
 * objection, WRONG_STAGE once answered or once the result is final, VALIDATION_FAILED for bad
 * input (a correction of a unit outside the electorate, or on an objection not upheld).
 */
export function answerObjection(
  voting: VotingOpened['data'],
  record: ResultRecord,
  objectionId: string,
  request: AnswerRequest,
  answeredBy: string,
  now: string,
): ObjectionAnswered['data'] {
  const objection = record.objections.find((o) => o.objectionId === objectionId);
  if (objection === undefined) throw new NotFoundError('异议不存在', { objectionId });
  if (objection.answer !== null || record.finalised !== null)
    throw new WrongStageError('该异议已答复', { objectionId });
  const problems: { field: string; problems: string[] }[] = [];
  if (typeof request.upheld !== 'boolean')
    problems.push({ field: 'upheld', problems: ['must be true or false'] });
  const reason = text(request.reason, 'reason', problems);
  let correction: BallotCorrection | null = null;
  const c = request.correction;
  if (c !== undefined && c !== null) {
    const raw = c as { unitId?: unknown; choice?: unknown };
    if (request.upheld !== true)
      problems.push({ field: 'correction', problems: ['only an upheld objection corrects'] });
    else if (typeof c !== 'object' || typeof raw.unitId !== 'string')
      problems.push({ field: 'correction.unitId', problems: ['required'] });
    else if (!indexOf(voting.electorate).byUnit.has(raw.unitId))
      problems.push({ field: 'correction.unitId', problems: ['not a unit of this vote'] });
    else if (raw.choice === null) correction = { unitId: raw.unitId, choice: null };
    else {
      // Read as a ballot's choice is: for, against, abstain; with plans an option's index.
      let answer: ReturnType<typeof answerOf> | undefined;
      try {
        answer = answerOf(voting.options, raw.choice);
      } catch {
        problems.push({
          field: 'correction.choice',
          problems: [
            voting.options === undefined || voting.options === null
              ? 'must be for, against, abstain, or null (the ballot is void)'
              : "must be an option's index, abstain, or null (the ballot is void)",
          ],
        });
      }
      if (answer !== undefined) correction = { unitId: raw.unitId, ...answer };
    }
  }
  if (problems.length > 0)
    throw new ValidationError('答复须说明异议是否成立及理由', {
      fields: problems,
    });
  return {
    resolutionId: voting.resolutionId,
    objectionId,
    answeredBy,
    upheld: request.upheld as boolean,
    reason,
    correction,
    answeredAt: new Date(Date.parse(now)).toISOString(),
  };
}

/** What a publication may say of a unit: where it is, its area, its choice. Never a person. */
export interface PublishedUnit {
  readonly estate: string;
  readonly building: string | null;
  readonly entrance: string | null;
  readonly room: string;
  readonly area: number;
  /** `null`: the unit did not vote (or its ballot was voided). */
  readonly choice: Choice | null;
}

/**
 * The units a publication lists: every unit of the electorate, in electorate order, with the
 * choice counted; none at all unless the community votes openly (实名). `labels` gives a unit's
 * address; the electorate's owner ids never leave this function.
 */
export function publishedUnits(
  voting: VotingOpened['data'],
  ballots: readonly Ballot[],
  disclosure: BallotDisclosure,
  labels: ReadonlyMap<
    string,
    { estate: string; building: string | null; entrance: string | null; room: string }
  >,
): PublishedUnit[] | undefined {
  if (disclosure !== 'open') return undefined;
  const choices = new Map(ballots.map((b) => [b.unitId, b.choice]));
  return voting.electorate.units.map((u) => {
    const label = labels.get(u.unitId);
    return {
      estate: label?.estate ?? voting.scope.estate,
      building: label?.building ?? null,
      entrance: label?.entrance ?? null,
      room: label?.room ?? '',
      area: u.areaHundredths / 100,
      choice: choices.get(u.unitId) ?? null,
    };
  });
}
