import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { StreetsRepository } from '../streets.repository';
import { RemoveStreetOfficerCommand } from './remove-street-officer.command';

@CommandHandler(RemoveStreetOfficerCommand)
export class RemoveStreetOfficerHandler implements ICommandHandler<
  RemoveStreetOfficerCommand,
  void
> {
  constructor(private readonly streets: StreetsRepository) {}

  execute(m: RemoveStreetOfficerCommand): Promise<void> {
    return this.streets.removeOfficer(m.actorId, m.streetId, m.userId);
  }
}
