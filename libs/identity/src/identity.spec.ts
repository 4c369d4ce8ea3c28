import { mkdtemp, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createHmac } from 'node:crypto';
import { waitPhrase } from './login-throttle';
import { passwordProblem } from './password-policy';
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

describe('password policy', () => {
  const account = { username: 'secB', displayName: '张小明' };

  it('refuses common, short and guessable passwords, saying why in Chinese', () => {
    for (const weak of ['12345678', 'password1', 'qwertyui', 'iloveyou', 'a1b2c3d4', '11111111'])
      expect([weak, passwordProblem(weak, account)]).toEqual([
        weak,
        expect.stringContaining('常见'),
      ]);
    expect(passwordProblem('短密码', account)).toBe('密码至少需要 8 个字符');
  });

  it('refuses the username or display name inside the password, any case or width', () => {
    for (const derived of ['secB1234', 'secb2026!', 'ＳＥＣＢ-long-enough', 'my-张小明-2026'])
      expect([derived, passwordProblem(derived, account)]).toEqual([
        derived,
        expect.stringContaining('用户名或姓名'),
      ]);
  });

  it('accepts the demo password and passphrases', () => {
    for (const ok of [
      'yishi-demo',
      'long-enough-1',
      'correct horse battery',
      '我家门口的梧桐树2026',
    ])
      expect([ok, passwordProblem(ok, account)]).toEqual([ok, undefined]);
  });
});

describe('lock messages', () => {
  it('say how long in Chinese units', () => {
    expect(waitPhrase(900)).toBe('15 分钟');
    expect(waitPhrase(61)).toBe('2 分钟');
    expect(waitPhrase(40)).toBe('40 秒');
    expect(waitPhrase(3600)).toBe('1 小时');
    expect(waitPhrase(5400)).toBe('1 小时 30 分钟');
  });
});

describe('access tokens', () => {
  const secret = Buffer.from('s'.repeat(48));
  const USER_ID = '5b6c1d2e-3f40-4a51-8b62-7c8d9e0fa1b2';
  /** A token signed with `secret` whatever its claims: what a leaked key or a bug could mint. */
  const signed = async (claims: object) => {
    const [h] = (await issueToken(secret, USER_ID, 60)).token.split('.');
    const body = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
  };

  it('carry the token version; a token from before versions counts as version 0', async () => {
    const now = Date.UTC(2026, 10, 21);
    const issued = await issueToken(secret, USER_ID, 60, now, 7);
    expect((await verifyToken(secret, issued.token, now))?.ver).toBe(7);
    const iat = Math.floor(now / 1000);
    expect(
      (await verifyToken(secret, await signed({ sub: USER_ID, iat, exp: iat + 60 }), now))?.ver,
    ).toBe(0);
    expect(
      await verifyToken(secret, await signed({ sub: USER_ID, iat, exp: iat + 60, ver: 'x' }), now),
    ).toBeUndefined();
  });

  it('refuse a validly signed token whose subject is not a user id (a UUID)', async () => {
    const now = Date.UTC(2026, 10, 21);
    const iat = Math.floor(now / 1000);
    for (const sub of ['admin', "1' OR '1'='1", '', `${USER_ID}x`])
      expect(
        await verifyToken(secret, await signed({ sub, iat, exp: iat + 60 }), now),
      ).toBeUndefined();
    expect(
      (await verifyToken(secret, await signed({ sub: USER_ID, iat, exp: iat + 60 }), now))?.sub,
    ).toBe(USER_ID);
  });

  it('verify while valid, not after expiry, not with another key or a changed body', async () => {
    const now = Date.UTC(2026, 10, 21);
    const { token, expiresIn } = await issueToken(secret, USER_ID, 60, now);
    expect(expiresIn).toBe(60);
    expect((await verifyToken(secret, token, now + 59_000))?.sub).toBe(USER_ID);
    expect(await verifyToken(secret, token, now + 60_000)).toBeUndefined();
    expect(await verifyToken(Buffer.from('t'.repeat(48)), token, now)).toBeUndefined();
    const [h, , s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'admin', iat: 0, exp: 9e9 })).toString(
      'base64url',
    );
    expect(await verifyToken(secret, `${h}.${forged}.${s}`, now)).toBeUndefined();
    expect(await verifyToken(secret, 'a.b', now)).toBeUndefined();
    expect(await verifyToken(secret, '', now)).toBeUndefined();
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
