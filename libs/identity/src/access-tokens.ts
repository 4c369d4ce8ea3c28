import { LRUCache } from 'lru-cache';
import { issueToken, verifyToken, type AccessClaims } from './tokens';

/** What a login or a password change answers (TokenResponse). */
export interface LoginResult {
  readonly accessToken: string;
  readonly expiresIn: number;
  readonly user: { readonly id: string; readonly username: string; readonly displayName: string };
}

/**
 * The platform's access tokens: signed with the secret of `loadTokenSecret`, valid for the
 * configured time. Built by IdentityModule once the secret is loaded; the guard verifies with it.
 *
 * A token verified once is remembered until it expires (the most recently used 10,000): a user's
 * requests carry the same token, and checking its signature each time was the API's largest cost
 * after the database in the workflow benchmark (jose's `jwtVerify`, about 0.1 ms a request). Only
 * the exact string that passed is remembered; its expiry is checked on every use, and whether it
 * was ended (logout, password change, a disabled account) is still read from the database by the
 * guard, as for a token verified afresh.
 */
export class AccessTokens {
  private readonly verified = new LRUCache<string, AccessClaims>({ max: 10_000 });

  constructor(
    private readonly secret: Buffer,
    private readonly ttlSeconds: number,
  ) {}

  async issue(user: LoginResult['user'], version: number, now = Date.now()): Promise<LoginResult> {
    const { token, expiresIn } = await issueToken(
      this.secret,
      user.id,
      this.ttlSeconds,
      now,
      version,
    );
    const { id, username, displayName } = user;
    return { accessToken: token, expiresIn, user: { id, username, displayName } };
  }

  /** The claims of a valid, unexpired token (its signature checked, no database). */
  async verify(token: string, now = Date.now()): Promise<AccessClaims | undefined> {
    const known = this.verified.get(token);
    if (known !== undefined) return now < known.exp * 1000 ? known : undefined;
    const claims = await verifyToken(this.secret, token, now);
    if (claims !== undefined) this.verified.set(token, claims);
    return claims;
  }
}
