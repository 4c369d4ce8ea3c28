import { type Pool } from 'pg';
import {
  councilElectorate,
  householdElectorate,
  presentAttendees,
  type Case,
  type Electorate,
  type PlanOption,
  type Resolution,
  type VotingOpened,
} from '@yishi/domain';
import { householdsInScope } from '@yishi/registry';
import { caseStream } from '@yishi/cases';

export { noStandingMessage } from '@yishi/domain';

/*
 * What the voting use cases do differently for the decision kinds besides the owners' vote
 * (docs/procedure.md, "Decision kinds"): who may answer (the electorate frozen when voting opens),
 * and the words for someone who may not.
 */

type Voting = Pick<VotingOpened['data'], 'rule'>;

/** The owners' vote (simple majority or Art. 278): units, area, owners, real-name bindings. */
export function ownersVote(voting: Voting): boolean {
  return voting.rule === 'simple-majority' || voting.rule === 'civil-code-278';
}

/**
 * The electorate of a poll or a council, frozen when voting opens; undefined for the owners' vote
 * (the owners of the units in scope, see ResolutionRepository.open):
 * - `resident-poll`: the households in scope, each with its residents (owners and tenants);
 * - `council`: the parties with an attendee signed in at a meeting of the resolution's entry.
 */
export async function decisionElectorate(
  db: Pool,
  state: Case,
  resolution: Resolution,
): Promise<Electorate | undefined> {
  switch (resolution.rule) {
    case 'resident-poll':
      return householdElectorate(await householdsInScope(db, state.communityId, state.scope));
    case 'council':
      return councilElectorate(presentAttendees(state, resolution.entry));
    case 'simple-majority':
    case 'civil-code-278':
      return undefined;
  }
}

/** The plans of a resolution, as drafted (ResolutionDrafted on the case); null when none. */
export async function draftedOptions(
  db: Pool,
  caseId: string,
  resolutionId: string,
): Promise<PlanOption[] | null> {
  const { rows } = await db.query<{ options: PlanOption[] | null }>(
    `SELECT data->'options' AS options FROM events
      WHERE stream_id = $1 AND type = 'ResolutionDrafted' AND data->>'resolutionId' = $2
      LIMIT 1`,
    [caseStream(caseId), resolutionId],
  );
  const options = rows[0]?.options;
  return Array.isArray(options) && options.length > 0 ? options : null;
}
