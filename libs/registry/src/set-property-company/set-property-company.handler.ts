import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type EstateView } from '../estates';
import { EstatesRepository } from '../estates.repository';
import { SetPropertyCompanyCommand } from './set-property-company.command';

@CommandHandler(SetPropertyCompanyCommand)
export class SetPropertyCompanyHandler implements ICommandHandler<
  SetPropertyCompanyCommand,
  EstateView
> {
  constructor(private readonly estates: EstatesRepository) {}

  execute(m: SetPropertyCompanyCommand): Promise<EstateView> {
    return this.estates.setPropertyCompany(m.actorId, m.communityId, m.estateId, m.name);
  }
}
