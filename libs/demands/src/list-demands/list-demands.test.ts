import { randomUUID } from 'node:crypto';
import { liveTableNames } from '@yishi/projections';
import { insertDemandViews } from '../../../../bench/support/demand-views';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { listDemands } from './demand-list';
import { demandViewsProjection } from '../projections/demand-views.projection';

/*
 * The ledger's list on the read model as the secretary reads it: 已超时 (overdue) judged at one
 * instant, the overdue and source filters, and `sort=due` putting the overdue first, then those
 * waiting in the ledger, then those waiting on someone else, each by the deadline it waits on.
 */
jest.setTimeout(60_000);

const COMMUNITY = randomUUID();
const SECRETARY = {
  userId: randomUUID(),
  all: true,
  homeUnitIds: [],
  ledUnitIds: [],
  ledBuildings: [],
  gridIds: [],
};
const AS_OF = '2026-12-10T04:00:00.000Z';
const hoursFromAsOf = (h: number): string =>
  new Date(Date.parse(AS_OF) + h * 3_600_000).toISOString();

interface Row {
  number: string;
  status: string;
  source: string;
  /** The ledger's due (due_at), hours from AS_OF. */
  due: number;
  /** The accept deadline in the folded state, hours from AS_OF. */
  acceptDue: number;
}

const ROWS: Row[] = [
  // received: the accept deadline passed, the resolve deadline far away: overdue.
  { number: 'XY-20261207-0001', status: 'received', source: 'online', due: 120, acceptDue: -2 },
  // received, both deadlines ahead.
  { number: 'XY-20261207-0002', status: 'received', source: 'hotline', due: 120, acceptDue: 5 },
  // received, a hotline ticket's own due already passed though the accept deadline has not.
  { number: 'XY-20261207-0003', status: 'received', source: 'hotline', due: -1, acceptDue: 3 },
  // assigned past its due: overdue; accepted before its due: not.
  { number: 'XY-20261207-0004', status: 'assigned', source: 'online', due: -30, acceptDue: -100 },
  { number: 'XY-20261207-0005', status: 'accepted', source: 'lead', due: 10, acceptDue: -100 },
  // refused (with the secretary) past its due: overdue.
  { number: 'XY-20261207-0006', status: 'refused', source: 'online', due: -5, acceptDue: -100 },
  // resolved and in-case past their due: waiting on someone else, never overdue.
  { number: 'XY-20261207-0007', status: 'resolved', source: 'online', due: -50, acceptDue: -100 },
  { number: 'XY-20261207-0008', status: 'in-case', source: 'lead', due: -60, acceptDue: -100 },
  // finished.
  { number: 'XY-20261207-0009', status: 'closed', source: 'online', due: -70, acceptDue: -100 },
];

describe('the ledger list: overdue, source and sort=due', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    await demandViewsProjection.createTables(db.pool, liveTableNames(demandViewsProjection));
    await insertDemandViews(
      db.pool,
      ROWS.map((r) => ({
        demandId: randomUUID(),
        communityId: COMMUNITY,
        number: r.number,
        content: '内容',
        category: 'other',
        status: r.status,
        source: r.source,
        submittedBy: SECRETARY.userId,
        receivedAt: hoursFromAsOf(-200),
        dueAt: hoursFromAsOf(r.due),
        acceptDueAt: hoursFromAsOf(r.acceptDue),
      })),
    );
  });

  afterAll(async () => {
    await db?.drop();
  });

  const list = (f: Partial<Parameters<typeof listDemands>[3]> = {}) =>
    listDemands(db.pool, COMMUNITY, SECRETARY, { limit: 50, offset: 0, asOf: AS_OF, ...f });
  const numbers = (items: { number: string }[]) => items.map((i) => i.number.slice(-1));

  it('marks the overdue at the instant asked, and filters on it', async () => {
    const all = await list();
    expect(all.total).toBe(9);
    expect(numbers(all.items.filter((i) => i.overdue)).sort()).toEqual(['1', '3', '4', '6']);
    const overdue = await list({ overdue: true });
    expect(overdue.total).toBe(4);
    expect(numbers(overdue.items).sort()).toEqual(['1', '3', '4', '6']);
    expect((await list({ overdue: false })).total).toBe(5);
    // A day earlier nothing but the assigned one (due 30 hours before AS_OF) was late.
    expect(numbers((await list({ overdue: true, asOf: hoursFromAsOf(-24) })).items)).toEqual(['4']);
    const first = all.items.find((i) => i.number.endsWith('1'))!;
    expect(first.acceptDueAt).toBe(hoursFromAsOf(-2));
  });

  it('filters by source, with the other filters', async () => {
    expect(numbers((await list({ source: 'hotline' })).items).sort()).toEqual(['2', '3']);
    expect(numbers((await list({ source: 'hotline', overdue: true })).items)).toEqual(['3']);
    expect(numbers((await list({ source: 'lead', status: 'in-case' })).items)).toEqual(['8']);
  });

  it('sorts by due: overdue, waiting, elsewhere, finished; each by its current deadline', async () => {
    const due = await list({ sort: 'due' });
    // Overdue by the deadline they wait on: 4 (-30), 6 (-5), 1 (accept -2), 3 (hotline due -1);
    // then waiting: 2 (accept +5), 5 (+10); then resolved and in-case: 8 (-60), 7 (-50); closed.
    expect(numbers(due.items)).toEqual(['4', '6', '1', '3', '2', '5', '8', '7', '9']);
    const paged = await list({ sort: 'due', limit: 3, offset: 3 });
    expect(numbers(paged.items)).toEqual(['3', '2', '5']);
    expect(paged.total).toBe(9);
  });
});
