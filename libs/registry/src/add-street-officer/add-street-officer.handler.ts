import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { StreetsRepository } from '../streets.repository';
import { AddStreetOfficerCommand } from './add-street-officer.command';

type Added = { streetId: string; userId: string; departmentId: string };

@CommandHandler(AddStreetOfficerCommand)
export class AddStreetOfficerHandler implements ICommandHandler<AddStreetOfficerCommand, Added> {
  constructor(private readonly streets: StreetsRepository) {}

  execute(m: AddStreetOfficerCommand): Promise<Added> {
    return this.streets.addOfficer(m.actorId, m.streetId, m.userId);
  }
}
