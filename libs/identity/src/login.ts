import { setTimeout as sleep } from 'node:timers/promises';
import { type Pool } from 'pg';
import { RateLimitedError, UnauthenticatedError } from '@yishi/domain';
import { decoyHash, verifyPassword } from './passwords';
import { type LoginThrottle } from './throttle';
import { issueToken, verifyToken, type AccessClaims } from './tokens';
import { findCredentials, type User } from './users';

export interface LoginResult {
  readonly accessToken: string;
  readonly expiresIn: number;
  readonly user: Pick<User, 'id' | 'username' | 'displayName'>;
}

/** Password login and token checks. A wrong username and a wrong password look the same. */
export class Authenticator {
  constructor(
    private readonly pool: Pool,
    private readonly throttle: LoginThrottle,
    private readonly secret: Buffer,
    private readonly ttlSeconds: number,
  ) {}

  async login(username: string, password: string, address: string): Promise<LoginResult> {
    const { lockedForSeconds, delayMs } = await this.throttle.state(username, address);
    if (lockedForSeconds > 0)
      throw new RateLimitedError('Too many failed logins; try again later', lockedForSeconds);
    if (delayMs > 0) await sleep(delayMs);
    const found = await findCredentials(this.pool, username);
    const ok = await verifyPassword(password, found?.passwordHash ?? (await decoyHash()));
    if (found === undefined || !ok) {
      await this.throttle.recordFailure(username, address);
      throw new UnauthenticatedError('Wrong username or password');
    }
    await this.throttle.recordSuccess(username);
    const { token, expiresIn } = issueToken(this.secret, found.user.id, this.ttlSeconds);
    const { id, username: name, displayName } = found.user;
    return { accessToken: token, expiresIn, user: { id, username: name, displayName } };
  }

  verify(token: string): AccessClaims | undefined {
    return verifyToken(this.secret, token);
  }
}
