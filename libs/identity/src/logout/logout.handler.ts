import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UserRepository } from '../user.repository';
import { LogoutCommand } from './logout.command';

@CommandHandler(LogoutCommand)
export class LogoutHandler implements ICommandHandler<LogoutCommand> {
  constructor(private readonly users: UserRepository) {}

  async execute({ userId }: LogoutCommand): Promise<void> {
    await this.users.endTokens(userId);
  }
}
