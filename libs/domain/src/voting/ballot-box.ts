import { BindingRequiredError, ForbiddenError, ValidationError, WrongStageError } from '../errors';
import { type BallotChannel } from './ballot-acceptance';
import { answerOf, noStandingMessage, type PlanOption } from './decisions';
import { type Electorate, type ElectorateUnit } from './electorate';
import {
  MATTERS,
  VOTING_RULES,
  type Ballot,
  type Choice,
  type Matter,
  type VotingRule,
} from './tally';

/*
 * The ballot box of one resolution, as plain data and pure functions. Streams (see the workflow
 * library): `resolution-<id>` holds VotingOpened (the frozen electorate) and, once, VotingClosed;
 * each unit's ballot has a stream of its own, `ballot-<resolutionId>-<unitId>`, so that owners
 * voting at once never contend for one stream version.
 */

/** Voting opened: the resolution as drafted, and the electorate frozen for the whole vote. */
export interface VotingOpened {
  readonly type: 'VotingOpened';
  readonly data: {
    readonly resolutionId: string;
    readonly caseId: string;
    readonly communityId: string;
    readonly title: string;
    readonly text: string;
    readonly rule: VotingRule;
    readonly matter: Matter;
    readonly closesAt: string;
    readonly scope: {
      readonly estate: string;
      readonly building: string | null;
      readonly entrance: string | null;
    };
    readonly electorate: Electorate;
    readonly openedAt: string;
    /** Choosing among plans: the options a ballot's `choice` indexes (absent: none). */
    readonly options?: readonly PlanOption[] | null;
  };
}

/** One unit's ballot. `castBy` is the user who cast it (an owner of the unit, for `online`). */
export interface BallotCast {
  readonly type: 'BallotCast';
  readonly data: {
    readonly resolutionId: string;
    readonly unitId: string;
    readonly choice: Choice;
    /** Choosing among plans: the option chosen (`choice` is then `for`). */
    readonly option?: number;
    readonly channel: BallotChannel;
    readonly byOwner: boolean;
    readonly castBy: string;
    readonly castAt: string;
    /** `proxy`: the written proxy (委托书) the agent voted under. */
    readonly proxyId?: string;
    /** `paper`: the reference of the paper sheet the building lead entered (castBy). */
    readonly sheetRef?: string;
    /**
     * `paper` from a printed ballot sheet: its serial (the same as `sheetRef`). Storing the event
     * marks the sheet entered, in the same transaction (migration 1777000000000).
     */
    readonly serial?: string;
  };
}

/** The box is closed: at `closesAt` by the queue, or earlier by the secretary. No ballot after it. */
export interface VotingClosed {
  readonly type: 'VotingClosed';
  readonly data: {
    readonly resolutionId: string;
    readonly closedAt: string;
    readonly closedBy: string;
    /**
     * `closes-at` by the queue, `secretary` early by hand, `case-closed` when the secretary closed
     * the case while voting was open: the vote is cancelled and no result is recorded;
     * `all-answered` when every party present at a council has answered.
     */
    readonly trigger: 'closes-at' | 'secretary' | 'case-closed' | 'all-answered';
  };
}

export type VotingEvent = VotingOpened | BallotCast | VotingClosed;

/** Where the vote stands, besides the ballots. */
export interface BallotBoxStatus {
  /** VotingClosed is recorded, a result is recorded on the case, or the case is closed. */
  readonly closed: boolean;
}

export interface BallotRequest {
  readonly choice: unknown;
  /** Required when the voter owns several units of the electorate. */
  readonly unitId?: string | null;
  /** `paper`: a building lead enters a paper ballot (then `unitId` and `sheetRef` are required). */
  readonly channel?: 'online' | 'paper' | null;
  readonly sheetRef?: string | null;
  /**
   * `paper`: the serial of a printed ballot sheet instead of `unitId` and `sheetRef` (the voting
   * service finds the sheet's unit and checks the serial before the ballot is cast).
   */
  readonly serial?: string | null;
}

/**
 * What the caller may do for the unit the request names, as the registry said when it was cast:
 * an active written proxy of that unit naming the caller, and whether the caller leads its building.
 */
