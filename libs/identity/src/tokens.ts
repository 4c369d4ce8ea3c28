import { createHmac, timingSafeEqual } from 'node:crypto';

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

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

function sign(secret: Buffer, input: string): string {
  return createHmac('sha256', secret).update(input).digest('base64url');
}

export function issueToken(
  secret: Buffer,
  userId: string,
  ttlSeconds: number,
  now = Date.now(),
  version = 0,
): { token: string; expiresIn: number } {
  const iat = Math.floor(now / 1000);
  const claims: AccessClaims = { sub: userId, iat, exp: iat + ttlSeconds, ver: version };
  const body = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return { token: `${body}.${sign(secret, body)}`, expiresIn: ttlSeconds };
}

/** The claims of a valid, unexpired token signed with `secret`; undefined for anything else. */
export function verifyToken(
  secret: Buffer,
  token: string,
  now = Date.now(),
): AccessClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== HEADER) return undefined;
  const [, payload = '', signature = ''] = parts;
  const expected = Buffer.from(sign(secret, `${HEADER}.${payload}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof claims !== 'object' || claims === null) return undefined;
  const { sub, iat, exp, ver = 0 } = claims as Record<string, unknown>;
  if (typeof sub !== 'string' || typeof iat !== 'number' || typeof exp !== 'number')
    return undefined;
  // Only a user id names a user: any other subject, however signed, is no token of ours.
  if (!UUID.test(sub) || !Number.isSafeInteger(ver)) return undefined;
  if (exp <= Math.floor(now / 1000)) return undefined;
  return { sub, iat, exp, ver: ver as number };
}
