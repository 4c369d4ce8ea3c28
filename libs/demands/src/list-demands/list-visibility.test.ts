import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { liveTableNames } from '@yishi/projections';
import { insertDemandViews, type DemandViewRow } from '../../../../bench/support/demand-views';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { canSeeDemand, type DemandViewer } from '../demand-audience';
import { demandViewsProjection } from '../projections/demand-views.projection';
import { listDemands } from './demand-list';

/*
 * Who sees which demands, as the list's SQL says it (visibleDemandsSql, a part per index), held to
 * the rule as one demand's predicate says it (canSeeDemand): random ledgers and random viewers
 * (residents, the three leads, grid workers, assignees, several at once), few ids so they meet.
 */
jest.setTimeout(120_000);

const pool = (n: number) => Array.from({ length: n }, () => randomUUID());
const USERS = pool(4);
const UNITS = pool(4);
const GRIDS = pool(3);
const PLACES = [
  { estate: '金泰和庄', building: '10号楼' },
  { estate: '金泰和庄', building: '12号楼' },
  { estate: '幸福里', building: '10号楼' },
];

describe('the ledger list: who sees which demands', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    await demandViewsProjection.createTables(db.pool, liveTableNames(demandViewsProjection));
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('lists exactly the demands the rule lets each viewer see', async () => {
    const some = <T>(list: readonly T[]) => fc.subarray([...list], { maxLength: 2 });
    const orNull = <T>(list: readonly T[]) => fc.option(fc.constantFrom(...list), { nil: null });
    const demand = fc.record({
      submittedBy: fc.constantFrom(...USERS),
      unitId: orNull(UNITS),
      onBehalf: fc.boolean(),
      gridId: orNull(GRIDS),
      place: orNull(PLACES),
      assignedUserId: orNull(USERS),
    });
    const viewer = fc.record({
      userId: fc.constantFrom(...USERS),
      all: fc.constant(false),
      homeUnitIds: some(UNITS),
      ledUnitIds: some(UNITS),
      ledBuildings: some(PLACES),
      gridIds: some(GRIDS),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(demand, { minLength: 1, maxLength: 25 }),
        fc.array(viewer, { minLength: 1, maxLength: 4 }),
        async (demands, viewers) => {
          const community = randomUUID();
          const rows: DemandViewRow[] = demands.map((d, i) => ({
            demandId: randomUUID(),
            communityId: community,
            number: `XY-20261207-${String(i + 1).padStart(4, '0')}`,
            content: '内容',
            category: 'other',
            status: 'received',
            receivedAt: new Date(Date.UTC(2026, 11, 7, 0, i)).toISOString(),
            dueAt: '2026-12-20T00:00:00.000Z',
            acceptDueAt: '2026-12-08T00:00:00.000Z',
            ...d,
            estate: d.place?.estate ?? null,
            building: d.place?.building ?? null,
          }));
          await insertDemandViews(db.pool, rows);
          for (const v of viewers as DemandViewer[]) {
            const expected = rows
              .filter((r) =>
                canSeeDemand(v, {
                  submittedBy: r.submittedBy,
                  unitId: r.unitId ?? null,
                  onBehalf: r.onBehalf ?? false,
                  gridId: r.gridId ?? null,
                  estate: r.estate ?? null,
                  building: r.building ?? null,
                  assignedUserId: r.assignedUserId ?? null,
                }),
              )
              .map((r) => r.demandId)
              .sort();
            const page = await listDemands(db.pool, community, v, { limit: 100, offset: 0 });
            expect(page.items.map((i) => i.id).sort()).toEqual(expected);
            expect(page.total).toBe(expected.length);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
