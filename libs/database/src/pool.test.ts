import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { until } from '../../../test/support/wait';
import { createPool } from './pool';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

describe('createPool: prepared statements', () => {
  /** One connection, so the statements it prepared are the ones pg_prepared_statements lists. */
  const onePool = (preparedStatements: boolean) =>
    createPool({
      databaseUrl: db.url,
      max: 1,
      statementTimeoutMs: 5_000,
      applicationName: 'yishi-pool-test',
      preparedStatements,
    });
  const prepared = async (pool: ReturnType<typeof onePool>, like: string) => {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement LIKE $1 || '%'`,
      [like],
    );
    return rows[0]!.n;
  };

  it('prepares a parameterised statement once per connection and reuses it', async () => {
    const pool = onePool(true);
    try {
      for (let i = 0; i < 3; i++) {
        const { rows } = await pool.query<{ n: number }>('SELECT $1::int + 1 AS n', [i]);
        expect(rows[0]!.n).toBe(i + 1);
      }
      const config = await pool.query<{ t: string }>({
        text: 'SELECT $1::text AS t',
        values: ['好'],
      });
      expect(config.rows[0]!.t).toBe('好');
      expect(await prepared(pool, 'SELECT $1::int + 1 AS n')).toBe(1);
      expect(await prepared(pool, 'SELECT $1::text AS t')).toBe(1);
      // Without values it stays a simple query, which may hold several statements.
      await pool.query('SELECT 1; SELECT 2');
      await pool.query('SELECT 3', []);
      expect(await prepared(pool, 'SELECT 3')).toBe(0);
      // A named statement keeps its own name.
      await pool.query({ name: 'mine', text: 'SELECT $1::int AS x', values: [1] });
      const { rows } = await pool.query<{ name: string }>(
        `SELECT name FROM pg_prepared_statements WHERE statement = 'SELECT $1::int AS x'`,
        [],
      );
      expect(rows).toEqual([{ name: 'mine' }]);
    } finally {
      await pool.end();
    }
  });

  it('prepares a statement afresh when its table changed shape under it, and answers the call', async () => {
    const pool = onePool(true);
    const other = onePool(false);
    try {
      await other.query('CREATE TABLE reshaped (id int PRIMARY KEY, name text)');
      await other.query(`INSERT INTO reshaped VALUES (1, '一号楼')`);
      const read = () => pool.query('SELECT * FROM reshaped WHERE id = $1', [1]);
      expect((await read()).rows).toEqual([{ id: 1, name: '一号楼' }]);
      // The next version's migration adds a column while this process runs.
      await other.query('ALTER TABLE reshaped ADD COLUMN floors int');
      expect((await read()).rows).toEqual([{ id: 1, name: '一号楼', floors: null }]);
      // The callback form (pg-pool's own) too.
      await other.query('ALTER TABLE reshaped ADD COLUMN units int');
      const rows = await new Promise((resolve, reject) =>
        pool.query('SELECT * FROM reshaped WHERE id = $1', [1], (error, result) =>
          error ? reject(error) : resolve(result.rows),
        ),
      );
      expect(rows).toEqual([{ id: 1, name: '一号楼', floors: null, units: null }]);
    } finally {
      await pool.end();
      await other.end();
    }
  });

  it('prepares nothing when turned off (a pooler in transaction mode)', async () => {
    const pool = onePool(false);
    try {
      await pool.query('SELECT $1::int + 2 AS n', [1]);
      expect(await prepared(pool, 'SELECT $1::int + 2 AS n')).toBe(0);
    } finally {
      await pool.end();
    }
  });
});

describe('createPool: an idle connection that fails', () => {
  it('is said in the log (not swallowed), and the next query reconnects', async () => {
    const warnings: { fields: Record<string, unknown>; message: string }[] = [];
    const pool = createPool({
      databaseUrl: db.url,
      max: 1,
      statementTimeoutMs: 5_000,
      applicationName: 'yishi-pool-error-test',
      log: { warn: (fields, message) => warnings.push({ fields, message }) },
    });
    try {
      const { rows } = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      // The connection is idle in the pool now; end it from another session.
      await db.pool.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
      await until(() => warnings.length > 0, 5_000, 'the pool to report the lost connection');
      expect(warnings[0]).toMatchObject({
        message: 'PostgreSQL: an idle connection failed',
        fields: { pool: 'yishi-pool-error-test' },
      });
      expect(warnings[0]!.fields.err).toBeInstanceOf(Error);
      expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one).toBe(1);
    } finally {
      await pool.end();
    }
  });
});
