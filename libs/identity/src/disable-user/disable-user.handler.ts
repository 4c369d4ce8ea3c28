import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { setAccountDisabled } from '../account-status';
import { type UserStatusResponse } from '../identity.dto';
import { UserRepository } from '../user.repository';
import { DisableUserCommand } from './disable-user.command';

@CommandHandler(DisableUserCommand)
export class DisableUserHandler implements ICommandHandler<DisableUserCommand> {
  constructor(private readonly users: UserRepository) {}

  execute({ caller, userId }: DisableUserCommand): Promise<UserStatusResponse> {
    return setAccountDisabled(this.users, caller, userId, true);
  }
}
