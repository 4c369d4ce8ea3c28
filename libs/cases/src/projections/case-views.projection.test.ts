import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { type CaseCommand, type Party } from '@yishi/domain';
import { EventStore } from '@yishi/event-store';
import { ProjectionRunner, rebuildProjection } from '@yishi/projections';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { until } from '../../../../test/support/wait';
import { CaseRepository, CaseSnapshots, caseStream } from '../case-repository';
import { computeStats, statFactsOf, type CaseStatFacts } from '../stats/stats';
import { communityStats } from '../stats/stats-query';
import { caseViewsProjection } from './case-views.projection';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-02T01:00:00.000Z'); // a Monday
const at = (hours: number) => new Date(T0 + hours * HOUR).toISOString();

/**
 * The case_stats table of the case-views projection against real PostgreSQL: its rows are
 * `statFactsOf` of each case folded from its stream, live, after an upgrade that finds the table
 * missing, and after a rebuild; GET /communities/:id/stats reads them.
 */
describe('case-views projection: case_stats (real PostgreSQL)', () => {
  let db: TestDatabase;
  let store: EventStore;
  let cases: CaseRepository;
  const runners: ProjectionRunner[] = [];
  const log = { info: jest.fn(), warn: jest.fn(), error: jest.fn() };
  const communities = [randomUUID(), randomUUID()] as const;
  const ids: string[] = [];

  const run = (caseId: string, hours: number, command: CaseCommand, party?: Party) =>
    cases.execute(caseId, command, {
      actorId: 'test-stats',
      now: () => at(hours),
      ...(party === undefined ? {} : { party }),
    });
  const open = async (community: string, estate: string, hours: number): Promise<string> => {
    const caseId = randomUUID();
    ids.push(caseId);
    await run(caseId, hours, {
      type: 'OpenCase',
      data: {
        caseId,
        communityId: community,
        mechanism: 'five-party-hall',
        title: '统计投影：楼道照明',
        description: '',
        category: '公共设施',
        scope: { estate, building: '10号楼', entrance: null },
        settings: {
          acknowledgementHours: 48,
          reminderBeforeHours: 12,
          noticePeriodHours: 0,
          evaluationWindowHours: 168,
          satisfactionThreshold: { numerator: 2, denominator: 3 },
        },
      },
    });
    return caseId;
  };
  const acknowledge = (caseId: string, hours: number, ...parties: Party[]) =>
    Promise.all(
      parties.map((party) =>
        run(caseId, hours, { type: 'Acknowledge', data: { party, stage: 'gathering' } }, party),
      ),
    );

  /** Each case folded from its whole stream: the truth the rows must equal. */
  const folded = async () => {
    const truth = new CaseRepository(store, new CaseSnapshots());
    return Promise.all(
      ids.map(async (id) => {
        const { state, version } = await truth.load(id);
        return { state: state!, version };
      }),
    );
  };
  const rows = async () =>
    (
      await db.pool.query<{
        case_id: string;
        community_id: string;
        estate: string;
        opened_at: Date;
        version: string;
        facts: CaseStatFacts;
      }>('SELECT * FROM case_stats ORDER BY case_id')
    ).rows.map((r) => ({
      caseId: r.case_id,
      communityId: r.community_id,
      estate: r.estate,
      openedAt: r.opened_at.toISOString(),
      version: Number(r.version),
      facts: r.facts,
    }));
  const expected = async () =>
    (await folded())
      .map(({ state, version }) => ({
        caseId: state.id,
        communityId: state.communityId,
        estate: state.scope.estate,
        openedAt: state.openedAt,
        version,
        facts: statFactsOf(state),
      }))
      .sort((a, b) => (a.caseId < b.caseId ? -1 : 1));
  // Deep equality: jsonb keeps no key order.
  const caughtUp = async () => isDeepStrictEqual(await rows().catch(() => []), await expected());

  const startRunner = () => {
    const runner = new ProjectionRunner({
      databaseUrl: db.url,
      store,
      projection: caseViewsProjection,
      batchSize: 7,
      pollMs: 10,
      standbyRetryMs: 100,
      log,
    });
    runners.push(runner);
    runner.start();
    return runner;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new EventStore(db.pool);
    cases = new CaseRepository(store);

    // Community 0, 金泰和庄: acknowledged on time and advanced; escalated, rated and withdrawn;
    // untouched. 丽景苑: one acknowledgement late. Community 1: one case.
    const a = await open(communities[0], '金泰和庄', 0);
    await run(a, 1, {
      type: 'SubmitDemand',
      data: { demandId: randomUUID(), content: '楼道灯不亮', source: 'online' },
    });
    await acknowledge(a, 2, 'party-organisation', 'resident-representatives', 'property-company');
    await acknowledge(a, 3, 'owners-committee', 'partner-units');
    await run(a, 30, { type: 'EvaluateAdvance', data: { to: 'analysis' } });

    const b = await open(communities[0], '金泰和庄', 24);
    await acknowledge(b, 25, 'party-organisation');
    await run(b, 73, {
      type: 'EscalateParty',
      data: { party: 'property-company', stage: 'gathering' },
    });
    await run(b, 74, {
      type: 'RateEscalation',
      data: { escalationId: 'ack_1_property-company', rating: 'satisfied' },
    });
    await run(b, 75, { type: 'CloseCase', data: { outcome: 'withdrawn' } });

    await open(communities[0], '金泰和庄', 48);
    const d = await open(communities[0], '丽景苑', 72);
    await acknowledge(d, 200, 'resident-representatives');
    await open(communities[1], '金泰和庄', 10);
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
  });
  afterAll(async () => {
    await db.drop();
  });

  it('holds statFactsOf each folded case, and the statistics come from it', async () => {
    startRunner();
    await until(caughtUp, 15_000, 'case_stats to equal the folded cases');
    expect(await rows()).toHaveLength(5);

    // The community's cohort, one estate, a range: as computeStats over the folded cases.
    const all = await folded();
    const asOf = at(1_000);
    const cohort = (estate: string | null, from: number, to: number) =>
      all
        .map((f) => f.state)
        .filter(
          (c) =>
            c.communityId === communities[0] &&
            (estate === null || c.scope.estate === estate) &&
            c.openedAt >= at(from) &&
            c.openedAt < at(to),
        )
        .sort((x, y) => x.openedAt.localeCompare(y.openedAt))
        .map((c) => statFactsOf(c));
    const stats = await communityStats(db.pool, communities[0], { from: null, to: null }, asOf);
    expect(stats).toMatchObject({ ...computeStats(cohort(null, 0, 1e6), asOf) });
    expect(stats.cases).toEqual({ opened: 4, open: 3, closed: 1 });
    expect(stats.escalations).toBe(1);
    expect(stats.estates.map((e) => [e.estate, e.cases.opened])).toEqual([
      ['金泰和庄', 3],
      ['丽景苑', 1],
    ]);
    const one = await communityStats(
      db.pool,
      communities[0],
      { from: at(24), to: at(73), estate: '金泰和庄' },
      asOf,
    );
    expect(one).toMatchObject({
      estate: '金泰和庄',
      ...computeStats(cohort('金泰和庄', 24, 73), asOf),
    });
    expect(one.cases.opened).toBe(2);
  });

  it('fills case_stats at leadership when an upgrade finds only case_views', async () => {
    const first = startRunner();
    await until(caughtUp, 15_000, 'case_stats to equal the folded cases');
    await first.stop();
    // A deployment from before case_stats: the checkpoint is at the head, the table missing.
    await db.pool.query('DROP TABLE case_stats');
    log.info.mockClear();
    startRunner();
    await until(caughtUp, 15_000, 'the upgrade to fill case_stats');
    expect(log.info).toHaveBeenCalledWith(
      expect.objectContaining({ rows: 5 }),
      'filled rows missing from an added table',
    );
    // And the runner carries on writing both tables.
    await acknowledge(ids[2]!, 300, 'party-organisation');
    await until(caughtUp, 15_000, 'case_stats after a new event');
    const version = (
      await db.pool.query<{ version: string }>(
        'SELECT version FROM case_views WHERE case_id = $1',
        [ids[2]],
      )
    ).rows[0]!.version;
    expect(Number(version)).toBe((await store.readStream(caseStream(ids[2]!))).length);
  });

  it('a rebuild writes both tables from the log, under the same names', async () => {
    const objects = async () =>
      (
        await db.pool.query<{ name: string }>(
          `SELECT relname AS name FROM pg_class WHERE relname LIKE 'case\\_stats%' ORDER BY 1`,
        )
      ).rows.map((r) => r.name);
    await caseViewsProjection.createTables(db.pool, {
      case_views: 'case_views',
      case_stats: 'case_stats',
    });
    const before = await objects();
    expect(before).toEqual(['case_stats', 'case_stats_cohort', 'case_stats_pkey']);
    await db.pool.query('DELETE FROM case_stats'); // wrong until rebuilt
    await rebuildProjection(db.url, store, caseViewsProjection, log, { batchSize: 5 });
    expect(await caughtUp()).toBe(true);
    expect(await objects()).toEqual(before);
  });
});
