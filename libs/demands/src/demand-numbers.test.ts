import { randomUUID } from 'node:crypto';
import { type Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { DemandNumbers } from './demand-numbers';

/*
 * The day's numbers taken as a group commit (real PostgreSQL): intakes that ask while an upsert of
 * their counter is in flight share the next one, and no number is given twice, across processes
 * too (two DemandNumbers on one database stand for two API processes).
 */
describe('demand numbers (real PostgreSQL)', () => {
  let db: TestDatabase;
  let communityId: string;
  /** Upserts sent through `counted`. */
  let upserts = 0;
  let counted: Pool;

  beforeAll(async () => {
    db = await createTestDatabase();
    communityId = randomUUID();
    await db.pool.query(`INSERT INTO communities (id, name) VALUES ($1, '号码社区')`, [
      communityId,
    ]);
    counted = {
      query: (...args: Parameters<Pool['query']>) => {
        upserts++;
        return db.pool.query(...args);
      },
    } as unknown as Pool;
  });
  afterAll(async () => {
    await db?.drop();
  });

  const lastSeq = async (day: string): Promise<number | undefined> => {
    const { rows } = await db.pool.query<{ last_seq: number }>(
      `SELECT last_seq FROM demand_number_counters WHERE community_id = $1 AND day = $2`,
      [communityId, day],
    );
    return rows[0]?.last_seq;
  };

  it('gives each of many concurrent intakes its own number, in blocks, across two processes', async () => {
    const one = new DemandNumbers(counted);
    const two = new DemandNumbers(db.pool);
    const day = '2026-12-07';
    const asked = Array.from({ length: 400 }, (_, i) =>
      (i % 2 === 0 ? one : two).next(communityId, day),
    );
    const otherDay = Array.from({ length: 5 }, () => one.next(communityId, '2026-12-08'));
    const numbers = await Promise.all(asked);
    expect([...numbers].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 400 }, (_, i) => i + 1),
    );
    expect(await lastSeq(day)).toBe(400);
    expect((await Promise.all(otherDay)).sort()).toEqual([1, 2, 3, 4, 5]);
    // One process's 200 intakes and 5 of another day: the first of each alone, the rest in blocks.
    expect(upserts).toBeLessThanOrEqual(6);
    // A lone intake afterwards waits for nothing and takes the next number.
    upserts = 0;
    expect(await one.next(communityId, day)).toBe(401);
    expect(upserts).toBe(1);
  });

  it('fails a block whose upsert fails, takes nothing for it, and serves the next one', async () => {
    const numbers = new DemandNumbers(db.pool);
    const unknown = randomUUID();
    const failed = await Promise.allSettled(
      Array.from({ length: 3 }, () => numbers.next(unknown, '2026-12-07')),
    );
    expect(failed.map((f) => f.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await numbers.next(communityId, '2026-12-09')).toBe(1);
    expect(await lastSeq('2026-12-09')).toBe(1);
  });
});
