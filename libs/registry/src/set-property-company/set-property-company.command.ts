import { Command } from '@nestjs/cqrs';
import { type EstateView } from '../estates';

/** Names (or, with null, clears) the property company of an estate of the community. */
export class SetPropertyCompanyCommand extends Command<EstateView> {
  constructor(
    readonly actorId: string,
    readonly communityId: string,
    readonly estateId: string,
    readonly name: string | null,
  ) {
    super();
  }
}
