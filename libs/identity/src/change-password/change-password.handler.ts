import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnauthenticatedError, ValidationError } from '@yishi/domain';
import { AccessTokens, type LoginResult } from '../access-tokens';
import { LoginThrottle } from '../login-throttle';
import { passwordProblem } from '../password-policy';
import { hashPassword, verifyPassword } from '../passwords';
import { UserRepository } from '../user.repository';
import { ChangePasswordCommand } from './change-password.command';

/**
 * The current password is checked (and counted like a login, so a stolen token cannot guess it),
 * the new one must pass the policy. Every token issued before ends, this one included.
 */
@CommandHandler(ChangePasswordCommand)
export class ChangePasswordHandler implements ICommandHandler<ChangePasswordCommand> {
  constructor(
    private readonly users: UserRepository,
    private readonly throttle: LoginThrottle,
    private readonly tokens: AccessTokens,
  ) {}

  async execute(command: ChangePasswordCommand): Promise<LoginResult> {
    const { userId, currentPassword, newPassword, address } = command;
    const found = await this.users.credentialsById(userId);
    if (found === undefined || found.disabled)
      throw new UnauthenticatedError('登录已失效，请重新登录');
    const { username, displayName } = found.user;
    await this.throttle.admit(username, address);
    if (!(await verifyPassword(currentPassword, found.passwordHash)))
      throw new ValidationError('当前密码不正确', {
        fields: [{ field: 'currentPassword', problems: ['当前密码不正确'] }],
      });
    await this.throttle.succeeded(username, address);
    const problem =
      newPassword === currentPassword
        ? '新密码不能与当前密码相同'
        : passwordProblem(newPassword, { username, displayName });
    if (problem !== undefined)
      throw new ValidationError(problem, {
        fields: [{ field: 'newPassword', problems: [problem] }],
      });
    const version = await this.users.changePassword(userId, await hashPassword(newPassword), {
      actorId: userId,
      action: 'user.password-changed',
      data: {},
    });
    if (version === undefined) throw new UnauthenticatedError('登录已失效，请重新登录');
    return this.tokens.issue(found.user, version);
  }
}
