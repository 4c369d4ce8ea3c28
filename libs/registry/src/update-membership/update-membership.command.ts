import { Command } from '@nestjs/cqrs';
import { type Membership, type MembershipInput } from '../memberships';

export class UpdateMembershipCommand extends Command<Membership> {
  constructor(
    readonly actorId: string,
    readonly communityId: string,
    readonly userId: string,
    readonly patch: Partial<MembershipInput>,
    /** The caller holds the table's `memberships.grant-secretary` row. */
    readonly maySetSecretary: boolean,
  ) {
    super();
  }
}
