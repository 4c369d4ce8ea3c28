import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ForbiddenError } from '@yishi/domain';
import { type Membership } from '../memberships';
import { MembershipsRepository } from '../memberships.repository';
import { CreateMembershipCommand } from './create-membership.command';

@CommandHandler(CreateMembershipCommand)
export class CreateMembershipHandler implements ICommandHandler<
  CreateMembershipCommand,
  Membership
> {
  constructor(private readonly memberships: MembershipsRepository) {}

  async execute(m: CreateMembershipCommand): Promise<Membership> {
    if (m.input.roles.includes('secretary') && !m.maySetSecretary)
      throw new ForbiddenError('只有平台管理员可以任命书记');
    return this.memberships.create(m.actorId, m.communityId, m.userId, m.input);
  }
}