export interface BallotAuthority {
  readonly userId: string;
  /** The caller's valid proxy for `request.unitId`, if any. */
  readonly proxyId?: string | undefined;
  /** The caller is a building lead of the building `request.unitId` is in. */
  readonly leadsBuilding?: boolean | undefined;
  /**
   * The units the caller has an active real-name binding (实名绑定) to. An owner's own ballot is
   * refused (BINDING_REQUIRED) for a unit not in it. Undefined: not checked (the voting service
   * always passes it; pure tests of counting leave it out).
   */
  readonly boundUnitIds?: ReadonlySet<string> | undefined;
}

/** Sheet references are short labels written on the paper ballot (e.g. `12-2-301-0045`). */
const MAX_SHEET_REF = 100;

/**
 * Any ballot: the owner's own (see {@link castOwnBallot}), an agent's under a written proxy for a
 * unit they do not own (`channel: "proxy"`, the proxy named), or a building lead's paper ballot
 * for a unit of their building (`channel: "paper"`, the sheet named, `castBy` the lead). An owner
 * naming their own unit always votes as the owner, even holding a proxy for it. FORBIDDEN for a
 * unit outside the electorate, or one the caller has no standing for.
 */
export function castBallot(
  voting: VotingOpened['data'],
  status: BallotBoxStatus,
  request: BallotRequest,
  caller: BallotAuthority,
  now: string,
): BallotCast['data'] {
  const channel = request.channel ?? 'online';
  if (channel !== 'online' && channel !== 'paper') {
    throw new ValidationError('投票方式须为 online（线上）或 paper（纸质）', {
      fields: [{ field: 'channel', problems: ['must be "paper" (or left out)'] }],
    });
  }
  const unitId = request.unitId ?? null;
  if (channel === 'online' && (unitId === null || caller.proxyId === undefined))
    return castOwnBallot(voting, status, request, caller, now);
  if (channel === 'online' && unitId !== null) {
    const unit = indexOf(voting.electorate).byUnit.get(unitId);
    if (unit?.owners.some((o) => o.ownerId === caller.userId) === true)
      return castOwnBallot(voting, status, request, caller, now);
  }
  refuseWhenClosed(voting, status, now);
  const answer = answerOf(voting.options, request.choice);
  const problems: { field: string; problems: string[] }[] = [];
  if (unitId === null) problems.push({ field: 'unitId', problems: ['required'] });
  const sheetRef = typeof request.sheetRef === 'string' ? request.sheetRef.trim() : '';
  if (channel === 'paper' && (sheetRef === '' || sheetRef.length > MAX_SHEET_REF))
    problems.push({ field: 'sheetRef', problems: [`required, 1 to ${MAX_SHEET_REF} characters`] });
  if (problems.length > 0 || unitId === null)
    throw new ValidationError('纸质表决票须填写房屋和表决票编号', { fields: problems });
  if (!indexOf(voting.electorate).byUnit.has(unitId))
    throw new ForbiddenError('该房屋不在本次表决范围内', { unitId });
  const castAt = new Date(Date.parse(now)).toISOString();
  const base = {
    resolutionId: voting.resolutionId,
    unitId,
    ...answer,
    castBy: caller.userId,
    castAt,
  };
  if (channel === 'paper') {
    if (caller.leadsBuilding !== true)
      throw new ForbiddenError('只能录入本人负责楼栋的纸质选票', { unitId });
    return { ...base, channel: 'paper', byOwner: false, sheetRef };
  }
  if (caller.proxyId === undefined)
    throw new ForbiddenError('只能为本人名下或受托的房屋投票', { unitId });
  return { ...base, channel: 'proxy', byOwner: false, proxyId: caller.proxyId };
}

interface ElectorateIndex {
  readonly byUnit: ReadonlyMap<string, ElectorateUnit>;
  readonly byOwner: ReadonlyMap<string, readonly ElectorateUnit[]>;
}

/** Lookups into a frozen electorate, built once per snapshot (10,000 units are voted on at once). */
const indexes = new WeakMap<Electorate, ElectorateIndex>();

/** The units of an electorate by id and by owner, in electorate order. */
export function indexOf(electorate: Electorate): ElectorateIndex {
  const known = indexes.get(electorate);
  if (known !== undefined) return known;
  const byUnit = new Map<string, ElectorateUnit>();
  const byOwner = new Map<string, ElectorateUnit[]>();
  for (const unit of electorate.units) {
    byUnit.set(unit.unitId, unit);
    for (const o of unit.owners) {
      const list = byOwner.get(o.ownerId);
      if (list === undefined) byOwner.set(o.ownerId, [unit]);
      else list.push(unit);
    }
  }
  const index = { byUnit, byOwner };
  indexes.set(electorate, index);
  return index;
}

