import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type OwnerIdentityView } from '../bindings/binding-views';
import { OwnerIdentitiesRepository } from '../bindings/owner-identities.repository';
import { RecordOwnerIdentityCommand } from './record-owner-identity.command';

@CommandHandler(RecordOwnerIdentityCommand)
export class RecordOwnerIdentityHandler implements ICommandHandler<
  RecordOwnerIdentityCommand,
  OwnerIdentityView
> {
  constructor(private readonly identities: OwnerIdentitiesRepository) {}

  execute(m: RecordOwnerIdentityCommand): Promise<OwnerIdentityView> {
    return this.identities.record(m.communityId, m.actorId, m.unitId, m.input);
  }
}
