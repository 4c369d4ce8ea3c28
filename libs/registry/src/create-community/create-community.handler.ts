import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Community } from '../communities';
import { CommunitiesRepository } from '../communities.repository';
import { CreateCommunityCommand } from './create-community.command';

@CommandHandler(CreateCommunityCommand)
export class CreateCommunityHandler implements ICommandHandler<CreateCommunityCommand, Community> {
  constructor(private readonly communities: CommunitiesRepository) {}

  execute(m: CreateCommunityCommand): Promise<Community> {
    return this.communities.create(m.actorId, m.input);
  }
}
