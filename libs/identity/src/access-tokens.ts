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
 */
export class AccessTokens {
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
  verify(token: string): Promise<AccessClaims | undefined> {
    return verifyToken(this.secret, token);
  }
}
