import { type Party } from '@yishi/domain';
import { type NotificationKind } from '@yishi/messaging';

/**
 * Who receives one party's notification, as a SQL condition over `memberships m` with the
 * community in `$1`, the party in `party` (`$2` unless another expression is given) and the case's
 * estate in `estate` (a text parameter, null when the notice has none):
 * - `escalated`, `task-overdue`, `evaluation-escalated` (吹哨报到) go to the street officers;
 * - everything else to the party's members, but for a member scoped to estates that do not include
 *   the case's, and for the party organisation also its secretaries (a secretary is a member of
 *   party-organisation, and answers for the whole community).
 */
export function recipientCondition(kind: NotificationKind, party = '$2', estate = 'NULL'): string {
  // `$2::text IS NOT NULL` types $2 even where the condition does not use the party (escalated),
  // and the estate's clause types it there too: PostgreSQL refuses a parameter whose type it
  // cannot determine.
  const base = `m.community_id = $1 AND ${party}::text IS NOT NULL
    AND (${estate}::text IS NULL OR cardinality(m.estates) >= 0)`;
  if (kind === 'escalated' || kind === 'task-overdue' || kind === 'evaluation-escalated')
    return `${base} AND 'street-officer' = ANY (m.roles)`;
  return `${base} AND (('party-member' = ANY (m.roles) AND m.party = ${party}
              AND (${estate}::text IS NULL OR cardinality(m.estates) = 0
                   OR ${estate}::text = ANY (m.estates)))
            OR (${party} = 'party-organisation' AND 'secretary' = ANY (m.roles)))`;
}

/** The query parameters that go with `recipientCondition`. */
export const recipientParams = (communityId: string, party: Party): [string, string] => [
  communityId,
  party,
];
