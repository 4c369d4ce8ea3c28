import { type VotingOpened } from '@yishi/domain';

/* What the voting jobs and notices share. */

/** A delayed job may fire a little before its time (clocks of Node and Redis); it waits this. */
export const EARLY_RETRY_MS = 250;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An owner id that is a platform user's (a registered owner), not an imported name. */
export const isUserId = (id: string): boolean => UUID.test(id);

/** The registered owners (platform users) of a frozen electorate, each once. */
export function ownersOf(voting: VotingOpened['data']): string[] {
  const owners = new Set<string>();
  for (const unit of voting.electorate.units)
    for (const o of unit.owners)
      if (o.kind === 'person' && isUserId(o.ownerId)) owners.add(o.ownerId);
  return [...owners];
}

/**
 * The ids of the property units of a frozen electorate, to look up in the registry. A council's
 * electorate is the parties present (their ids are party names, not units): it has none.
 */
export function propertyUnitIds(voting: VotingOpened['data']): string[] {
  return voting.electorate.units.map((u) => u.unitId).filter(isUserId);
}
