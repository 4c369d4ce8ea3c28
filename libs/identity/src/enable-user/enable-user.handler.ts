import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { setAccountDisabled } from '../account-status';
import { type UserStatusResponse } from '../identity.dto';
import { UserRepository } from '../user.repository';
import { EnableUserCommand } from './enable-user.command';

@CommandHandler(EnableUserCommand)
export class EnableUserHandler implements ICommandHandler<EnableUserCommand> {
  constructor(private readonly users: UserRepository) {}

  execute({ caller, userId }: EnableUserCommand): Promise<UserStatusResponse> {
    return setAccountDisabled(this.users, caller, userId, false);
  }
}
