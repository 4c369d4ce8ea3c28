import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { DEMAND_STATUSES, ValidationError } from '@yishi/domain';
import { liveTableNames } from '@yishi/projections';
import { insertDemandViews, type DemandViewRow } from '../../../../bench/support/demand-views';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { demandViewsProjection } from '../projections/demand-views.projection';
import { type DemandViewer } from '../demand-audience';
import { type DemandListFilter, type DemandListItem, listDemands } from './demand-list';

/*
 * The list's paging on the read model: a keyset cursor walks every demand once across page
 * boundaries that fall inside runs of equal sort keys (the same instant of receipt, the same
 * deadline), in both sorts, for the secretary and for a grid worker; `total` counts at most 1,001
 * and says when it is not exact; and `sort=due` at a given instant is the order its definition
 * gives (overdue, waiting, elsewhere, finished; then the deadline waited on, receipt, id), as a
 * sort in TypeScript of the same rows computes it.
 */
jest.setTimeout(120_000);

const SECRETARY: DemandViewer = {
  userId: randomUUID(),
  all: true,
  homeUnitIds: [],
  ledUnitIds: [],
  ledBuildings: [],
  gridIds: [],
};
const GRID = randomUUID();
const WORKER: DemandViewer = { ...SECRETARY, userId: randomUUID(), all: false, gridIds: [GRID] };
const AS_OF = '2026-12-10T04:00:00.000Z';
const at = (hours: number): string => new Date(Date.parse(AS_OF) + hours * 3_600_000).toISOString();
/** An instant with microseconds, beyond what a JavaScript Date holds. */
const micro = (hours: number, micros: number): string =>
  `${at(hours).slice(0, -1)}${String(micros).padStart(3, '0')}Z`;

/** An instant as a string that sorts as the instant does (six fractional digits). */
const instantKey = (iso: string): string =>
  iso.replace(/\.(\d+)Z$/, (_, fraction: string) => `.${fraction.padEnd(6, '0')}Z`);
const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const WAITING = ['received', 'accepted', 'assigned', 'refused'];
const ELSEWHERE = ['resolved', 'in-case'];

/** The deadline a demand waits on (CURRENT_DUE): a received one's earlier of the two. */
const current = (r: DemandViewRow): string => {
  const [accept, due] = [instantKey(r.acceptDueAt), instantKey(r.dueAt)];
  return r.status === 'received' && accept < due ? accept : due;
};
const isOverdue = (r: DemandViewRow, asOf: string): boolean =>
  WAITING.includes(r.status) && current(r) < instantKey(asOf);

/** `sort=due` as its definition reads (CASE overdue 0, waiting 1, elsewhere 2, else 3, ...). */
function dueOrder(rows: readonly DemandViewRow[], asOf: string): DemandViewRow[] {
  const group = (r: DemandViewRow) =>
    isOverdue(r, asOf) ? 0 : WAITING.includes(r.status) ? 1 : ELSEWHERE.includes(r.status) ? 2 : 3;
  return [...rows].sort(
    (a, b) =>
      group(a) - group(b) ||
      byKey(current(a), current(b)) ||
      byKey(instantKey(a.receivedAt), instantKey(b.receivedAt)) ||
      byKey(a.demandId, b.demandId),
  );
}

