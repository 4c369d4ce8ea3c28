import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { resolvePostgres, type ResolvedService } from '@yishi/dev-services';
import { demandSearchGrams } from '@yishi/domain';
import { liveTableNames } from '@yishi/projections';
import { freePort } from '../../../../bench/support/processes';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { listDemands } from '../list-demands/demand-list';
import { demandViewsProjection } from './demand-views.projection';

/*
 * The ledger's search (`q`) on both PostgreSQLs the platform runs on: the system one the tests use
 * (migrated) and the embedded one of `npm start` without DATABASE_URL, whose C locale leaves
 * pg_trgm no trigram to extract from Chinese. Single characters, two-character Chinese words,
 * longer phrases and number fragments are found through the GIN index of the search grams, in
 * either case, and `%` and `_` are characters, not wildcards.
 */
jest.setTimeout(90_000);

const COMMUNITY = randomUUID();
const ALL = {
  userId: randomUUID(),
  all: true,
  homeUnitIds: [],
  ledUnitIds: [],
  ledBuildings: [],
  gridIds: [],
};
const ROWS: [string, string][] = [
  ['XY-20261207-0001', '12号楼门口的路灯坏了一个星期'],
  ['XY-20261207-0002', '路面积水，灯光太暗'],
  ['XY-20261208-0001', '楼道堆放杂物，占用消防通道 100%'],
  ['XY-20261208-0002', 'A区3号楼 WiFi 信号弱，路_灯旁'],
  ['XY-20261209-0001', '楼道灯坏了，灯坏了又修'],
];

async function searchOn(client: Client): Promise<void> {
  await demandViewsProjection.createTables(client, liveTableNames(demandViewsProjection));
  for (const [number, content] of ROWS)
    await client.query(
      `INSERT INTO demand_views (demand_id, community_id, number, content, category, status,
         source, submitted_by, on_behalf, received_at, due_at, reopenings, version, state,
         counted, accept_due_at, resolve_due_at, seven_days_at, answers, satisfied_answers,
         search_grams)
       VALUES ($1, $2, $3, $4, 'other', 'received', 'online', $5, false, now(), now(), 0, 1, '{}',
         true, now(), now(), now(), 0, 0, $6)`,
      [randomUUID(), COMMUNITY, number, content, ALL.userId, demandSearchGrams(number, content)],
    );
  // No trigram index is left, and none is needed (pg_trgm need not even be installed).
  const { rows: indexes } = await client.query<{ name: string }>(
    `SELECT indexname AS name FROM pg_indexes WHERE tablename = 'demand_views'`,
  );
  expect(indexes.map((i) => i.name)).not.toContain('demand_views_search');
  // The GIN index of the grams, not a scan of the table, even on a table this small.
  await client.query('SET enable_seqscan = off');
  for (const grams of [['路灯'], ['路灯坏', '灯坏了']]) {
    const plan = await client.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT * FROM demand_views v WHERE v.search_grams @> $1::text[]`,
      [grams],
    );
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('demand_views_grams');
  }
  const found = async (q: string) =>
    (await listDemands(client, COMMUNITY, ALL, { q, limit: 10, offset: 0 })).items
      .map((i) => i.number)
      .sort();
  expect(await found('路灯')).toEqual(['XY-20261207-0001']);
  expect(await found('路灯坏了')).toEqual(['XY-20261207-0001']);
  expect(await found('灯')).toEqual([
    'XY-20261207-0001',
    'XY-20261207-0002',
    'XY-20261208-0002',
    'XY-20261209-0001',
  ]);
  expect(await found('积水')).toEqual(['XY-20261207-0002']);
  expect(await found('20261208')).toEqual(['XY-20261208-0001', 'XY-20261208-0002']);
  expect(await found('0002')).toEqual(['XY-20261207-0002', 'XY-20261208-0002']);
  expect(await found('xy-20261207-0001')).toEqual(['XY-20261207-0001']);
  expect(await found('wifi')).toEqual(['XY-20261208-0002']);
  expect(await found('a区3号')).toEqual(['XY-20261208-0002']);
  expect(await found('100%')).toEqual(['XY-20261208-0001']);
  expect(await found('%')).toEqual(['XY-20261208-0001']);
  expect(await found('路_灯')).toEqual(['XY-20261208-0002']);
  expect(await found('_')).toEqual(['XY-20261208-0002']);
  // Every gram of 路灯亮 but the one across the words is there; the phrase is not.
  expect(await found('路灯亮')).toEqual([]);
  expect(await found('门口的灯')).toEqual([]);
  // Every 3-gram of 道灯坏了又 is in the last one, but not the phrase: ILIKE decides.
  expect(await found('灯坏了又')).toEqual(['XY-20261209-0001']);
  expect(await found('道灯坏了又')).toEqual([]);
}

describe("the ledger's search: grams on the system and the embedded PostgreSQL", () => {
  let db: TestDatabase | undefined;
  let embedded: ResolvedService | undefined;
  let dataDir: string | undefined;

  afterAll(async () => {
    await db?.drop();
    await embedded?.stop();
    if (dataDir !== undefined) await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('finds two-character words and numbers on the system PostgreSQL (migrated)', async () => {
    db = await createTestDatabase();
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      await searchOn(client);
    } finally {
      await client.end();
    }
  });

  it('finds them on the embedded PostgreSQL too', async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'yishi-grams-'));
    embedded = await resolvePostgres({ dataDir, port: await freePort(), log: () => undefined });
    const client = new Client({ connectionString: embedded.url });
    await client.connect();
    try {
      await searchOn(client);
    } finally {
      await client.end();
    }
  });
});
