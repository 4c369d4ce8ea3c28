import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import {
  decideDemand,
  DEFAULT_DEMAND_SETTINGS,
  demandSummaryOf,
  demandYardsticks,
  evolveDemand,
  formatDemandNumber,
  initialDemandState,
  type DemandCommand,
  type DemandEvent,
  type DemandState,
  type LedgerDemand,
} from '@yishi/domain';
import { type RecordedEvent } from '@yishi/event-store';
import { liveTableNames } from '@yishi/projections';
import { DEMAND_RATES, type DemandFigures } from '@yishi/cases';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { demandStream } from '../demand-repository';
import { demandViewsProjection } from '../projections/demand-views.projection';
import { demandStats } from './demand-stats';

/*
 * The statistics' SQL (roll-up of whole days, the demands the clock moved since, the cut ends
 * counted live) against the domain's demandYardsticks over the same demands' folded states, for
 * random ledgers (received over ten days, every path of the lifecycle, the projection fed in
 * several batches so the roll-up is moved, not just filled) and random ranges, estates and
 * instants, including ranges that cut a day and ones within a day; and random property companies
 * of the registry's estates (several estates of one, estates of none), grouped per company.
 */
jest.setTimeout(120_000);

const T0 = Date.parse('2026-11-30T00:00:00+08:00');
const HOUR = 3_600_000;
const COMMUNITY = randomUUID();
const GRIDS = [randomUUID(), randomUUID(), null] as const;
const ESTATES = ['金泰和庄', '学苑小区', '秀谷花园', '金溪花园', null] as const;
/** What each estate names as its property company, drawn per run: four estates, so two share one. */
const COMPANIES = ['金泰物业', '秀谷物业', null] as const;
const CATEGORIES = ['public-facilities', 'parking', 'noise'] as const;
const WORKER = randomUUID();
const CASE = randomUUID();
let numbered = 0;

type Step =
  | 'accept'
  | 'assign'
  | 'resolve'
  | 'satisfied'
  | 'basically-satisfied'
  | 'dissatisfied'
  | 'lapse'
  | 'withdraw'
  | 'escalate'
  | 'close-with-case';

const stepCommand = (step: Step): DemandCommand => {
  switch (step) {
    case 'accept':
      return { type: 'AcceptDemand', data: {} };
    case 'assign':
      return { type: 'AssignDemand', data: { party: 'property-company' } };
    case 'resolve':
      return { type: 'ResolveDemand', data: { note: '已处理' } };
    case 'satisfied':
    case 'basically-satisfied':
    case 'dissatisfied':
      return { type: 'ConfirmDemand', data: { rating: step, recordedBy: 'submitter' } };
    case 'lapse':
      return { type: 'LapseConfirmation', data: {} };
    case 'withdraw':
      return { type: 'WithdrawDemand', data: { reason: '已自行解决' } };
    case 'escalate':
      return { type: 'EscalateDemand', data: { caseId: CASE } };
    case 'close-with-case':
      return { type: 'CloseWithCase', data: { caseId: CASE, outcome: 'resolved' } };
  }
};

/** The ways a demand goes: each plan takes one, with random gaps and projection batches. */
const PATHS: readonly (readonly Step[])[] = [
  [],
  ['accept'],
  ['accept', 'assign'],
  ['accept', 'assign', 'resolve'],
  ['accept', 'assign', 'resolve', 'satisfied'],
  ['accept', 'resolve', 'basically-satisfied'],
  ['accept', 'assign', 'resolve', 'dissatisfied'],
  ['accept', 'assign', 'resolve', 'dissatisfied', 'resolve', 'satisfied'],
  ['accept', 'resolve', 'dissatisfied', 'resolve', 'lapse'],
  ['accept', 'assign', 'resolve', 'lapse'],
  ['withdraw'],
  ['accept', 'withdraw'],
  ['escalate'],
  ['escalate', 'close-with-case'],
  ['accept', 'assign', 'escalate', 'close-with-case'],
];

const plan = fc.record({
  receivedHours: fc.double({ min: 0, max: 240, noNaN: true }),
  grid: fc.integer({ min: 0, max: 2 }),
  estate: fc.integer({ min: 0, max: ESTATES.length - 1 }),
  category: fc.integer({ min: 0, max: 2 }),
  path: fc.integer({ min: 0, max: PATHS.length - 1 }),
  gaps: fc.array(fc.double({ min: 0, max: 120, noNaN: true }), { minLength: 6, maxLength: 6 }),
  batches: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 6, maxLength: 6 }),
});

