import { ForbiddenError, ValidationError, WrongStageError } from '../errors';
import { type BallotChannel } from './ballot-acceptance';
import { type Electorate } from './electorate';
import {
  CHOICES,
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
  };
}

/** One unit's ballot. `castBy` is the user who cast it (an owner of the unit, for `online`). */
export interface BallotCast {
  readonly type: 'BallotCast';
  readonly data: {
    readonly resolutionId: string;
    readonly unitId: string;
    readonly choice: Choice;
    readonly channel: BallotChannel;
    readonly byOwner: boolean;
    readonly castBy: string;
    readonly castAt: string;
  };
}

/** The box is closed: at `closesAt` by the queue, or earlier by the secretary. No ballot after it. */
export interface VotingClosed {
  readonly type: 'VotingClosed';
  readonly data: {
    readonly resolutionId: string;
    readonly closedAt: string;
    readonly closedBy: string;
    readonly trigger: 'closes-at' | 'secretary';
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
  voter: { readonly userId: string },
  now: string,
): BallotCast['data'] {
  if (status.closed || Date.parse(now) >= Date.parse(voting.closesAt)) {
    throw new WrongStageError('表决已结束，不能再投票', {
      resolutionId: voting.resolutionId,
      closesAt: voting.closesAt,
    });
  }
  const choice = request.choice;
  if (typeof choice !== 'string' || !(CHOICES as readonly string[]).includes(choice)) {
    throw new ValidationError('choice must be for, against or abstain', {
      fields: [{ field: 'choice', problems: ['must be one of for, against, abstain'] }],
    });
  }
  const mine = voting.electorate.units.filter((u) =>
    u.owners.some((o) => o.ownerId === voter.userId),
  );
  let unitId: string;
  if (request.unitId !== undefined && request.unitId !== null) {
    const unit = voting.electorate.units.find((u) => u.unitId === request.unitId);
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
      throw new ForbiddenError('您名下没有参加本次表决的房屋', {
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
  return {
    resolutionId: voting.resolutionId,
    unitId,
    choice: choice as Choice,
    channel: 'online',
    byOwner: true,
    castBy: voter.userId,
    castAt: new Date(Date.parse(now)).toISOString(),
  };
}

/**
 * The ballots to count: one per unit, the latest of each unit's stream (the stream holds one today;
 * a replacement, when proxies and paper ballots come, is appended to the same stream). Input in
 * log order.
 */
export function countableBallots(cast: readonly BallotCast['data'][]): Ballot[] {
  const byUnit = new Map<string, Ballot>();
  for (const b of cast) byUnit.set(b.unitId, { unitId: b.unitId, choice: b.choice });
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
