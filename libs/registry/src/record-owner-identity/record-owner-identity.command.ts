import { Command } from '@nestjs/cqrs';
import { type OwnerIdentityInput, type OwnerIdentityView } from '../bindings/binding-views';

/** The secretary records one owner of a unit; the numbers are hashed at once. */
export class RecordOwnerIdentityCommand extends Command<OwnerIdentityView> {
  constructor(
    readonly communityId: string,
    readonly actorId: string,
    readonly unitId: string,
    readonly input: OwnerIdentityInput,
  ) {
    super();
  }
}