interface PlanShape {
  receivedHours: number;
  grid: number;
  estate: number;
  category: number;
  path: number;
  gaps: number[];
  batches: number[];
}

/** A demand played through the decider: its events, each with the batch it reaches the projection in. */
function play(p: PlanShape): {
  events: { event: DemandEvent; batch: number }[];
  demand: LedgerDemand;
} {
  const demandId = randomUUID();
  const submitter = randomUUID();
  let state: DemandState = initialDemandState();
  let now = T0 + p.receivedHours * HOUR;
  const events: { event: DemandEvent; batch: number }[] = [];
  const run = (command: DemandCommand, actorId: string, batch: number): void => {
    let decided: DemandEvent[];
    try {
      decided = decideDemand(state, command, {
        now: new Date(now).toISOString(),
        actorId,
        gridIds: GRIDS.filter((g) => g !== null),
      });
    } catch (error) {
      // A step not allowed in this state: the plan goes on without it.
      if (command.type === 'ReceiveDemand') throw error;
      return;
    }
    for (const event of decided) {
      state = evolveDemand(state, event);
      events.push({ event, batch });
    }
  };
  const estate = ESTATES[p.estate]!;
  run(
    {
      type: 'ReceiveDemand',
      data: {
        demandId,
        communityId: COMMUNITY,
        number: formatDemandNumber('XY', new Date(now).toISOString(), ++numbered),
        content: '路灯不亮',
        category: CATEGORIES[p.category]!,
        place: estate === null ? null : { estate, building: '12号楼' },
        gridId: GRIDS[p.grid]!,
        source: 'online',
        settings: DEFAULT_DEMAND_SETTINGS,
      },
    },
    submitter,
    0,
  );
  let batch = 0;
  PATHS[p.path]!.forEach((step, i) => {
    now += p.gaps[i]! * HOUR;
    batch = Math.max(batch, p.batches[i]!);
    const actor = ['satisfied', 'basically-satisfied', 'dissatisfied', 'withdraw'].includes(step)
      ? submitter
      : WORKER;
    run(stepCommand(step), actor, batch);
  });
  if (state === null) throw new Error('the plan received no demand');
  return { events, demand: state };
}

/** The oracle: the domain's arithmetic over the folded states, grouped as the API groups. */
function oracle(
  demands: readonly LedgerDemand[],
  range: { from: string | null; to: string | null; estate: string | null },
  asOf: string,
  companies: ReadonlyMap<string, string | null>,
) {
  const inRange = demands.filter(
    (d) =>
      (range.from === null || d.receivedAt >= range.from) &&
      (range.to === null || d.receivedAt < range.to) &&
      (range.estate === null || d.place?.estate === range.estate),
  );
  const figures = (group: readonly LedgerDemand[]): DemandFigures => {
    const y = demandYardsticks(group.map(demandSummaryOf), asOf);
    return {
      received: y.received,
      closed: y.closed,
      reopened: y.reopened,
      ...(Object.fromEntries(DEMAND_RATES.map((r) => [r, y[r].rate])) as Record<
        (typeof DEMAND_RATES)[number],
        number | null
      >),
      bases: Object.fromEntries(
        DEMAND_RATES.map((r) => [r, { numerator: y[r].numerator, denominator: y[r].denominator }]),
      ) as DemandFigures['bases'],
    };
  };
  const by = (keyOf: (d: LedgerDemand) => string | null) => {
    const groups = new Map<string, LedgerDemand[]>();
    for (const d of inRange) {
      const key = keyOf(d);
      if (key !== null) groups.set(key, [...(groups.get(key) ?? []), d]);
    }
    return [...groups.keys()].sort().map((key) => ({ key, ...figures(groups.get(key)!) }));
  };
  return {
    ...figures(inRange),
    byGrid: by((d) => d.gridId).map(({ key, ...f }) => ({ gridId: key, ...f })),
    byCategory: by((d) => d.category).map(({ key, ...f }) => ({ category: key, ...f })),
    byEstate: by((d) => d.place?.estate ?? null).map(({ key, ...f }) => ({
      estate: key,
      propertyCompany: companies.get(key) ?? null,
      ...f,
    })),
    byPropertyCompany: [...new Set(inRange.filter((d) => d.place !== null).map(companyOf))]
      .sort((a, b) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : 1))
      .map((company) => {
        const group = inRange.filter((d) => d.place !== null && companyOf(d) === company);
        return {
          propertyCompany: company,
          estates: [...new Set(group.map((d) => d.place!.estate))].sort(),
          ...figures(group),
        };
      }),
  };
  function companyOf(d: LedgerDemand): string | null {
    return companies.get(d.place?.estate ?? '') ?? null;
  }
}

