import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { MembershipsRepository } from '../memberships.repository';
import { isSecretary } from '../memberships';
import { RemoveMembershipCommand } from './remove-membership.command';

/** Removing a secretary needs its own row of the permission table. */
@CommandHandler(RemoveMembershipCommand)
export class RemoveMembershipHandler implements ICommandHandler<RemoveMembershipCommand, void> {
  constructor(private readonly memberships: MembershipsRepository) {}

  execute(m: RemoveMembershipCommand): Promise<void> {
    return this.memberships.delete(m.actorId, m.communityId, m.userId, (before) =>
      isSecretary(before) ? m.maySetSecretary : true,
    );
  }
}
