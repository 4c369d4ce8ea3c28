import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Membership } from '../memberships';
import { MembershipsRepository } from '../memberships.repository';
import { isSecretary } from '../memberships';
import { UpdateMembershipCommand } from './update-membership.command';

/** Giving or taking the secretary role needs its own row of the permission table. */
@CommandHandler(UpdateMembershipCommand)
export class UpdateMembershipHandler implements ICommandHandler<
  UpdateMembershipCommand,
  Membership
> {
  constructor(private readonly memberships: MembershipsRepository) {}

  execute(m: UpdateMembershipCommand): Promise<Membership> {
    return this.memberships.update(m.actorId, m.communityId, m.userId, m.patch, (before, after) =>
      isSecretary(before) === isSecretary(after) ? true : m.maySetSecretary,
    );
  }
}