describe('the yardsticks in SQL agree with the domain (real PostgreSQL)', () => {
  let db: TestDatabase;
  const tables = liveTableNames(demandViewsProjection);

  beforeAll(async () => {
    db = await createTestDatabase();
    await demandViewsProjection.createTables(db.pool, tables);
    // The registry's estates, whose property companies the statistics group by.
    await db.pool.query(`INSERT INTO communities (id, name) VALUES ($1, '学苑社区')`, [COMMUNITY]);
    await db.pool.query(
      `INSERT INTO estates (id, community_id, name)
       SELECT gen_random_uuid(), $1, name FROM unnest($2::text[]) AS name`,
      [COMMUNITY, ESTATES.filter((e) => e !== null)],
    );
  });

  afterAll(async () => {
    await db.drop();
  });

  it('for random ledgers, ranges, estates and instants', async () => {
    let position = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(plan, { minLength: 1, maxLength: 25 }),
        fc.array(
          fc.record({
            from: fc.option(fc.double({ min: -24, max: 260, noNaN: true })),
            to: fc.option(fc.double({ min: -24, max: 300, noNaN: true })),
            estate: fc.integer({ min: 0, max: ESTATES.length - 1 }),
            asOf: fc.integer({ min: 0, max: 600 }),
            wholeDays: fc.boolean(),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        fc.array(fc.integer({ min: 0, max: COMPANIES.length - 1 }), {
          minLength: ESTATES.length - 1,
          maxLength: ESTATES.length - 1,
        }),
        async (plans: PlanShape[], ranges, companyOfEstate) => {
          await db.pool.query(`TRUNCATE ${tables.demand_views}, ${tables.demand_stats_cells}`);
          const companies = new Map(
            ESTATES.filter((e) => e !== null).map((e, i) => [
              e,
              COMPANIES[companyOfEstate[i]!] ?? null,
            ]),
          );
          for (const [estate, company] of companies)
            await db.pool.query(
              `UPDATE estates SET property_company = $3 WHERE community_id = $1 AND name = $2`,
              [COMMUNITY, estate, company],
            );
          const played = plans.map(play);
          for (let batch = 0; batch <= 2; batch++) {
            const recorded: RecordedEvent[] = played.flatMap(({ events, demand }) =>
              events
                .map((e, i) => ({ ...e, streamPosition: i + 1 }))
                .filter((e) => e.batch === batch)
                .map(({ event, streamPosition }): RecordedEvent => ({
                  globalPosition: ++position,
                  transactionId: String(position),
                  streamId: demandStream(demand.id),
                  streamPosition,
                  eventId: randomUUID(),
                  type: event.type,
                  schemaVersion: 1,
                  data: event.data,
                  metadata: { occurredAt: new Date(T0).toISOString() } as RecordedEvent['metadata'],
                })),
            );
            if (recorded.length > 0) await demandViewsProjection.apply(db.pool, recorded, tables);
          }
          const demands = played.map((p) => p.demand);
          for (const r of ranges) {
            // Whole days: a range from and to China Standard Time midnights.
            const instant = (hours: number | null) =>
              hours === null
                ? null
                : new Date(
                    T0 + (r.wholeDays ? Math.round(hours / 24) * 24 : hours) * HOUR,
                  ).toISOString();
            const from = instant(r.from);
            const to = instant(r.to);
            if (from !== null && to !== null && from >= to) continue;
            const range = { from, to, estate: ESTATES[r.estate]! };
            const asOf = new Date(T0 + r.asOf * HOUR).toISOString();
            const got = await demandStats(db.pool, COMMUNITY, range, asOf);
            expect(got).toEqual(oracle(demands, range, asOf, companies));
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
