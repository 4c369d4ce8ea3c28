import { type Server } from 'node:http';
import { client, login, TEST_ADMIN } from './api';
import { createTestDatabase, testRedisUrl, type TestDatabase } from './database';
import { startTestPlatform, type TestPlatform } from './platform';

/*
 * What the registry tests share: the platform with a quick login lockout, tokens of the admin, the
 * secretary and a resident, the demo community and a second one, and every response body seen.
 */

export interface Unit {
  id: string;
  estate: string;
  building: string;
  entrance: string;
  room: string;
  area: number;
}

/** Registers the beforeAll that starts the platform and the afterAll that closes it. */
export function useRegistryPlatform(label: string) {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let admin: string;
  let secretary: string;
  let resident: string;
  let demoId: string;
  let otherId: string;
  const bodies: string[] = [];

  /** Every response body of this file, to check that no secret ever leaves. */
  const seen = <T extends { text: string }>(res: T): T => {
    bodies.push(res.text);
    return res;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    platform = await startTestPlatform({
      databaseUrl: db.url,
      redisUrl: testRedisUrl(),
      label,
      env: {
        ADMIN_USERNAME: TEST_ADMIN.username,
        ADMIN_PASSWORD: TEST_ADMIN.password,
        AUTH_LOCK_AFTER_FAILURES: '4',
        AUTH_LOCK_SECONDS: '60',
        AUTH_SLOWDOWN_MS: '1',
      },
    });
    server = platform.app.getHttpServer();
    admin = await login(server, TEST_ADMIN.username, TEST_ADMIN.password);
    secretary = await login(server, 'shuji');
    resident = await login(server, 'yezhu-12-2-301');
    const list = await client(server, admin).get('/communities').expect(200);
    demoId = (list.body as { items: { id: string; name: string }[] }).items.find(
      (c) => c.name === '学苑社区',
    )!.id;
    const other = await client(server, admin)
      .post('/communities', { name: '东湖社区', street: '秀谷镇' })
      .expect(201);
    otherId = (other.body as { id: string }).id;
  });
  afterAll(async () => {
    await platform.close();
    await db.drop();
  });

  return {
    get db() {
      return db;
    },
    get platform() {
      return platform;
    },
    get server() {
      return server;
    },
    get admin() {
      return admin;
    },
    get secretary() {
      return secretary;
    },
    get resident() {
      return resident;
    },
    get demoId() {
      return demoId;
    },
    get otherId() {
      return otherId;
    },
    bodies,
    seen,
  };
}
