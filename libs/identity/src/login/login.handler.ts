import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnauthenticatedError } from '@yishi/domain';
import { AccessTokens, type LoginResult } from '../access-tokens';
import { LoginThrottle } from '../login-throttle';
import { decoyHash, verifyPassword } from '../passwords';
import { UserRepository } from '../user.repository';
import { LoginCommand } from './login.command';

/** A wrong username and a wrong password look the same, and take as long. */
@CommandHandler(LoginCommand)
export class LoginHandler implements ICommandHandler<LoginCommand> {
  constructor(
    private readonly users: UserRepository,
    private readonly throttle: LoginThrottle,
    private readonly tokens: AccessTokens,
  ) {}

  async execute({ username, password, address }: LoginCommand): Promise<LoginResult> {
    // Counted before the check: a burst of guesses cannot all be checked before the lock.
    await this.throttle.admit(username, address);
    const found = await this.users.credentials(username);
    const ok = await verifyPassword(password, found?.passwordHash ?? (await decoyHash()));
    if (found === undefined || !ok) throw new UnauthenticatedError('用户名或密码错误');
    await this.throttle.succeeded(username, address);
    // Only someone who knows the password learns that the account is disabled.
    if (found.disabled) throw new UnauthenticatedError('该账号已停用，请联系社区书记或平台管理员');
    return this.tokens.issue(found.user, found.tokenVersion);
  }
}
