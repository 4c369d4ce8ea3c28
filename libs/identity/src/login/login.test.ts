import { RateLimitedError, UnauthenticatedError } from '@yishi/domain';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { AccessTokens } from '../access-tokens';
import { LoginThrottle } from '../login-throttle';
import { hashPassword } from '../passwords';
import { UserRepository } from '../user.repository';
import { insertUser, setDisabled } from '../users';
import { LoginCommand } from './login.command';
import { LoginHandler } from './login.handler';

/** The login use case: its handler with the real repository and throttle on real PostgreSQL. */
describe('LoginHandler (real PostgreSQL)', () => {
  let db: TestDatabase;
  let handler: LoginHandler;
  let tokens: AccessTokens;
  let userId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    tokens = new AccessTokens(Buffer.from('login-test-secret-0123456789-0123456789'), 600);
    const throttle = new LoginThrottle(db.pool, {
      lockAfterFailures: 3,
      lockSeconds: 120,
      slowdownMs: 1,
    });
    handler = new LoginHandler(new UserRepository(db.pool), throttle, tokens);
    userId = (
      await insertUser(db.pool, {
        username: 'denglu',
        displayName: '登录',
        passwordHash: await hashPassword('right-password-1'),
      })
    ).id;
  });
  afterAll(async () => {
    await db.drop();
  });

  const login = (username: string, password: string, address = '192.0.2.1') =>
    handler.execute(new LoginCommand(username, password, address));

  it('answers a token naming the user, valid for the configured time', async () => {
    const result = await login('DENGLU', 'right-password-1');
    expect(result).toMatchObject({
      expiresIn: 600,
      user: { id: userId, username: 'denglu', displayName: '登录' },
    });
    expect(await tokens.verify(result.accessToken)).toMatchObject({ sub: userId, ver: 0 });
  });

  it('a wrong password and an unknown username look the same', async () => {
    for (const [username, password] of [
      ['denglu', 'wrong'],
      ['nobody', 'right-password-1'],
    ] as const) {
      const refused = login(username, password, '192.0.2.2');
      await expect(refused).rejects.toBeInstanceOf(UnauthenticatedError);
      await expect(refused).rejects.toMatchObject({ message: '用户名或密码错误' });
    }
  });

  it('counts attempts before the check: past the limit even the right password is refused, saying for how long', async () => {
    await insertUser(db.pool, {
      username: 'suoding',
      displayName: '锁定',
      passwordHash: await hashPassword('right-password-1'),
    });
    for (let i = 0; i < 3; i++)
      await expect(login('suoding', `wrong-${i}`, '192.0.2.3')).rejects.toBeInstanceOf(
        UnauthenticatedError,
      );
    const locked = login('suoding', 'right-password-1', '192.0.2.3');
    await expect(locked).rejects.toBeInstanceOf(RateLimitedError);
    await expect(locked).rejects.toMatchObject({ message: '登录失败次数过多，请在 2 分钟后再试' });
    const error = (await locked.catch((e: unknown) => e)) as RateLimitedError;
    expect(error.retryAfterSeconds).toBeGreaterThan(100);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(120);
    // From another address too: the username is locked.
    await expect(login('suoding', 'right-password-1', '192.0.2.4')).rejects.toBeInstanceOf(
      RateLimitedError,
    );
  });

  it('tells a disabled account so, only to who knows its password', async () => {
    const other = await insertUser(db.pool, {
      username: 'tingyong',
      displayName: '停用',
      passwordHash: await hashPassword('right-password-2'),
    });
    await setDisabled(db.pool, other.id, true);
    await expect(login('tingyong', 'wrong', '192.0.2.5')).rejects.toMatchObject({
      message: '用户名或密码错误',
    });
    await expect(login('tingyong', 'right-password-2', '192.0.2.5')).rejects.toMatchObject({
      message: '该账号已停用，请联系社区书记或平台管理员',
    });
  });
});
