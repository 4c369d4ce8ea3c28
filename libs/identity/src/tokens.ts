import { errors, jwtVerify, SignJWT } from 'jose';

/** The claims of an access token (a JWT, HS256). */
export interface AccessClaims {
  readonly sub: string;
  readonly iat: number;
  readonly exp: number;
  /**
   * The user's token version when it was issued: logging out, changing the password or disabling
   * the account raises the version, which ends every token issued before. Tokens issued before
   * versions existed carry none and count as version 0.
   */
  readonly ver: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An access token (JWT, HS256) for the user, carrying their token version (AccessClaims.ver). */
export async function issueToken(
  secret: Uint8Array,
  userId: string,
  ttlSeconds: number,
  now = Date.now(),
  version = 0,
): Promise<{ token: string; expiresIn: number }> {
  const iat = Math.floor(now / 1000);
  const token = await new SignJWT({ ver: version })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(secret);
  return { token, expiresIn: ttlSeconds };
}

/** The claims of a valid, unexpired token signed with `secret`; undefined for anything else. */
export async function verifyToken(
  secret: Uint8Array,
  token: string,
  now = Date.now(),
): Promise<AccessClaims | undefined> {
  let payload: Record<string, unknown>;
  try {
    // jose checks the signature, the header (HS256 only, typ JWT) and `exp` (expired at exp itself).
    ({ payload } = await jwtVerify(token, secret, {
      algorithms: ['HS256'],
      typ: 'JWT',
      currentDate: new Date(now),
    }));
  } catch (error) {
    if (error instanceof errors.JOSEError) return undefined;
    throw error;
  }
  const { sub, iat, exp, ver = 0 } = payload;
  if (typeof sub !== 'string' || typeof iat !== 'number' || typeof exp !== 'number')
    return undefined;
  // Only a user id names a user: any other subject, however signed, is no token of ours.
  if (!UUID.test(sub) || !Number.isSafeInteger(ver)) return undefined;
  return { sub, iat, exp, ver: ver as number };
}