describe('the ledger list: cursor, capped total, sort=due', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    await demandViewsProjection.createTables(db.pool, liveTableNames(demandViewsProjection));
  });

  afterAll(async () => {
    await db?.drop();
  });

  const row = (
    communityId: string,
    i: number,
    over: Partial<DemandViewRow> = {},
  ): DemandViewRow => ({
    demandId: randomUUID(),
    communityId,
    number: `XY-20261207-${String(i + 1).padStart(4, '0')}`,
    content: `第${i}件`,
    category: 'other',
    status: 'received',
    submittedBy: SECRETARY.userId,
    receivedAt: at(-100),
    dueAt: at(50),
    acceptDueAt: at(10),
    ...over,
  });

  /** Every page by cursor: the items in order, and each page's size. */
  async function walk(
    communityId: string,
    viewer: DemandViewer,
    f: Partial<DemandListFilter>,
  ): Promise<{ items: DemandListItem[]; pages: number[] }> {
    const items: DemandListItem[] = [];
    const pages: number[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await listDemands(db.pool, communityId, viewer, {
        limit: 3,
        offset: 0,
        asOf: AS_OF,
        ...f,
        cursor,
      });
      items.push(...page.items);
      pages.push(page.items.length);
      if (page.nextCursor === null) return { items, pages };
      cursor = page.nextCursor;
      expect(pages.length).toBeLessThan(100);
    }
  }

  it('walks every demand once by cursor, across pages inside runs of equal keys', async () => {
    const community = randomUUID();
    // Eleven received in the same microsecond, four more in the next, two in the millisecond
    // before: newest first then by id, page boundaries fall inside each run. Sort=due: seven share
    // one deadline, so receipt and id decide there too.
    const rows = [
      ...Array.from({ length: 11 }, (_, i) =>
        row(community, i, { receivedAt: micro(-1, 500), gridId: i % 2 === 0 ? GRID : null }),
      ),
      ...Array.from({ length: 4 }, (_, i) =>
        row(community, 11 + i, { receivedAt: micro(-1, 501), gridId: GRID }),
      ),
      ...Array.from({ length: 2 }, (_, i) =>
        row(community, 15 + i, { receivedAt: micro(-1.001, 0), acceptDueAt: at(-3) }),
      ),
      ...Array.from({ length: 7 }, (_, i) =>
        row(community, 17 + i, { status: 'assigned', dueAt: at(-2), gridId: GRID }),
      ),
    ];
    await insertDemandViews(db.pool, rows);
    const received = [...rows].sort(
      (a, b) =>
        byKey(instantKey(b.receivedAt), instantKey(a.receivedAt)) || byKey(a.demandId, b.demandId),
    );
    const all = await walk(community, SECRETARY, {});
    expect(all.items.map((i) => i.id)).toEqual(received.map((r) => r.demandId));
    expect(all.pages).toEqual([3, 3, 3, 3, 3, 3, 3, 3]);
    // The same walk in the order of sort=due, and through a grid worker's view.
    const due = await walk(community, SECRETARY, { sort: 'due' });
    expect(due.items.map((i) => i.id)).toEqual(dueOrder(rows, AS_OF).map((r) => r.demandId));
    const mine = rows.filter((r) => r.gridId === GRID);
    const worker = await walk(community, WORKER, { sort: 'due' });
    expect(worker.items.map((i) => i.id)).toEqual(dueOrder(mine, AS_OF).map((r) => r.demandId));
    // A cursor then an offset's page agree with each other.
    const first = await listDemands(db.pool, community, SECRETARY, { limit: 5, offset: 0 });
    const next = await listDemands(db.pool, community, SECRETARY, {
      limit: 5,
      offset: 0,
      cursor: first.nextCursor!,
    });
    const offset = await listDemands(db.pool, community, SECRETARY, { limit: 5, offset: 5 });
    expect(next.items).toEqual(offset.items);
    expect(next.total).toBe(24);
    expect(next.totalExact).toBe(true);
  });

  it('refuses a cursor it did not make, one of the other sort, and one with an offset', async () => {
    const community = randomUUID();
    await insertDemandViews(db.pool, [row(community, 0), row(community, 1)]);
    const list = (f: Partial<DemandListFilter>) =>
      listDemands(db.pool, community, SECRETARY, { limit: 1, offset: 0, ...f });
    const cursor = (await list({})).nextCursor!;
    expect(cursor).toEqual(expect.any(String));
    const refusal = async (f: Partial<DemandListFilter>) => {
      const error = await list(f).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ValidationError);
      const { code, message, details } = error as ValidationError;
      expect(code).toBe('VALIDATION_FAILED');
      expect(details).toEqual({ fields: [{ field: 'cursor', problems: [message] }] });
      return message;
    };
    for (const bad of [
      'nonsense',
      Buffer.from('["received","2026-12-10T04:00:00.000000Z","x"]').toString('base64url'),
      Buffer.from(
        '["due",4,"2026-12-10T04:00:00.000000Z","2026-12-10T04:00:00.000000Z","' +
          randomUUID() +
          '"]',
      ).toString('base64url'),
      Buffer.from('{}').toString('base64url'),
    ])
      expect(await refusal({ cursor: bad })).toBe('翻页标记（cursor）无效，请回到第一页重新查看');
    expect(await refusal({ cursor, sort: 'due' })).toBe(
      '翻页标记（cursor）属于另一种排序方式，请回到第一页重新查看',
    );
    expect(await refusal({ cursor, offset: 1 })).toBe('翻页标记（cursor）与 offset 不能同时使用');
    expect((await list({ cursor })).nextCursor).toBeNull();
  });

  it('counts at most 1,001 rows: past 1,000 the total is a lower bound, said so', async () => {
    const community = randomUUID();
    await insertDemandViews(
      db.pool,
      Array.from({ length: 1_003 }, (_, i) =>
        row(community, i, { status: i < 1_000 ? 'received' : 'closed' }),
      ),
    );
    const list = (f: Partial<DemandListFilter>) =>
      listDemands(db.pool, community, SECRETARY, { limit: 20, offset: 0, ...f });
    expect(await list({})).toMatchObject({ total: 1_000, totalExact: false });
    expect(await list({ offset: 980 })).toMatchObject({ total: 1_000, totalExact: false });
    // Deeper than the cap: at least the rows up to this page's end.
    expect(await list({ offset: 981 })).toMatchObject({ total: 1_001, totalExact: false });
    // The last page of an offset knows the total without counting.
    const last = await list({ offset: 1_000 });
    expect(last).toMatchObject({ total: 1_003, totalExact: true, nextCursor: null });
    expect(last.items).toHaveLength(3);
    expect(await list({ status: 'received' })).toMatchObject({ total: 1_000, totalExact: true });
    expect(await list({ status: 'closed' })).toMatchObject({ total: 3, totalExact: true });
    // Past the end: no rows to vouch for more than the count's 1,001.
    expect(await list({ offset: 2_000 })).toMatchObject({
      items: [],
      total: 1_000,
      totalExact: false,
    });
  });

  it('counts a search to 101: past 100 matches the total is a lower bound', async () => {
    const community = randomUUID();
    await insertDemandViews(
      db.pool,
      Array.from({ length: 130 }, (_, i) =>
        row(community, i, {
          content: i < 103 ? `楼道路灯坏了 第${i}件` : `第${i}件`,
          status: i < 100 ? 'received' : 'closed',
        }),
      ),
    );
    const list = (f: Partial<DemandListFilter>) =>
      listDemands(db.pool, community, SECRETARY, { limit: 20, offset: 0, ...f });
    expect(await list({ q: '路灯' })).toMatchObject({ total: 100, totalExact: false });
    expect(await list({ q: '路灯', status: 'closed' })).toMatchObject({
      total: 3,
      totalExact: true,
    });
    expect(await list({ q: '路灯', offset: 100 })).toMatchObject({ total: 103, totalExact: true });
    // Without a search the cap stays 1,000.
    expect(await list({})).toMatchObject({ total: 130, totalExact: true });
  });

  it('sorts by due at a given instant as its definition does, page by page', async () => {
    // Few distinct instants, so deadlines and receipts tie and land on the instant itself.
    const hour = fc.integer({ min: -3, max: 3 });
    const spec = fc.record({
      status: fc.constantFrom(...DEMAND_STATUSES),
      due: hour,
      acceptDue: hour,
      received: fc.integer({ min: -6, max: -4 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(spec, { minLength: 1, maxLength: 40 }),
        hour,
        fc.integer({ min: 1, max: 7 }),
        async (specs, asOfHour, limit) => {
          const community = randomUUID();
          const rows = specs.map((s, i) =>
            row(community, i, {
              status: s.status,
              dueAt: at(s.due),
              acceptDueAt: at(s.acceptDue),
              receivedAt: at(s.received),
            }),
          );
          await insertDemandViews(db.pool, rows);
          const asOf = at(asOfHour);
          const expected = dueOrder(rows, asOf);
          const walked = await walk(community, SECRETARY, { sort: 'due', asOf, limit });
          expect(walked.items.map((i) => i.id)).toEqual(expected.map((r) => r.demandId));
          expect(walked.items.map((i) => i.overdue)).toEqual(
            expected.map((r) => isOverdue(r, asOf)),
          );
          // Only the overdue, newest first (taken by their deadline, then sorted).
          const late = await walk(community, SECRETARY, { overdue: true, asOf, limit });
          expect(late.items.map((i) => i.id)).toEqual(
            rows
              .filter((r) => isOverdue(r, asOf))
              .sort(
                (a, b) =>
                  byKey(instantKey(b.receivedAt), instantKey(a.receivedAt)) ||
                  byKey(a.demandId, b.demandId),
              )
              .map((r) => r.demandId),
          );
          // An offset's page is the same slice.
          const offset = Math.min(limit, rows.length - 1);
          const paged = await listDemands(db.pool, community, SECRETARY, {
            sort: 'due',
            asOf,
            limit,
            offset,
          });
          expect(paged.items.map((i) => i.id)).toEqual(
            expected.slice(offset, offset + limit).map((r) => r.demandId),
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});
