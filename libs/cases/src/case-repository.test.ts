import { randomUUID } from 'node:crypto';
import { AlreadyAcknowledgedError, PARTIES, type CaseCommand, type Party } from '@yishi/domain';
import { EventStore } from '@yishi/event-store';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { CaseRepository, CaseSnapshots, caseStream } from './case-repository';

/** Case snapshots against a real event store: a load is always the whole stream, folded. */
describe('CaseRepository with snapshots (real PostgreSQL)', () => {
  let db: TestDatabase;
  let store: EventStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new EventStore(db.pool);
  });
  afterAll(async () => {
    await db.drop();
  });

  const open = (caseId: string): CaseCommand => ({
    type: 'OpenCase',
    data: {
      caseId,
      communityId: randomUUID(),
      mechanism: 'five-party-hall',
      title: '快照测试：楼道照明',
      description: '',
      category: '公共设施',
      scope: { estate: '金泰和庄', building: '10号楼', entrance: null },
      settings: {
        acknowledgementHours: 48,
        reminderBeforeHours: 12,
        noticePeriodHours: 72,
        evaluationWindowHours: 168,
        satisfactionThreshold: { numerator: 2, denominator: 3 },
      },
    },
  });
  const acknowledge = (party: Party): CaseCommand => ({
    type: 'Acknowledge',
    data: { party, stage: 'gathering' },
  });
  const actor = { actorId: 'test-snapshots' };
  /** The truth: a fold of the whole stream, with no snapshot at all. */
  const fresh = (caseId: string) => new CaseRepository(store, new CaseSnapshots()).load(caseId);

  it('a load sees what any writer appended after the snapshot, and equals a fold from scratch', async () => {
    const caseId = randomUUID();
    const snapshots = new CaseSnapshots();
    const reader = new CaseRepository(store, snapshots);
    // Another process: its own snapshots, so ours cannot know what it appends.
    const writer = new CaseRepository(store, new CaseSnapshots());
    expect(await reader.load(caseId)).toEqual({ state: null, version: 0 });
    expect(snapshots.size).toBe(0);

    await writer.execute(caseId, open(caseId), actor);
    const first = await reader.load(caseId);
    expect(first.version).toBeGreaterThan(0);
    expect(snapshots.get(caseId)).toBe(first);

    for (const party of PARTIES.slice(0, 2))
      await writer.execute(caseId, acknowledge(party), { ...actor, party });
    // Straight through the store too, as any other code could.
    const head = (await store.readStream(caseStream(caseId))).length;
    const second = await reader.load(caseId);
    expect(second.version).toBe(head);
    expect(second).toEqual(await fresh(caseId));
    expect(second.state?.parties.filter((p) => p.acknowledgedStages.length > 0)).toHaveLength(2);
    // Nothing new: the same snapshot, still checked against the stream's head.
    expect(await reader.load(caseId)).toBe(second);
  });

  it('execute decides on the latest state: a stale `loaded` is a version conflict, then reloaded', async () => {
    const caseId = randomUUID();
    const repo = new CaseRepository(store, new CaseSnapshots());
    await repo.execute(caseId, open(caseId), actor);
    const stale = await repo.load(caseId);
    await new CaseRepository(store, new CaseSnapshots()).execute(
      caseId,
      acknowledge('owners-committee'),
      { ...actor, party: 'owners-committee' },
    );
    // Decided on the stale state first (where the 签收 is new: its append conflicts), then on the
    // reloaded one, where the party has signed already.
    await expect(
      repo.execute(caseId, acknowledge('owners-committee'), {
        ...actor,
        party: 'owners-committee',
        loaded: stale,
      }),
    ).rejects.toThrow(AlreadyAcknowledgedError);
    expect((await store.readStream(caseStream(caseId))).length).toBe(stale.version + 1);
  });

  it('keeps the newest snapshot and forgets the least recently used beyond its capacity', async () => {
    const snapshots = new CaseSnapshots(2);
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const repo = new CaseRepository(store, snapshots);
    for (const id of ids) await repo.execute(id, open(id), actor);
    const a = await repo.load(ids[0]!);
    await repo.load(ids[1]!);
    snapshots.get(ids[0]!); // used again: ids[1] is now the least recently used
    await repo.load(ids[2]!);
    expect(snapshots.size).toBe(2);
    expect(snapshots.get(ids[1]!)).toBeUndefined();
    expect(snapshots.get(ids[0]!)).toBe(a);
    // An older load finishing late never replaces a newer snapshot.
    await repo.execute(ids[0]!, acknowledge('property-company'), {
      ...actor,
      party: 'property-company',
    });
    const newer = await repo.load(ids[0]!);
    snapshots.put(ids[0]!, a);
    expect(snapshots.get(ids[0]!)).toBe(newer);
  });
});
