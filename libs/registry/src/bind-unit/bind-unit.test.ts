import { randomBytes } from 'node:crypto';
import { BindingMismatchError, RateLimitedError } from '@yishi/domain';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { BindingAttempts, BINDING_USER_FAILURES } from '../bindings/binding-attempts';
import { BindingHasher } from '../bindings/binding-hasher';
import { OwnerIdentitiesRepository } from '../bindings/owner-identities.repository';
import { UnitBindingsRepository } from '../bindings/unit-bindings.repository';
import { RecordOwnerIdentityCommand } from '../record-owner-identity/record-owner-identity.command';
import { RecordOwnerIdentityHandler } from '../record-owner-identity/record-owner-identity.handler';
import { ownerIdentity, seedCommunity } from '../registry.fixtures';
import { BindUnitCommand } from './bind-unit.command';
import { BindUnitHandler } from './bind-unit.handler';

/** Binding by the registry's numbers: the handler and its repositories on real PostgreSQL. */
describe('BindUnitHandler (real PostgreSQL)', () => {
  let db: TestDatabase;
  let record: RecordOwnerIdentityHandler;
  let bind: BindUnitHandler;

  beforeAll(async () => {
    db = await createTestDatabase();
    const hasher = new BindingHasher(randomBytes(32));
    const identities = new OwnerIdentitiesRepository(db.pool, hasher);
    record = new RecordOwnerIdentityHandler(identities);
    bind = new BindUnitHandler(
      new UnitBindingsRepository(db.pool),
      identities,
      new BindingAttempts(db.pool),
    );
  });
  afterAll(async () => {
    await db.drop();
  });

  it('binds on a match, recording the resident as an owner of the unit', async () => {
    // The resident owns 101 in the member list; 111 is bought since, and bound by its numbers.
    const c = await seedCommunity(db.pool, { rooms: ['101', '111'], residents: ['owner'] });
    const unitId = c.unitIds[1]!;
    const [userId] = c.userIds as [string];
    const identity = ownerIdentity();
    await record.execute(
      new RecordOwnerIdentityCommand(c.communityId, c.secretaryId, unitId, identity),
    );
    const bound = await bind.execute(new BindUnitCommand(userId, { unitId, ...identity }));
    expect(bound).toMatchObject({ unitId, userId, method: 'registry-match', active: true });
    const { rows } = await db.pool.query(
      `SELECT 1 FROM unit_owners WHERE unit_id = $1 AND user_id = $2`,
      [unitId, userId],
    );
    expect(rows).toHaveLength(1);
  });

  it('counts a mismatch, and locks the account at its limit', async () => {
    const c = await seedCommunity(db.pool, { rooms: ['102'], residents: ['guesser'] });
    const [unitId] = c.unitIds as [string];
    const [userId] = c.userIds as [string];
    await record.execute(
      new RecordOwnerIdentityCommand(c.communityId, c.secretaryId, unitId, ownerIdentity()),
    );
    const wrong = () => bind.execute(new BindUnitCommand(userId, { unitId, ...ownerIdentity() }));
    await expect(wrong()).rejects.toMatchObject({
      constructor: BindingMismatchError,
      details: { unitId, attemptsLeft: BINDING_USER_FAILURES - 1 },
    });
    for (let i = 2; i < BINDING_USER_FAILURES; i++)
      await expect(wrong()).rejects.toBeInstanceOf(BindingMismatchError);
    await expect(wrong()).rejects.toBeInstanceOf(RateLimitedError);
    await expect(wrong()).rejects.toBeInstanceOf(RateLimitedError);
  });
});
