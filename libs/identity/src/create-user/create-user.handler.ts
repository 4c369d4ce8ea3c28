import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ValidationError } from '@yishi/domain';
import { type UserSummary } from '../identity.dto';
import { passwordProblem } from '../password-policy';
import { hashPassword } from '../passwords';
import { UserRepository } from '../user.repository';
import { CreateUserCommand } from './create-user.command';

@CommandHandler(CreateUserCommand)
export class CreateUserHandler implements ICommandHandler<CreateUserCommand> {
  constructor(private readonly users: UserRepository) {}

  async execute({ actorId, account }: CreateUserCommand): Promise<UserSummary> {
    const problem = passwordProblem(account.password, account);
    if (problem !== undefined)
      throw new ValidationError(problem, { fields: [{ field: 'password', problems: [problem] }] });
    const { password, ...rest } = account;
    const user = await this.users.create(
      { ...rest, passwordHash: await hashPassword(password) },
      actorId,
    );
    return { id: user.id, username: user.username, displayName: user.displayName };
  }
}
