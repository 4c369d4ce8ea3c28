import { createHmac } from 'node:crypto';
import { type Server } from 'node:http';
import request from 'supertest';
import { client, login, TEST_ADMIN } from './support/api';
import { type TestDatabase } from './support/database';
import { startDemoPlatform, type TestPlatform } from './support/platform';

/*
 * Issue 19, accounts and the generic errors (real PostgreSQL and Redis): the login lock holds
 * against a burst, says for how long; weak passwords and look-alike usernames are refused; a token
 * ends with a logout, a password change or the account's disabling, and one naming no user id is
 * 401; every generic error speaks Chinese; every answer carries the security headers.
 */

const SECRET = 'identity-security-test-secret-0123456789';

interface ErrorBody {
  error: { code: string; message: string; details: Record<string, unknown> };
}
const error = (res: { body: unknown }) => (res.body as ErrorBody).error;

/** A message for people: Chinese, no English words (codes, header names and numbers aside). */
const chinese = (message: string) => {
  expect(message).toMatch(/\p{Script=Han}/u);
  expect(message.replace(/Idempotency-Key|Accept|JSON|UTF-8|text\/event-stream/g, '')).not.toMatch(
    /[A-Za-z]{3,}/,
  );
};

describe('accounts, tokens and generic errors (issue 19)', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let admin: string;
  let secretary: string;

  beforeAll(async () => {
    ({ db, platform, server } = await startDemoPlatform('identity-security', {
      AUTH_TOKEN_SECRET: SECRET,
      AUTH_SLOWDOWN_MS: '1',
      BODY_LIMIT_JSON_BYTES: '4096',
    }));
    admin = await login(server, TEST_ADMIN.username, TEST_ADMIN.password);
    secretary = await login(server, 'shuji');
  }, 60_000);
  afterAll(async () => {
    await platform.close();
    await db.drop();
  });

  /** A login from an address of its own (the proxy on loopback is trusted to name it). */
  const loginFrom = (address: string, username: string, password: string) =>
    request(server)
      .post('/api/v1/auth/token')
      .set('X-Forwarded-For', address)
      .send({ username, password });

  describe('the login lock', () => {
    it('holds against a burst: 40 wrong passwords and the right one sent together, the right one is refused', async () => {
      const burst = [
        ...Array.from({ length: 40 }, (_, i) => loginFrom('203.0.113.7', 'wuye', `wrong-${i}`)),
        loginFrom('203.0.113.7', 'wuye', 'yishi-demo'),
      ];
      const answers = await Promise.all(burst.map((r) => r.then((res) => res)));
      const right = answers[40]!;
      expect(right.status).toBe(429);
      // At most the lock's number of guesses was checked at all; the rest were refused unchecked.
      expect(answers.filter((a) => a.status === 401).length).toBeLessThanOrEqual(10);
      expect(answers.filter((a) => a.status === 200)).toEqual([]);
      // The lock says for how long, from its real remaining time, in the header and the details.
      const retryAfter = Number(right.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(800);
      expect(retryAfter).toBeLessThanOrEqual(900);
      expect(error(right)).toEqual({
        code: 'RATE_LIMITED',
        message: `登录失败次数过多，请在 ${Math.ceil(retryAfter / 60)} 分钟后再试`,
        details: { retryAfterSeconds: retryAfter },
      });
      // Still locked for the right password afterwards; other accounts are not affected.
      expect((await loginFrom('203.0.113.8', 'wuye', 'yishi-demo')).status).toBe(429);
      expect((await loginFrom('203.0.113.8', 'yeweihui', 'yishi-demo')).status).toBe(200);
    }, 60_000);

    it('gives a right password back to its address: an office behind one address signs everyone in', async () => {
      for (let i = 0; i < 52; i++)
        expect((await loginFrom('198.51.100.9', 'dangwei', 'yishi-demo')).status).toBe(200);
      // Nothing is kept of an address whose attempts all succeeded.
      const { rows } = await db.pool.query(`SELECT key FROM login_throttle WHERE key LIKE $1`, [
        '%198.51.100.9',
      ]);
      expect(rows).toEqual([]);
    }, 60_000);
  });

  describe('passwords and usernames', () => {
    const create = (body: object) => client(server, secretary).post('/users', body);

    it('refuses common passwords and ones made of the username or name, saying why', async () => {
      for (const password of ['12345678', 'password1', 'qwertyui', 'iloveyou']) {
        const res = await create({ username: 'weak-one', password, displayName: '弱密码' });
        expect([password, res.status]).toEqual([password, 400]);
        expect(error(res).message).toContain('太常见');
        expect(error(res).details).toEqual({
          fields: [{ field: 'password', problems: [expect.stringContaining('太常见')] }],
        });
      }
      for (const [username, password, displayName] of [
        ['zhangsan1', 'zhangsan1', '张三'],
        ['lisi', 'LiSi-2026!', '李四'],
        ['wangwu', 'my王小五2026', '王小五'],
      ] as const) {
        const res = await create({ username, password, displayName });
        expect([username, res.status]).toEqual([username, 400]);
        expect(error(res).message).toBe('密码不能包含用户名或姓名，请换一个别人猜不到的密码');
      }
      await create({ username: 'strong-one', password: 'yishi-demo', displayName: '强' }).expect(
        201,
      );
    });

    it('stores usernames in NFKC: a full-width ｓｅｃＢ is secB, taken once, and signs in either way', async () => {
      const made = await create({ username: 'secB', password: 'long-enough-1', displayName: '乙' });
      expect(made.status).toBe(201);
      const twin = await create({
        username: 'ｓｅｃＢ',
        password: 'long-enough-2',
        displayName: '乙二',
      });
      expect(twin.status).toBe(409);
      expect(error(twin)).toMatchObject({
        code: 'ALREADY_EXISTS',
        message: '该用户名已被使用，请换一个',
      });
      const full = await create({
        username: 'ｆｕｌｌｗｉｄｔｈ',
        password: 'long-enough-1',
        displayName: '全',
      });
      expect(full.status).toBe(201);
      expect((full.body as { username: string }).username).toBe('fullwidth');
      await login(server, 'ＳＥＣＢ', 'long-enough-1');
      await login(server, 'FullWidth', 'long-enough-1');
      // The index itself compares the NFKC form: no insert, API or not, adds a look-alike.
      await expect(
        db.pool.query(
          `INSERT INTO users (id, username, display_name, password_hash)
           VALUES (gen_random_uuid(), 'ｓｅｃｂ', 'x', 'x')`,
        ),
      ).rejects.toMatchObject({ code: '23505', constraint: 'users_username_key' });
    });
  });

  describe('tokens', () => {
    /** A token signed with the platform's key, whatever its claims. */
    const signed = (claims: object) => {
      const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString(
        'base64url',
      );
      const body = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
      return `${body}.${createHmac('sha256', SECRET).update(body).digest('base64url')}`;
    };
    const now = () => Math.floor(Date.now() / 1000);

    it('a validly signed token whose subject is not a user id is 401, never 500', async () => {
      for (const sub of ['admin', "x' OR '1'='1", '42'])
        for (const path of ['/me', '/communities']) {
          const res = await client(server, signed({ sub, iat: now(), exp: now() + 60 })).get(path);
          expect([sub, path, res.status]).toEqual([sub, path, 401]);
          expect(error(res).message).toBe('登录已失效，请重新登录');
        }
    });

    const newUser = async (username: string) => {
      const res = await client(server, secretary)
        .post('/users', { username, password: 'first-secret-9', displayName: `${username}用户` })
        .expect(201);
      return (res.body as { id: string }).id;
    };

    it('logout ends every token of the caller, on every device', async () => {
      await newUser('leaver');
      const phone = await login(server, 'leaver', 'first-secret-9');
      const laptop = await login(server, 'leaver', 'first-secret-9');
      await client(server, phone).get('/me').expect(200);
      await client(server, laptop).post('/auth/logout').expect(204);
      for (const token of [phone, laptop]) {
        const res = await client(server, token).get('/me');
        expect(res.status).toBe(401);
        expect(error(res).message).toBe('登录已失效，请重新登录');
      }
      await client(server, await login(server, 'leaver', 'first-secret-9'))
        .get('/me')
        .expect(200);
    });

    it('a password change checks the current one, ends every other token and answers a new one', async () => {
      await newUser('changer');
      const phone = await login(server, 'changer', 'first-secret-9');
      const laptop = await login(server, 'changer', 'first-secret-9');
      const wrong = await client(server, laptop).post('/me/password', {
        currentPassword: 'not-it-at-all',
        newPassword: 'second-secret-7',
      });
      expect(wrong.status).toBe(400);
      expect(error(wrong)).toMatchObject({ message: '当前密码不正确' });
      const weak = await client(server, laptop).post('/me/password', {
        currentPassword: 'first-secret-9',
        newPassword: '12345678',
      });
      expect(weak.status).toBe(400);
      expect(error(weak).details).toEqual({
        fields: [{ field: 'newPassword', problems: [expect.stringContaining('太常见')] }],
      });
      // Nothing changed by the refusals.
      await client(server, phone).get('/me').expect(200);

      const changed = await client(server, laptop)
        .post('/me/password', { currentPassword: 'first-secret-9', newPassword: 'second-secret-7' })
        .expect(200);
      const fresh = (changed.body as { accessToken: string }).accessToken;
      await client(server, phone).get('/me').expect(401);
      await client(server, laptop).get('/me').expect(401);
      await client(server, fresh).get('/me').expect(200);
      await client(server)
        .post('/auth/token', { username: 'changer', password: 'first-secret-9' })
        .expect(401);
      await login(server, 'changer', 'second-secret-7');
    });

    it('disabling an account ends its tokens and its logins until it is enabled; only who may', async () => {
      const userId = await newUser('leaving-owner');
      const communityId = (
        (await client(server, secretary).get('/me').expect(200)).body as {
          memberships: { communityId: string }[];
        }
      ).memberships[0]!.communityId;
      await client(server, secretary)
        .post(`/communities/${communityId}/memberships`, { userId, roles: ['grid-worker'] })
        .expect(201);
      const token = await login(server, 'leaving-owner', 'first-secret-9');
      await client(server, token).get('/me').expect(200);

      // A member may not; nobody disables an admin or themselves; a secretary only their members.
      const member = await login(server, 'wanggeyuan');
      await client(server, member).post(`/users/${userId}/disable`).expect(403);
      const adminId = ((await client(server, admin).get('/me').expect(200)).body as { id: string })
        .id;
      const secretaryId = (
        (await client(server, secretary).get('/me').expect(200)).body as { id: string }
      ).id;
      const refused = await client(server, secretary).post(`/users/${adminId}/disable`);
      expect(refused.status).toBe(403);
      chinese(error(refused).message);
      await client(server, secretary).post(`/users/${secretaryId}/disable`).expect(403);
      const stranger = await newUser('stranger');
      await client(server, secretary).post(`/users/${stranger}/disable`).expect(403);

      const disabled = await client(server, secretary).post(`/users/${userId}/disable`).expect(200);
      expect(disabled.body).toEqual({
        id: userId,
        username: 'leaving-owner',
        displayName: 'leaving-owner用户',
        disabled: true,
      });
      await client(server, token).get('/me').expect(401);
      const blocked = await client(server).post('/auth/token', {
        username: 'leaving-owner',
        password: 'first-secret-9',
      });
      expect(blocked.status).toBe(401);
      expect(error(blocked).message).toBe('该账号已停用，请联系社区书记或平台管理员');

      await client(server, admin).post(`/users/${userId}/enable`).expect(200);
      await client(server, token).get('/me').expect(401);
      await client(server, await login(server, 'leaving-owner', 'first-secret-9'))
        .get('/me')
        .expect(200);
    });
  });

  describe('generic errors speak Chinese', () => {
    it('validation, auth, forbidden, not found, payload too large, media type, malformed JSON, bad URL', async () => {
      const resident = await login(server, 'yezhu-12-2-301');
      const answers: [string, number, request.Response][] = [
        ['validation', 400, await client(server).post('/auth/token', { username: 'shuji' })],
        [
          'unknown field',
          400,
          await client(server).post('/auth/token', { username: 'a', password: 'b', extra: 1 }),
        ],
        [
          'wrong password',
          401,
          await client(server).post('/auth/token', { username: 'shuji', password: 'nope-nope' }),
        ],
        ['no token', 401, await client(server).get('/me')],
        ['bad token', 401, await client(server, 'not.a.token').get('/me')],
        [
          'forbidden',
          403,
          await client(server, resident).post('/users', {
            username: 'nobody',
            password: 'long-enough-1',
            displayName: '无',
          }),
        ],
        [
          'unknown case',
          404,
          await client(server, resident).get('/cases/7d3f0e0e-6f6c-4a39-9c6e-2d8f3c1b5a00'),
        ],
        ['malformed id', 404, await client(server, resident).get('/cases/not-a-uuid')],
        ['unknown route', 404, await client(server, resident).get('/no-such-route')],
        [
          'too large',
          413,
          await client(server, secretary).post('/users', { username: 'x'.repeat(8000) }),
        ],
        [
          'media type',
          415,
          await request(server)
            .post('/api/v1/auth/token')
            .set('Content-Type', 'application/json; charset=latin1')
            .send('{"username":"a","password":"b"}'),
        ],
        [
          'malformed JSON',
          400,
          await request(server)
            .post('/api/v1/auth/token')
            .set('Content-Type', 'application/json')
            .send('{"username":'),
        ],
        ['bad URL', 400, await request(server).get('/api/v1/cases/%E0%A4%A')],
        [
          'bad Idempotency-Key',
          400,
          await client(server, secretary)
            .post('/users', { username: 'keyed', password: 'long-enough-1', displayName: '键' })
            .set('Idempotency-Key', 'has space'),
        ],
      ];
      for (const [what, status, res] of answers) {
        expect([what, res.status]).toEqual([what, status]);
        chinese(error(res).message);
      }
      // The fields' problems are Chinese too.
      const bad = await client(server, secretary).post('/users', {
        username: 'ok-name',
        password: 'long-enough-1',
        displayName: '',
        role: 'admin',
      });
      expect(error(bad).details).toEqual({
        fields: [
          { field: 'role', problems: ['不能提交此项'] },
          { field: 'displayName', problems: ['至少需要 1 个字符'] },
        ],
      });
    });
  });

  it('the OpenAPI document describes the new routes: summary, body and response schemas, 4xx answers', async () => {
    const doc = (await request(server).get('/docs-json').expect(200)).body as {
      paths: Record<
        string,
        Record<
          string,
          {
            summary?: string;
            requestBody?: unknown;
            responses: Record<string, { content?: unknown }>;
          }
        >
      >;
    };
    const op = (path: string) => doc.paths[`/api/v1${path}`]?.post;
    for (const [path, ok, errors] of [
      ['/auth/logout', '204', ['401']],
      ['/me/password', '200', ['400', '401', '429']],
      ['/users/{userId}/disable', '200', ['403', '404']],
      ['/users/{userId}/enable', '200', ['403', '404']],
      ['/users', '201', ['400', '409']],
    ] as const) {
      const operation = op(path);
      expect([path, typeof operation?.summary]).toEqual([path, 'string']);
      expect(Object.keys(operation!.responses)).toEqual(expect.arrayContaining([ok, ...errors]));
    }
    expect(op('/me/password')!.requestBody).toBeDefined();
    expect(op('/me/password')!.responses['200']!.content).toBeDefined();
    expect(op('/users/{userId}/disable')!.responses['200']!.content).toBeDefined();
  });

  describe('security headers', () => {
    const expectHeaders = (res: request.Response) => {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBe('DENY');
    };

    it('on the API, its errors, the operations endpoints and the OpenAPI UI', async () => {
      expectHeaders(await client(server, secretary).get('/me').expect(200));
      expectHeaders(await client(server).get('/me').expect(401));
      expectHeaders(await client(server).post('/auth/token', { username: 'x' }).expect(400));
      expectHeaders(await request(server).get('/health'));
      expectHeaders(await request(server).get('/docs').expect(200));
      expectHeaders(await request(server).get('/api/v1/no-such-route').expect(404));
    });
  });
});
