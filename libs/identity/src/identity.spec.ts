import { mkdtemp, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { hashPassword, verifyPassword } from './passwords';
import { loadTokenSecret, SECRET_FILE } from './secret';
import { issueToken, verifyToken } from './tokens';

describe('passwords', () => {
  it('hash with scrypt and verify; a wrong password or a mangled hash fails', async () => {
    const hash = await hashPassword('正确的密码 correct horse');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(hash).not.toContain('correct');
    await expect(verifyPassword('正确的密码 correct horse', hash)).resolves.toBe(true);
    await expect(verifyPassword('wrong', hash)).resolves.toBe(false);
    await expect(verifyPassword('x', 'plain-text')).resolves.toBe(false);
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });
});

describe('access tokens', () => {
  const secret = Buffer.from('s'.repeat(48));

  it('verify while valid, not after expiry, not with another key or a changed body', () => {
    const now = Date.UTC(2026, 10, 21);
    const { token, expiresIn } = issueToken(secret, 'user-1', 60, now);
    expect(expiresIn).toBe(60);
    expect(verifyToken(secret, token, now + 59_000)?.sub).toBe('user-1');
    expect(verifyToken(secret, token, now + 60_000)).toBeUndefined();
    expect(verifyToken(Buffer.from('t'.repeat(48)), token, now)).toBeUndefined();
    const [h, , s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'admin', iat: 0, exp: 9e9 })).toString(
      'base64url',
    );
    expect(verifyToken(secret, `${h}.${forged}.${s}`, now)).toBeUndefined();
    expect(verifyToken(secret, 'a.b', now)).toBeUndefined();
    expect(verifyToken(secret, '', now)).toBeUndefined();
  });
});

describe('token secret', () => {
  it('uses the configured secret, else generates one once (mode 600) and keeps it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'yishi-secret-'));
    expect((await loadTokenSecret('c'.repeat(40), dir)).toString()).toBe('c'.repeat(40));
    const [a, b] = await Promise.all([
      loadTokenSecret(undefined, dir),
      loadTokenSecret(undefined, dir),
    ]);
    expect(a.equals(b)).toBe(true);
    expect((await loadTokenSecret(undefined, dir)).equals(a)).toBe(true);
    expect((await readFile(path.join(dir, SECRET_FILE), 'utf8')).trim()).toBe(a.toString());
    expect((await stat(path.join(dir, SECRET_FILE))).mode & 0o777).toBe(0o600);
  });
});
