import { randomUUID } from 'node:crypto';
import { type QueryRunner } from 'typeorm';
import { demandSearchGrams } from '@yishi/domain';
import { liveTableNames, type TableNames } from '@yishi/projections';
import { DemandListKeys1779960000000 as Migration } from '../../../database/src/migrations/1779960000000-demand-list-keys';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { listDemands } from '../list-demands/demand-list';
import { demandViewsProjection } from './demand-views.projection';

/*
 * Migration 1779960000000 on a ledger read model made before it (the table as the projection
 * created it then, with its pg_trgm index, and demands in it): the columns are added and filled
 * (the grams the projection would write, the status group and deadline generated), the indexes are
 * those of a table the projection creates now, the trigram index is gone, and the list finds and
 * sorts the demands that were there. On a fresh database (no demand_views yet) it does nothing.
 */
jest.setTimeout(60_000);

const OLD_TABLE = `
  CREATE TABLE demand_views (
    demand_id uuid PRIMARY KEY, community_id uuid NOT NULL, number text NOT NULL,
    content text NOT NULL, category text NOT NULL, status text NOT NULL, grid_id uuid,
    unit_id uuid, estate text, building text, source text NOT NULL, submitted_by uuid NOT NULL,
    on_behalf boolean NOT NULL, assigned_user_id uuid, received_at timestamptz NOT NULL,
    accepted_at timestamptz, closed_at timestamptz, due_at timestamptz NOT NULL,
    reopenings integer NOT NULL, rating text, counted boolean NOT NULL,
    accept_due_at timestamptz NOT NULL, resolve_due_at timestamptz NOT NULL,
    seven_days_at timestamptz NOT NULL, struck_off_at timestamptz, answers integer NOT NULL,
    satisfied_answers integer NOT NULL, late_from timestamptz, version bigint NOT NULL,
    state jsonb NOT NULL
  );
  CREATE INDEX demand_views_list ON demand_views (community_id, received_at DESC, demand_id);
  CREATE INDEX demand_views_search ON demand_views USING gin ((number || ' ' || content) gin_trgm_ops);
  CREATE INDEX demand_views_late ON demand_views (community_id, late_from) WHERE late_from IS NOT NULL;
`;

const COMMUNITY = randomUUID();
const SECRETARY = {
  userId: randomUUID(),
  all: true,
  homeUnitIds: [],
  ledUnitIds: [],
  ledBuildings: [],
  gridIds: [],
};

describe('migration 1779960000000: the list keys on an existing demand_views', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  const runner = () =>
    ({
      query: async (sql: string, params?: unknown[]): Promise<unknown[]> =>
        (await db.pool.query<Record<string, unknown>>(sql, params)).rows,
    }) as unknown as QueryRunner;

  /** Each column's type, nullability and generation; each index's definition, by suffix. */
  async function shape(table: string) {
    const { rows: columns } = await db.pool.query<Record<string, string>>(
      `SELECT column_name, data_type, is_nullable, is_generated, generation_expression
         FROM information_schema.columns WHERE table_name = $1 ORDER BY column_name`,
      [table],
    );
    const { rows: indexes } = await db.pool.query<{ name: string; def: string }>(
      `SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = $1`,
      [table],
    );
    return {
      columns,
      indexes: Object.fromEntries(
        indexes.map((i) => [i.name.slice(table.length), i.def.replaceAll(table, 'T')]),
      ),
    };
  }

  it('does nothing on a database without the read model yet', async () => {
    await new Migration().up(runner());
    const { rows } = await db.pool.query(`SELECT to_regclass('demand_views') AS t`);
    expect(rows[0]).toEqual({ t: null });
  });

  it('adds and fills the columns, makes the indexes, and the list finds the demands', async () => {
    await db.pool.query(OLD_TABLE);
    const demands = [
      ['XY-20261207-0001', '12号楼门口的路灯坏了', 'received', -2, 5], // overdue: accept by -2
      ['XY-20261207-0002', '路面积水', 'assigned', 50, 3],
      ['XY-20261207-0003', 'WiFi 路灯旁', 'closed', 1, 1],
    ] as const;
    const asOf = new Date();
    const at = (h: number) => new Date(asOf.getTime() + h * 3_600_000).toISOString();
    for (const [number, content, status, acceptDue, due] of demands)
      await db.pool.query(
        `INSERT INTO demand_views (demand_id, community_id, number, content, category, status,
           source, submitted_by, on_behalf, received_at, due_at, reopenings, version, state,
           counted, accept_due_at, resolve_due_at, seven_days_at, answers, satisfied_answers)
         VALUES ($1, $2, $3, $4, 'other', $5, 'online', $6, false, $7, $8, 0, 1, '{}', true,
           $9, $8, $8, 0, 0)`,
        [
          randomUUID(),
          COMMUNITY,
          number,
          content,
          status,
          SECRETARY.userId,
          at(-10),
          at(due),
          at(acceptDue),
        ],
      );

    await new Migration().up(runner());

    const { rows } = await db.pool.query<{
      number: string;
      content: string;
      status_group: number;
      due_key: Date;
      search_grams: string[];
    }>(
      `SELECT number, content, status_group, due_key, search_grams FROM demand_views ORDER BY number`,
    );
    expect(rows.map((r) => [r.status_group, r.due_key.toISOString()])).toEqual([
      [1, at(-2)],
      [1, at(3)],
      [3, at(1)],
    ]);
    for (const r of rows) expect(r.search_grams).toEqual(demandSearchGrams(r.number, r.content));

    // The same shape as a table the projection creates now, and its DDL has nothing to add.
    const fresh: TableNames<'demand_views' | 'demand_stats_cells'> = {
      demand_views: 'fresh_views',
      demand_stats_cells: 'fresh_cells',
    };
    await demandViewsProjection.createTables(db.pool, fresh);
    const migrated = await shape('demand_views');
    expect(migrated).toEqual(await shape('fresh_views'));
    expect(Object.keys(migrated.indexes)).not.toContain('_search');
    await demandViewsProjection.createTables(db.pool, liveTableNames(demandViewsProjection));
    expect(await shape('demand_views')).toEqual(migrated);

    const list = (f: Partial<Parameters<typeof listDemands>[3]>) =>
      listDemands(db.pool, COMMUNITY, SECRETARY, { limit: 10, offset: 0, ...f });
    expect((await list({ q: '路灯' })).items.map((i) => i.number).sort()).toEqual([
      'XY-20261207-0001',
      'XY-20261207-0003',
    ]);
    expect((await list({ q: 'wifi' })).items.map((i) => i.number)).toEqual(['XY-20261207-0003']);
    const due = await list({ sort: 'due', asOf: asOf.toISOString() });
    expect(due.items.map((i) => [i.number, i.overdue])).toEqual([
      ['XY-20261207-0001', true],
      ['XY-20261207-0002', false],
      ['XY-20261207-0003', false],
    ]);
  });

  it('reverses with down (the trigram index back) and applies again with up', async () => {
    await new Migration().down(runner());
    const back = await shape('demand_views');
    expect(back.columns.map((c) => c.column_name)).not.toContain('search_grams');
    expect(Object.keys(back.indexes).sort()).toEqual(['_late', '_list', '_pkey', '_search']);
    await new Migration().up(runner());
    expect(await shape('demand_views')).toEqual(await shape('fresh_views'));
  });
});