function refuseWhenClosed(
  voting: VotingOpened['data'],
  status: BallotBoxStatus,
  now: string,
): void {
  if (status.closed || Date.parse(now) >= Date.parse(voting.closesAt)) {
    throw new WrongStageError('表决已结束，不能再投票', {
      resolutionId: voting.resolutionId,
      closesAt: voting.closesAt,
    });
  }
}

/**
 * An owner's own ballot, online. Refused with WRONG_STAGE once the box is closed or `closesAt` has
 * passed; FORBIDDEN for a unit outside the electorate or not the voter's in the frozen snapshot
 * (ownership is what the snapshot says, not what the registry says today); VALIDATION_FAILED for an
 * unknown choice, or no unit named by an owner of several. Whether the unit already voted is the
 * ballot stream's business (one stream per unit, appended only if it does not exist).
 */
export function castOwnBallot(
  voting: VotingOpened['data'],
  status: BallotBoxStatus,
  request: BallotRequest,
  voter: { readonly userId: string; readonly boundUnitIds?: ReadonlySet<string> | undefined },
  now: string,
): BallotCast['data'] {
  refuseWhenClosed(voting, status, now);
  const answer = answerOf(voting.options, request.choice);
  const index = indexOf(voting.electorate);
  const mine = index.byOwner.get(voter.userId) ?? [];
  let unitId: string;
  if (request.unitId !== undefined && request.unitId !== null) {
    const unit = index.byUnit.get(request.unitId);
    if (unit === undefined) {
      throw new ForbiddenError('该房屋不在本次表决范围内', { unitId: request.unitId });
    }
    if (!mine.includes(unit)) {
      throw new ForbiddenError('只能为本人名下的房屋投票', { unitId: request.unitId });
    }
    unitId = unit.unitId;
  } else {
    const [only, ...more] = mine;
    if (only === undefined) {
      throw new ForbiddenError(noStandingMessage(voting.rule), {
        resolutionId: voting.resolutionId,
      });
    }
    if (more.length > 0) {
      throw new ValidationError('您名下有多套房屋参加表决，请指明 unitId', {
        fields: [{ field: 'unitId', problems: ['required: you own several units in this vote'] }],
        unitIds: mine.map((u) => u.unitId),
      });
    }
    unitId = only.unitId;
  }
  if (voter.boundUnitIds !== undefined && !voter.boundUnitIds.has(unitId))
    throw new BindingRequiredError('请先完成实名绑定（产权证号与身份证号核验，或书记审核）再投票', {
      unitId,
    });
  return {
    resolutionId: voting.resolutionId,
    unitId,
    ...answer,
    channel: 'online',
    byOwner: true,
    castBy: voter.userId,
    castAt: new Date(Date.parse(now)).toISOString(),
  };
}

/**
 * The ballots to count (with who cast each where asked: a council records who agreed): one per unit, the latest of each unit's stream (the stream holds one today;
 * a replacement, when proxies and paper ballots come, is appended to the same stream). Input in
 * log order.
 */
export function countableBallots(
  cast: readonly BallotCast['data'][],
  withCaster = false,
): Ballot[] {
  const byUnit = new Map<string, Ballot>();
  for (const b of cast)
    byUnit.set(b.unitId, {
      unitId: b.unitId,
      choice: b.choice,
      ...(b.option === undefined ? {} : { option: b.option }),
      ...(withCaster ? { castBy: b.castBy } : {}),
    });
  return [...byUnit.values()];
}

/** Checks a VotingOpened read back from the log before trusting it (tally checks the electorate). */
export function isVotingOpened(data: unknown): data is VotingOpened['data'] {
  const d = data as Partial<VotingOpened['data']> | null;
  return (
    typeof d === 'object' &&
    d !== null &&
    typeof d.resolutionId === 'string' &&
    typeof d.caseId === 'string' &&
    typeof d.closesAt === 'string' &&
    (VOTING_RULES as readonly unknown[]).includes(d.rule) &&
    (MATTERS as readonly unknown[]).includes(d.matter) &&
    typeof d.electorate === 'object' &&
    d.electorate !== null
  );
}
