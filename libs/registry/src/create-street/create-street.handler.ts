import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type StreetRef } from '../streets';
import { StreetsRepository } from '../streets.repository';
import { CreateStreetCommand } from './create-street.command';

@CommandHandler(CreateStreetCommand)
export class CreateStreetHandler implements ICommandHandler<CreateStreetCommand, StreetRef> {
  constructor(private readonly streets: StreetsRepository) {}

  execute(m: CreateStreetCommand): Promise<StreetRef> {
    return this.streets.create(m.actorId, m.streetId, m.input);
  }
}
