import { AlreadyVotedError } from '../errors';
import { Problems } from './validation';

/**
 * How a ballot reached the platform: `online` by an owner of the unit themselves, `proxy` by an
 * agent holding the owner's written authorisation (委托书), `paper` entered by a building lead from a
 * sheet collected door to door.
 */
export type BallotChannel = 'online' | 'proxy' | 'paper';

export const BALLOT_CHANNELS: readonly BallotChannel[] = ['online', 'proxy', 'paper'];

/** Who cast a ballot for a unit: the channel, and whether an owner of the unit cast it in person. */
export interface BallotSource {
  channel: BallotChannel;
  /** True when an owner of the unit cast it themselves; never for a proxy's ballot. */
  byOwner: boolean;
}

export type BallotAcceptance = 'record' | 'replace';

/**
 * Whether a ballot for a unit is accepted, given the ballot already recorded for that unit (if any).
 * A unit votes once, whatever the channel:
 * - no ballot yet: `record`;
 * - an owner's own online ballot replaces a proxy's or a paper one (the owner's own vote overrides
 *   the proxy's; a building lead's entry may be wrong): `replace`;
 * - anything else is a second ballot: an AlreadyVotedError, returned (not thrown) so that a decider
 *   can turn it into its own answer. An owner's own ballot is final: co-owners share the unit's one
 *   ballot and the first recorded stands; an owner cannot change their vote; a proxy or a paper
 *   ballot never replaces anything.
 *
 * Throws ValidationError for a source that cannot exist: a proxy's ballot marked as the owner's, or
 * an online ballot not by an owner (a non-owner votes online only as a proxy). A paper ballot may
 * carry either `byOwner`: it is a building lead's entry and never the owner's own online vote.
 */
export function acceptBallot(
  existing: BallotSource | undefined,
  incoming: BallotSource,
): BallotAcceptance | AlreadyVotedError {
  const problems = new Problems();
  if (existing !== undefined) checkSource(problems, 'existing', existing);
  checkSource(problems, 'incoming', incoming);
  problems.throwIfAny('The ballot source is not valid');

  if (existing === undefined) return 'record';
  if (isOwnersOwn(incoming) && !isOwnersOwn(existing)) return 'replace';
  return new AlreadyVotedError('这一户已经对本事项投过票了，每户只能投一次', {
    existing: { channel: existing.channel, byOwner: existing.byOwner },
    incoming: { channel: incoming.channel, byOwner: incoming.byOwner },
  });
}

function isOwnersOwn(source: BallotSource): boolean {
  return source.channel === 'online' && source.byOwner;
}

function checkSource(problems: Problems, field: string, source: BallotSource): void {
  if (!BALLOT_CHANNELS.includes(source.channel))
    problems.add(`${field}.channel`, 'must be "online", "proxy" or "paper"');
  if (typeof source.byOwner !== 'boolean') problems.add(`${field}.byOwner`, 'must be a boolean');
  else if (source.channel === 'proxy' && source.byOwner)
    problems.add(`${field}.byOwner`, "a proxy's ballot is not the owner's own");
  else if (source.channel === 'online' && !source.byOwner)
    problems.add(`${field}.byOwner`, 'an online ballot not by an owner must come through a proxy');
}
