import { setTimeout as sleep } from 'node:timers/promises';
import { type Pool } from 'pg';
import { RateLimitedError, UnauthenticatedError, ValidationError } from '@yishi/domain';
import { passwordProblem } from './password-policy';
import { decoyHash, hashPassword, verifyPassword } from './passwords';
import { type LoginThrottle } from './throttle';
import { issueToken, verifyToken, type AccessClaims } from './tokens';
import {
  endTokens,
  findCredentials,
  findCredentialsById,
  setPasswordHash,
  type User,
} from './users';

export interface LoginResult {
  readonly accessToken: string;
  readonly expiresIn: number;
  readonly user: Pick<User, 'id' | 'username' | 'displayName'>;
}

/** "15 分钟" / "40 秒": how long a lock still holds, for the person waiting. */
export function waitPhrase(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.ceil(seconds))} 秒`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} 分钟`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} 小时` : `${hours} 小时 ${minutes % 60} 分钟`;
}

/** The refusal of a locked username or address, saying for how long (also Retry-After). */
function lockedOut(seconds: number): RateLimitedError {
  return new RateLimitedError(`登录失败次数过多，请在 ${waitPhrase(seconds)}后再试`, seconds);
}

/** Password login, password change, logout and token checks. A wrong username and a wrong password look the same. */
export class Authenticator {
  constructor(
    private readonly pool: Pool,
    private readonly throttle: LoginThrottle,
    private readonly secret: Buffer,
    private readonly ttlSeconds: number,
  ) {}

  async login(username: string, password: string, address: string): Promise<LoginResult> {
    // Counted before the check: a burst of guesses cannot all be checked before the lock.
    const { lockedForSeconds, delayMs } = await this.throttle.attempt(username, address);
    if (lockedForSeconds > 0) throw lockedOut(lockedForSeconds);
    if (delayMs > 0) await sleep(delayMs);
    const found = await findCredentials(this.pool, username);
    const ok = await verifyPassword(password, found?.passwordHash ?? (await decoyHash()));
    if (found === undefined || !ok) throw new UnauthenticatedError('用户名或密码错误');
    await this.throttle.succeeded(username, address);
    // Only someone who knows the password learns that the account is disabled.
    if (found.disabled) throw new UnauthenticatedError('该账号已停用，请联系社区书记或平台管理员');
    return this.issue(found.user, found.tokenVersion);
  }

  /**
   * Changes the caller's password: the current one is checked (and counted like a login, so a
   * stolen token cannot guess it), the new one must pass the policy. Every token issued before
   * ends, this one included; the answer carries a new token for this device.
   */
  async changePassword(
    userId: string,
    currentPassword: string,
    newPassword: string,
    address: string,
  ): Promise<LoginResult> {
    const found = await findCredentialsById(this.pool, userId);
    if (found === undefined || found.disabled)
      throw new UnauthenticatedError('登录已失效，请重新登录');
    const { username, displayName } = found.user;
    const { lockedForSeconds, delayMs } = await this.throttle.attempt(username, address);
    if (lockedForSeconds > 0) throw lockedOut(lockedForSeconds);
    if (delayMs > 0) await sleep(delayMs);
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
    const version = await setPasswordHash(this.pool, userId, await hashPassword(newPassword));
    if (version === undefined) throw new UnauthenticatedError('登录已失效，请重新登录');
    return this.issue(found.user, version);
  }

  /** Ends every token of the user (signs them out on every device). */
  async logout(userId: string): Promise<void> {
    await endTokens(this.pool, userId);
  }

  verify(token: string): AccessClaims | undefined {
    return verifyToken(this.secret, token);
  }

  private issue(user: User, version: number): LoginResult {
    const { token, expiresIn } = issueToken(
      this.secret,
      user.id,
      this.ttlSeconds,
      Date.now(),
      version,
    );
    const { id, username, displayName } = user;
    return { accessToken: token, expiresIn, user: { id, username, displayName } };
  }
}
