import { Command } from '@nestjs/cqrs';
import { type Membership, type MembershipInput } from '../memberships';

export class CreateMembershipCommand extends Command<Membership> {
  constructor(
    readonly actorId: string,
    readonly communityId: string,
    readonly userId: string,
    readonly input: MembershipInput,
    /** The caller holds the table's `memberships.grant-secretary` row. */
    readonly maySetSecretary: boolean,
  ) {
    super();
  }
}
