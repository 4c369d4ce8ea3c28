import { Command } from '@nestjs/cqrs';
import { type Community, type CommunityInput } from '../communities';

/** A platform admin registers a community (with the default settings); 409 for the same name. */
export class CreateCommunityCommand extends Command<Community> {
  constructor(
    readonly actorId: string,
    readonly input: CommunityInput,
  ) {
    super();
  }
}
