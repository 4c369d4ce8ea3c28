import { randomUUID } from 'node:crypto';
import { ValidationError, WrongStageError } from '@yishi/domain';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { BindingRequestsRepository } from '../bindings/binding-requests.repository';
import { seedCommunity } from '../registry.fixtures';
import { ReviewBindingRequestCommand } from './review-binding-request.command';
import { ReviewBindingRequestHandler } from './review-binding-request.handler';

/** The secretary's review of a binding request: the handler and its repository on PostgreSQL. */
describe('ReviewBindingRequestHandler (real PostgreSQL)', () => {
  let db: TestDatabase;
  let requests: BindingRequestsRepository;
  let review: ReviewBindingRequestHandler;

  beforeAll(async () => {
    db = await createTestDatabase();
    requests = new BindingRequestsRepository(db.pool);
    review = new ReviewBindingRequestHandler(requests);
  });
  afterAll(async () => {
    await db.drop();
  });

  const pending = async () => {
    const c = await seedCommunity(db.pool, { rooms: ['201'], residents: ['asker'] });
    const request = await requests.create({
      communityId: c.communityId,
      userId: c.userIds[0]!,
      unitId: c.unitIds[0]!,
      evidence: {
        storageKey: `${c.communityId}/${randomUUID()}`,
        contentType: 'application/pdf',
        sizeBytes: 4,
        sha256: '0'.repeat(64),
        fileName: null,
      },
    });
    return { c, request };
  };

  it('approves: the resident is bound and the request decided once', async () => {
    const { c, request } = await pending();
    const decided = await review.execute(
      new ReviewBindingRequestCommand(
        c.communityId,
        c.secretaryId,
        request.id,
        'approve',
        undefined,
      ),
    );
    expect(decided).toMatchObject({ status: 'approved', decidedBy: c.secretaryId });
    expect(decided.bindingId).not.toBeNull();
    const { rows } = await db.pool.query(
      `SELECT method FROM unit_bindings WHERE id = $1 AND unbound_at IS NULL`,
      [decided.bindingId],
    );
    expect(rows).toEqual([{ method: 'secretary-approval' }]);
    await expect(
      review.execute(
        new ReviewBindingRequestCommand(c.communityId, c.secretaryId, request.id, 'reject', 'x'),
      ),
    ).rejects.toBeInstanceOf(WrongStageError);
  });

  it('rejects only with a reason, and binds no one', async () => {
    const { c, request } = await pending();
    await expect(
      review.execute(
        new ReviewBindingRequestCommand(c.communityId, c.secretaryId, request.id, 'reject', ' '),
      ),
    ).rejects.toBeInstanceOf(ValidationError);
    const decided = await review.execute(
      new ReviewBindingRequestCommand(
        c.communityId,
        c.secretaryId,
        request.id,
        'reject',
        '证件照片不清楚',
      ),
    );
    expect(decided).toMatchObject({
      status: 'rejected',
      reason: '证件照片不清楚',
      bindingId: null,
    });
  });
});
