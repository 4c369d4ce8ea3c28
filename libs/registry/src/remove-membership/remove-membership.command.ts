import { Command } from '@nestjs/cqrs';

export class RemoveMembershipCommand extends Command<void> {
  constructor(
    readonly actorId: string,
    readonly communityId: string,
    readonly userId: string,
    /** The caller holds the table's `memberships.grant-secretary` row. */
    readonly maySetSecretary: boolean,
  ) {
    super();
  }
}
