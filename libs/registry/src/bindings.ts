import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { type Pool, type PoolClient } from 'pg';
import {
  AlreadyExistsError,
  BindingMismatchError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  ValidationError,
  WrongStageError,
  normaliseCertificateNumber,
  normaliseIdNumber,
} from '@yishi/domain';
import { inTransaction, uniqueViolation } from '@yishi/database';
import { recordAudit } from './audit';

/*
 * Real-name binding (实名绑定, docs/voting.md): a resident account may cast a unit's own ballot
 * only once bound to the unit, by matching the owner's certificate and ID numbers against what the
 * secretary recorded, or by the secretary's approval of a request with evidence. The numbers are
 * kept only as HMAC-SHA256 under a server pepper and a salt of the row; nothing here returns,
 * logs or audits them, or their hashes.
 */

/** Failed matches within the window that lock the account (per user) or the unit (per unit). */
export const BINDING_USER_FAILURES = 5;
export const BINDING_UNIT_FAILURES = 10;
const WINDOW = '15 minutes';
const LOCK_SECONDS = 15 * 60;

const MAX_REASON = 500;

/** HMAC of the normalised numbers, keyed by the server pepper; each row has its own salt. */
export class BindingHasher {
  constructor(private readonly pepper: Buffer) {
    if (pepper.length < 32) throw new Error('the binding pepper must be at least 32 bytes');
  }

  hash(salt: Buffer, kind: 'certificate' | 'id-number', normalised: string): Buffer {
    return createHmac('sha256', this.pepper)
      .update(`${kind}\u0000`)
      .update(salt)
      .update(normalised, 'utf8')
      .digest();
  }
}

/** What a secretary records for one owner of a unit; normalised and hashed at once. */
export interface OwnerIdentityInput {
  readonly certificateNumber: unknown;
  readonly idNumber: unknown;
}

/** A recorded owner identity as the API shows it: never a number, never a hash. */
export interface OwnerIdentityView {
  readonly id: string;
  readonly unitId: string;
  readonly recordedAt: string;
  readonly recordedBy: string | null;
  /** An account is bound to the unit through this record now. */
  readonly bound: boolean;
}

export type BindingMethod = 'registry-match' | 'secretary-approval';

export interface UnitBindingView {
  readonly id: string;
  readonly communityId: string;
  readonly unitId: string;
  readonly unit: { estate: string; building: string; entrance: string; room: string };
  readonly userId: string;
  readonly method: BindingMethod;
  readonly boundAt: string;
  readonly boundBy: string | null;
  readonly unboundAt: string | null;
  readonly unboundBy: string | null;
  readonly active: boolean;
}

export type BindingRequestStatus = 'pending' | 'approved' | 'rejected';

export interface BindingRequestView {
  readonly id: string;
  readonly communityId: string;
  readonly unitId: string;
  readonly userId: string;
  readonly status: BindingRequestStatus;
  readonly evidence: {
    readonly url: string;
    readonly contentType: string;
    readonly sizeBytes: number;
    readonly sha256: string;
    readonly fileName: string | null;
  };
  readonly createdAt: string;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
  readonly reason: string | null;
}

/** The fields these refusals name, as people call them. */
const FIELD_TEXT: Readonly<Record<string, string>> = { reason: '理由', owners: '业主名单' };

function invalid(field: string, problem: string): ValidationError {
  return new ValidationError(`${FIELD_TEXT[field] ?? field}填写有误（${problem}）`, {
    fields: [{ field, problems: [problem] }],
  });
}

function normaliseIdentity(input: OwnerIdentityInput): { certificate: string; id: string } {
  return {
    certificate: normaliseCertificateNumber(input.certificateNumber),
    id: normaliseIdNumber(input.idNumber),
  };
}

async function unitCommunity(db: Pool | PoolClient, unitId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ community_id: string }>(
    `SELECT community_id FROM units WHERE id = $1`,
    [unitId],
  );
  return rows[0]?.community_id;
}

async function unitOf(db: Pool | PoolClient, communityId: string, unitId: string): Promise<void> {
  if ((await unitCommunity(db, unitId)) !== communityId)
    throw new NotFoundError('找不到该房屋', { unitId });
}

interface IdentityRow {
  id: string;
  salt: Buffer;
  certificate_hash: Buffer;
  id_number_hash: Buffer;
}

/** The recorded identity of `unitId` matching both numbers, compared in constant time. */
function matching(
  hasher: BindingHasher,
  rows: readonly IdentityRow[],
  identity: { certificate: string; id: string },
): IdentityRow | undefined {
  let found: IdentityRow | undefined;
  for (const r of rows) {
    const certificate = timingSafeEqual(
      hasher.hash(r.salt, 'certificate', identity.certificate),
      r.certificate_hash,
    );
    const id = timingSafeEqual(hasher.hash(r.salt, 'id-number', identity.id), r.id_number_hash);
    if (certificate && id && found === undefined) found = r;
  }
  return found;
}

async function identitiesOf(db: Pool | PoolClient, unitId: string, lock = false) {
  const { rows } = await db.query<IdentityRow>(
    `SELECT id, salt, certificate_hash, id_number_hash FROM unit_owner_identities
      WHERE unit_id = $1 AND removed_at IS NULL ORDER BY recorded_at, id ${lock ? 'FOR UPDATE' : ''}`,
    [unitId],
  );
  return rows;
}

/**
 * The secretary records one owner of a unit: the certificate and ID numbers, hashed at once.
 * 400 for numbers that cannot be (the ID number's check character is verified), 404 for a unit of
 * another community, 409 ALREADY_EXISTS for the same owner recorded twice for the unit.
 */
export async function recordOwnerIdentity(
  pool: Pool,
  hasher: BindingHasher,
  communityId: string,
  actorId: string | null,
  unitId: string,
  input: OwnerIdentityInput,
  db?: PoolClient,
): Promise<OwnerIdentityView> {
  const identity = normaliseIdentity(input);
  const work = async (client: PoolClient): Promise<OwnerIdentityView> => {
    await unitOf(client, communityId, unitId);
    // Serialises records of one unit, so the duplicate check sees committed rows.
    await client.query(`SELECT 1 FROM units WHERE id = $1 FOR NO KEY UPDATE`, [unitId]);
    if (matching(hasher, await identitiesOf(client, unitId), identity) !== undefined)
      throw new AlreadyExistsError('该业主的证件信息已登记', { unitId });
    const salt = randomBytes(16);
    const { rows } = await client.query<{ id: string; recorded_at: Date }>(
      `INSERT INTO unit_owner_identities
         (id, community_id, unit_id, salt, certificate_hash, id_number_hash, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, recorded_at`,
      [
        randomUUID(),
        communityId,
        unitId,
        salt,
        hasher.hash(salt, 'certificate', identity.certificate),
        hasher.hash(salt, 'id-number', identity.id),
        actorId,
      ],
    );
    const row = rows[0]!;
    await recordAudit(client, {
      communityId,
      actorId,
      action: 'owner-identity.recorded',
      entity: 'unit',
      entityId: unitId,
      data: { identityId: row.id },
    });
    return {
      id: row.id,
      unitId,
      recordedAt: row.recorded_at.toISOString(),
      recordedBy: actorId,
      bound: false,
    };
  };
  return db === undefined ? inTransaction(pool, work) : work(db);
}

/** The owner identities recorded for a unit, oldest first: ids and dates only. */
export async function listOwnerIdentities(
  db: Pool,
  communityId: string,
  unitId: string,
): Promise<OwnerIdentityView[]> {
  await unitOf(db, communityId, unitId);
  const { rows } = await db.query<{
    id: string;
    recorded_at: Date;
    recorded_by: string | null;
    bound: boolean;
  }>(
    `SELECT i.id, i.recorded_at, i.recorded_by,
            EXISTS (SELECT 1 FROM unit_bindings b
                     WHERE b.identity_id = i.id AND b.unbound_at IS NULL) AS bound
       FROM unit_owner_identities i
      WHERE i.unit_id = $1 AND i.removed_at IS NULL ORDER BY i.recorded_at, i.id`,
    [unitId],
  );
  return rows.map((r) => ({
    id: r.id,
    unitId,
    recordedAt: r.recorded_at.toISOString(),
    recordedBy: r.recorded_by,
    bound: r.bound,
  }));
}

/**
 * After a binding: the account is an owner of the unit (unit_owners) and holds the resident role,
 * so later electorates count them. Returns whether either was added.
 */
async function ensureOwner(
  client: PoolClient,
  communityId: string,
  userId: string,
  unitId: string,
): Promise<boolean> {
  const owner = await client.query(
    `INSERT INTO unit_owners (unit_id, user_id, community_id) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING`,
    [unitId, userId, communityId],
  );
  const role = await client.query(
    `UPDATE memberships SET roles = array_append(roles, 'resident'), updated_at = now()
      WHERE community_id = $1 AND user_id = $2 AND NOT ('resident' = ANY (roles))`,
    [communityId, userId],
  );
  return (owner.rowCount ?? 0) + (role.rowCount ?? 0) > 0;
}

interface BindingRow {
  id: string;
  community_id: string;
  unit_id: string;
  user_id: string;
  method: BindingMethod;
  bound_by: string | null;
  bound_at: Date;
  unbound_at: Date | null;
  unbound_by: string | null;
  estate: string;
  building: string;
  entrance: string;
  room: string;
}

const BINDING_SELECT = `
  SELECT b.id, b.community_id, b.unit_id, b.user_id, b.method, b.bound_by, b.bound_at,
         b.unbound_at, b.unbound_by, e.name AS estate, bl.name AS building, n.name AS entrance,
         u.room
    FROM unit_bindings b
    JOIN units u ON u.id = b.unit_id
    JOIN entrances n ON n.id = u.entrance_id
    JOIN buildings bl ON bl.id = n.building_id
    JOIN estates e ON e.id = bl.estate_id`;

function bindingView(r: BindingRow): UnitBindingView {
  return {
    id: r.id,
    communityId: r.community_id,
    unitId: r.unit_id,
    unit: { estate: r.estate, building: r.building, entrance: r.entrance, room: r.room },
    userId: r.user_id,
    method: r.method,
    boundAt: r.bound_at.toISOString(),
    boundBy: r.bound_by,
    unboundAt: r.unbound_at?.toISOString() ?? null,
    unboundBy: r.unbound_by,
    active: r.unbound_at === null,
  };
}

async function readBinding(db: Pool | PoolClient, id: string): Promise<UnitBindingView> {
  const { rows } = await db.query<BindingRow>(`${BINDING_SELECT} WHERE b.id = $1`, [id]);
  return bindingView(rows[0]!);
}

/** Inserts an active binding; 409 ALREADY_EXISTS when the account or the identity is bound. */
async function insertBinding(
  client: PoolClient,
  b: {
    communityId: string;
    unitId: string;
    userId: string;
    method: BindingMethod;
    identityId?: string;
    requestId?: string;
    boundBy: string | null;
  },
): Promise<string> {
  const id = randomUUID();
  try {
    await client.query('SAVEPOINT bind');
    await client.query(
      `INSERT INTO unit_bindings
         (id, community_id, unit_id, user_id, method, identity_id, request_id, bound_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        id,
        b.communityId,
        b.unitId,
        b.userId,
        b.method,
        b.identityId ?? null,
        b.requestId ?? null,
        b.boundBy,
      ],
    );
    await client.query('RELEASE SAVEPOINT bind');
  } catch (error) {
    const constraint = uniqueViolation(error);
    if (constraint === 'unit_bindings_active')
      throw new AlreadyExistsError('您已绑定该房屋', { unitId: b.unitId });
    if (constraint === 'unit_bindings_identity_active')
      throw new AlreadyExistsError('该业主身份已绑定其他账号，请联系社区书记', {
        unitId: b.unitId,
      });
    throw error;
  }
  return id;
}

const attemptKeys = (userId: string, unitId: string): [string, string] => [
  `user:${userId}`,
  `unit:${unitId}`,
];

/** Seconds until the user's or the unit's lock ends; 0 when neither is locked. */
async function lockedFor(db: Pool, userId: string, unitId: string): Promise<number> {
  const { rows } = await db.query<{ locked_for: number | null }>(
    `SELECT ceil(extract(epoch FROM locked_until - now()))::int AS locked_for
       FROM unit_binding_attempts WHERE key = ANY ($1)`,
    [attemptKeys(userId, unitId)],
  );
  return Math.max(0, ...rows.map((r) => r.locked_for ?? 0));
}

/**
 * Counts a failed match for the user and the unit (and locks either at its limit), with its audit
 * row, in a transaction of its own: the refusal itself must stay on record.
 */
async function recordFailure(
  pool: Pool,
  communityId: string,
  userId: string,
  unitId: string,
): Promise<{ attemptsLeft: number; lockedForSeconds: number }> {
  return inTransaction(pool, async (client) => {
    const [user, unit] = attemptKeys(userId, unitId);
    const { rows } = await client.query<{ key: string; failures: number }>(
      `INSERT INTO unit_binding_attempts AS t (key, failures, window_started_at)
       SELECT k, 1, now() FROM unnest($1::text[]) AS k
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN t.window_started_at < now() - $2::interval OR t.locked_until < now()
                         THEN 1 ELSE t.failures + 1 END,
         window_started_at = CASE WHEN t.window_started_at < now() - $2::interval
                                    OR t.locked_until < now()
                                  THEN now() ELSE t.window_started_at END,
         locked_until = CASE WHEN t.locked_until < now() THEN NULL ELSE t.locked_until END
       RETURNING key, failures`,
      [[user, unit], WINDOW],
    );
    const failures = (key: string) => rows.find((r) => r.key === key)?.failures ?? 0;
    const locked = await client.query<{ key: string }>(
      `UPDATE unit_binding_attempts SET locked_until = now() + make_interval(secs => $3)
        WHERE (key = $1 AND failures >= $4) OR (key = $2 AND failures >= $5)
        RETURNING key`,
      [user, unit, LOCK_SECONDS, BINDING_USER_FAILURES, BINDING_UNIT_FAILURES],
    );
    const attemptsLeft = Math.max(
      0,
      Math.min(BINDING_USER_FAILURES - failures(user), BINDING_UNIT_FAILURES - failures(unit)),
    );
    await recordAudit(client, {
      communityId,
      actorId: userId,
      action: 'unit-binding.failed',
      entity: 'unit',
      entityId: unitId,
      data: { userFailures: failures(user), unitFailures: failures(unit), attemptsLeft },
    });
    if (locked.rowCount !== 0)
      await recordAudit(client, {
        communityId,
        actorId: userId,
        action: 'unit-binding.locked',
        entity: 'unit',
        entityId: unitId,
        data: { locked: locked.rows.map((r) => r.key.split(':')[0]), seconds: LOCK_SECONDS },
      });
    return { attemptsLeft, lockedForSeconds: locked.rowCount === 0 ? 0 : LOCK_SECONDS };
  });
}

/**
 * POST /me/unit-bindings: the caller names a unit and the owner's certificate and ID numbers; when
 * both match an owner the secretary recorded for the unit, the caller is bound (and recorded as
 * an owner of it). A mismatch is 422 BINDING_MISMATCH and counts: after BINDING_USER_FAILURES
 * failures of the account, or BINDING_UNIT_FAILURES on the unit, within 15 minutes, 429
 * RATE_LIMITED for 15 minutes. 404 for an unknown unit, 403 for a unit of a community the caller
 * is not a member of.
 */
export async function bindByRegistryMatch(
  pool: Pool,
  hasher: BindingHasher,
  userId: string,
  input: OwnerIdentityInput & { readonly unitId: string },
): Promise<UnitBindingView> {
  const identity = normaliseIdentity(input);
  const { unitId } = input;
  const communityId = await unitCommunity(pool, unitId);
  if (communityId === undefined) throw new NotFoundError('找不到该房屋', { unitId });
  const member = await pool.query(
    `SELECT 1 FROM memberships WHERE community_id = $1 AND user_id = $2`,
    [communityId, userId],
  );
  if ((member.rowCount ?? 0) === 0)
    throw new ForbiddenError('只能绑定本人所在社区的房屋', { unitId });
  const locked = await lockedFor(pool, userId, unitId);
  if (locked > 0) throw new RateLimitedError('核验失败次数过多，请稍后再试或申请书记审核', locked);
  const found = matching(hasher, await identitiesOf(pool, unitId), identity);
  if (found === undefined) {
    const { attemptsLeft, lockedForSeconds } = await recordFailure(
      pool,
      communityId,
      userId,
      unitId,
    );
    if (lockedForSeconds > 0)
      throw new RateLimitedError('核验失败次数过多，请稍后再试或申请书记审核', lockedForSeconds);
    throw new BindingMismatchError('产权证号或身份证号与登记信息不符', { unitId, attemptsLeft });
  }
  return inTransaction(pool, async (client) => {
    const bindingId = await insertBinding(client, {
      communityId,
      unitId,
      userId,
      method: 'registry-match',
      identityId: found.id,
      boundBy: userId,
    });
    const ownerAdded = await ensureOwner(client, communityId, userId, unitId);
    await client.query(`DELETE FROM unit_binding_attempts WHERE key = $1`, [`user:${userId}`]);
    await recordAudit(client, {
      communityId,
      actorId: userId,
      action: 'unit-binding.bound',
      entity: 'unit-binding',
      entityId: bindingId,
      data: { unitId, userId, method: 'registry-match', identityId: found.id, ownerAdded },
    });
    return readBinding(client, bindingId);
  });
}

/**
 * Ends a binding: by the bound resident themself (`by: self`; someone else's binding is not found)
 * or by the secretary of its community with a reason. Unbinding an ended binding returns it as is.
 */
export async function unbind(
  pool: Pool,
  actorId: string,
  bindingId: string,
  by: { readonly self: true } | { readonly communityId: string; readonly reason: unknown },
): Promise<UnitBindingView> {
  let reason: string | null = null;
  if (!('self' in by)) {
    if (typeof by.reason !== 'string' || by.reason.trim() === '' || by.reason.length > MAX_REASON)
      throw invalid('reason', `required, 1 to ${MAX_REASON} characters`);
    reason = by.reason.trim();
  }
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{
      community_id: string;
      unit_id: string;
      user_id: string;
      unbound_at: Date | null;
    }>(
      `SELECT community_id, unit_id, user_id, unbound_at FROM unit_bindings WHERE id = $1
       FOR UPDATE`,
      [bindingId],
    );
    const row = rows[0];
    if (
      row === undefined ||
      ('self' in by ? row.user_id !== actorId : row.community_id !== by.communityId)
    )
      throw new NotFoundError('找不到该绑定记录', { bindingId });
    if (row.unbound_at !== null) return readBinding(client, bindingId);
    await client.query(
      `UPDATE unit_bindings SET unbound_at = now(), unbound_by = $2, unbind_reason = $3
        WHERE id = $1`,
      [bindingId, actorId, reason],
    );
    await recordAudit(client, {
      communityId: row.community_id,
      actorId,
      action: 'unit-binding.unbound',
      entity: 'unit-binding',
      entityId: bindingId,
      data: {
        unitId: row.unit_id,
        userId: row.user_id,
        by: 'self' in by ? 'self' : 'secretary',
        reason,
      },
    });
    return readBinding(client, bindingId);
  });
}

/** The caller's active bindings (GET /me/unit-bindings), newest first. */
export async function bindingsOfUser(db: Pool, userId: string): Promise<UnitBindingView[]> {
  const { rows } = await db.query<BindingRow>(
    `${BINDING_SELECT} WHERE b.user_id = $1 AND b.unbound_at IS NULL
      ORDER BY b.bound_at DESC, b.id`,
    [userId],
  );
  return rows.map(bindingView);
}

/** A community's bindings, active and ended, newest first (the secretary's view). */
export async function bindingsOfCommunity(
  db: Pool,
  communityId: string,
  filter: { readonly unitId?: string | undefined; readonly active?: boolean | undefined },
): Promise<UnitBindingView[]> {
  const { rows } = await db.query<BindingRow>(
    `${BINDING_SELECT}
      WHERE b.community_id = $1 AND ($2::uuid IS NULL OR b.unit_id = $2)
        AND ($3::boolean IS NULL OR (b.unbound_at IS NULL) = $3)
      ORDER BY b.bound_at DESC, b.id LIMIT 1000`,
    [communityId, filter.unitId ?? null, filter.active ?? null],
  );
  return rows.map(bindingView);
}

/** The units `userId` is bound to now: what an owner's ballot is checked against. */
export async function boundUnitIds(db: Pool | PoolClient, userId: string): Promise<Set<string>> {
  const { rows } = await db.query<{ unit_id: string }>(
    `SELECT unit_id FROM unit_bindings WHERE user_id = $1 AND unbound_at IS NULL`,
    [userId],
  );
  return new Set(rows.map((r) => r.unit_id));
}

/** Whether `userId` is bound to `unitId` now. */
export async function isBound(
  db: Pool | PoolClient,
  userId: string,
  unitId: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `SELECT 1 FROM unit_bindings WHERE user_id = $1 AND unit_id = $2 AND unbound_at IS NULL`,
    [userId, unitId],
  );
  return (rowCount ?? 0) > 0;
}

interface RequestRow {
  id: string;
  community_id: string;
  unit_id: string;
  user_id: string;
  status: BindingRequestStatus;
  evidence_storage_key: string;
  evidence_content_type: string;
  evidence_size_bytes: number;
  evidence_sha256: string;
  evidence_file_name: string | null;
  created_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
}

/** Where a request's evidence is downloaded (the secretary's review). */
export function bindingEvidencePath(r: { communityId: string; id: string }): string {
  return `/api/v1/communities/${r.communityId}/binding-requests/${r.id}/evidence`;
}

function requestView(r: RequestRow): BindingRequestView {
  return {
    id: r.id,
    communityId: r.community_id,
    unitId: r.unit_id,
    userId: r.user_id,
    status: r.status,
    evidence: {
      url: bindingEvidencePath({ communityId: r.community_id, id: r.id }),
      contentType: r.evidence_content_type,
      sizeBytes: r.evidence_size_bytes,
      sha256: r.evidence_sha256,
      fileName: r.evidence_file_name,
    },
    createdAt: r.created_at.toISOString(),
    decidedBy: r.decided_by,
    decidedAt: r.decided_at?.toISOString() ?? null,
    reason: r.decision_reason,
  };
}

/** Checks a request before its evidence is stored: the unit is the community's, not bound yet. */
export async function checkBindingRequest(
  db: Pool,
  communityId: string,
  userId: string,
  unitId: string,
): Promise<void> {
  await unitOf(db, communityId, unitId);
  if (await isBound(db, userId, unitId)) throw new AlreadyExistsError('您已绑定该房屋', { unitId });
}

/**
 * A resident asks the secretary to bind them to a unit, with evidence (a scan of the certificate
 * and ID card, already stored by the caller). One pending request per account and unit (409).
 */
export async function createBindingRequest(
  pool: Pool,
  r: {
    readonly communityId: string;
    readonly userId: string;
    readonly unitId: string;
    readonly evidence: {
      readonly storageKey: string;
      readonly contentType: string;
      readonly sizeBytes: number;
      readonly sha256: string;
      readonly fileName: string | null;
    };
  },
): Promise<BindingRequestView> {
  await checkBindingRequest(pool, r.communityId, r.userId, r.unitId);
  return inTransaction(pool, async (client) => {
    let rows: RequestRow[];
    try {
      ({ rows } = await client.query<RequestRow>(
        `INSERT INTO unit_binding_requests (id, community_id, unit_id, user_id,
           evidence_storage_key, evidence_content_type, evidence_size_bytes, evidence_sha256,
           evidence_file_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
        [
          randomUUID(),
          r.communityId,
          r.unitId,
          r.userId,
          r.evidence.storageKey,
          r.evidence.contentType,
          r.evidence.sizeBytes,
          r.evidence.sha256,
          r.evidence.fileName,
        ],
      ));
    } catch (error) {
      if (uniqueViolation(error) === 'unit_binding_requests_pending')
        throw new AlreadyExistsError('该房屋已有待审核的绑定申请', { unitId: r.unitId });
      throw error;
    }
    const row = rows[0]!;
    await recordAudit(client, {
      communityId: r.communityId,
      actorId: r.userId,
      action: 'binding-request.created',
      entity: 'binding-request',
      entityId: row.id,
      data: { unitId: r.unitId, sha256: r.evidence.sha256 },
    });
    return requestView(row);
  });
}

/** A community's binding requests (`all`, the secretary) or the caller's own; newest first. */
export async function listBindingRequests(
  db: Pool,
  communityId: string,
  userId: string,
  filter: { readonly all: boolean; readonly status?: BindingRequestStatus | undefined },
): Promise<BindingRequestView[]> {
  const { rows } = await db.query<RequestRow>(
    `SELECT * FROM unit_binding_requests
      WHERE community_id = $1 AND ($3 OR user_id = $2) AND ($4::text IS NULL OR status = $4)
      ORDER BY created_at DESC, id LIMIT 500`,
    [communityId, userId, filter.all, filter.status ?? null],
  );
  return rows.map(requestView);
}

/** The stored evidence of a request the caller may see (the secretary's, or their own). */
export async function bindingRequestEvidence(
  db: Pool,
  communityId: string,
  requestId: string,
  viewer: { readonly userId: string; readonly all: boolean },
): Promise<{ storageKey: string; contentType: string; fileName: string | null; id: string }> {
  const { rows } = await db.query<RequestRow>(
    `SELECT * FROM unit_binding_requests WHERE id = $1 AND community_id = $2`,
    [requestId, communityId],
  );
  const r = rows[0];
  if (r === undefined || (!viewer.all && r.user_id !== viewer.userId))
    throw new NotFoundError('找不到该绑定申请', { requestId });
  return {
    id: r.id,
    storageKey: r.evidence_storage_key,
    contentType: r.evidence_content_type,
    fileName: r.evidence_file_name,
  };
}

/**
 * The secretary approves (the resident is bound, method `secretary-approval`, and recorded as an
 * owner) or rejects a pending request, with a reason (required to reject). A decided request is
 * 409 WRONG_STAGE.
 */
export async function decideBindingRequest(
  pool: Pool,
  communityId: string,
  actorId: string,
  requestId: string,
  decision: 'approve' | 'reject',
  reason: unknown,
): Promise<BindingRequestView & { bindingId: string | null }> {
  if (reason !== undefined && reason !== null && typeof reason !== 'string')
    throw invalid('reason', 'must be text');
  const text = typeof reason === 'string' ? reason.trim() : '';
  if (text.length > MAX_REASON) throw invalid('reason', `at most ${MAX_REASON} characters`);
  if (decision === 'reject' && text === '') throw invalid('reason', 'required to reject');
  return inTransaction(pool, async (client) => {
    const found = await client.query<RequestRow>(
      `SELECT * FROM unit_binding_requests WHERE id = $1 AND community_id = $2 FOR UPDATE`,
      [requestId, communityId],
    );
    const r = found.rows[0];
    if (r === undefined) throw new NotFoundError('找不到该绑定申请', { requestId });
    if (r.status !== 'pending')
      throw new WrongStageError('该申请已处理', { requestId, status: r.status });
    let bindingId: string | null = null;
    if (decision === 'approve') {
      bindingId = await insertBinding(client, {
        communityId,
        unitId: r.unit_id,
        userId: r.user_id,
        method: 'secretary-approval',
        requestId,
        boundBy: actorId,
      });
      const ownerAdded = await ensureOwner(client, communityId, r.user_id, r.unit_id);
      await recordAudit(client, {
        communityId,
        actorId,
        action: 'unit-binding.bound',
        entity: 'unit-binding',
        entityId: bindingId,
        data: {
          unitId: r.unit_id,
          userId: r.user_id,
          method: 'secretary-approval',
          requestId,
          ownerAdded,
        },
      });
    }
    const { rows } = await client.query<RequestRow>(
      `UPDATE unit_binding_requests
          SET status = $2, decided_by = $3, decided_at = now(), decision_reason = $4
        WHERE id = $1 RETURNING *`,
      [requestId, decision === 'approve' ? 'approved' : 'rejected', actorId, text || null],
    );
    await recordAudit(client, {
      communityId,
      actorId,
      action: decision === 'approve' ? 'binding-request.approved' : 'binding-request.rejected',
      entity: 'binding-request',
      entityId: requestId,
      data: { unitId: r.unit_id, userId: r.user_id, reason: text || null, bindingId },
    });
    return { ...requestView(rows[0]!), bindingId };
  });
}

/**
 * The demo's binding (SEED_DEMO): the owner identity recorded and the account bound by matching
 * it, as a resident would, so the demo's owners can vote at once.
 */
export async function seedDemoBinding(
  pool: Pool,
  db: PoolClient,
  hasher: BindingHasher,
  b: { communityId: string; unitId: string; userId: string; identity: OwnerIdentityInput },
): Promise<void> {
  const recorded = await recordOwnerIdentity(
    pool,
    hasher,
    b.communityId,
    null,
    b.unitId,
    b.identity,
    db,
  );
  const bindingId = await insertBinding(db, {
    communityId: b.communityId,
    unitId: b.unitId,
    userId: b.userId,
    method: 'registry-match',
    identityId: recorded.id,
    boundBy: null,
  });
  await recordAudit(db, {
    communityId: b.communityId,
    actorId: null,
    action: 'unit-binding.bound',
    entity: 'unit-binding',
    entityId: bindingId,
    data: { unitId: b.unitId, userId: b.userId, method: 'registry-match', demo: true },
  });
}

/** One owner of a bulk import, as the file or JSON gives it; `row` and `line` for messages. */
export interface OwnerIdentityRow {
  readonly row: number;
  readonly line?: number | undefined;
  readonly values: Record<string, unknown>;
}

/** Columns of the owner import, English or Chinese (小区,楼栋,单元,房号,不动产权证号,身份证号). */
export const OWNER_IDENTITY_FIELDS = [
  'estate',
  'building',
  'entrance',
  'room',
  'certificateNumber',
  'idNumber',
] as const;
const OWNER_HEADER_ALIASES: Readonly<Record<string, string>> = {
  小区: 'estate',
  楼栋: 'building',
  单元: 'entrance',
  房号: 'room',
  不动产权证号: 'certificateNumber',
  产权证号: 'certificateNumber',
  certificatenumber: 'certificateNumber',
  身份证号: 'idNumber',
  身份证号码: 'idNumber',
  idnumber: 'idNumber',
};

/** CSV records → owner rows: the first record is the header. */
export function csvToOwnerIdentityRows(
  records: readonly { line: number; fields: string[] }[],
): OwnerIdentityRow[] {
  const [header, ...data] = records;
  if (header === undefined)
    throw new ValidationError('CSV 文件是空的', { field: 'header', problem: 'missing' });
  const columns = header.fields.map((h) => {
    const name = h.trim();
    return OWNER_HEADER_ALIASES[name] ?? OWNER_HEADER_ALIASES[name.toLowerCase()] ?? name;
  });
  for (const field of OWNER_IDENTITY_FIELDS)
    if (!columns.includes(field))
      throw new ValidationError(`CSV 表头缺少 ${field} 列`, {
        line: header.line,
        field,
        problem: 'missing column',
      });
  return data.map((record, i) => {
    if (record.fields.length !== columns.length)
      throw new ValidationError(
        `第 ${i + 1} 行业主（文件第 ${record.line} 行）有 ${record.fields.length} 列，表头有 ${columns.length} 列`,
        { row: i + 1, line: record.line, field: 'columns', problem: 'wrong number of fields' },
      );
    const values: Record<string, unknown> = {};
    columns.forEach((c, j) => (values[c] = record.fields[j]));
    return { row: i + 1, line: record.line, values };
  });
}

/** The most owners one import may record (a large estate's registry, like the unit import). */
export const MAX_OWNERS_PER_IMPORT = 20_000;

/**
 * Records many owners at once (the registry's export, CSV or JSON): each row names its unit by
 * estate, building, entrance and room, and carries the two numbers, hashed at once. All rows or
 * none: a bad row rejects the import with a 400 naming the row and the field (never the value); an
 * owner already recorded for the unit, or twice in the file, is 409 naming the row. Set-based: a
 * few statements for any number of rows.
 */
export async function importOwnerIdentities(
  pool: Pool,
  hasher: BindingHasher,
  communityId: string,
  actorId: string | null,
  rows: readonly OwnerIdentityRow[],
): Promise<{ recorded: number }> {
  if (rows.length === 0) throw invalid('owners', 'must list at least one owner');
  if (rows.length > MAX_OWNERS_PER_IMPORT)
    throw invalid('owners', `at most ${MAX_OWNERS_PER_IMPORT} per import`);
  const name = (r: OwnerIdentityRow, field: string): string => {
    const v = r.values[field];
    if (typeof v !== 'string' || v.trim() === '' || v.length > 64)
      throw new ValidationError(`第 ${r.row} 行业主：${field} 须填写（1 到 64 个字符）`, {
        row: r.row,
        line: r.line,
        field,
        problem: 'required, 1 to 64 characters',
      });
    return v.normalize('NFC').trim();
  };
  const parsed = rows.map((r) => {
    let identity: { certificate: string; id: string };
    try {
      identity = normaliseIdentity({
        certificateNumber: r.values.certificateNumber,
        idNumber: r.values.idNumber,
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const fields = error.details.fields as { field: string }[] | undefined;
      throw new ValidationError(`第 ${r.row} 行业主：${error.message}`, {
        row: r.row,
        line: r.line,
        field: fields?.[0]?.field,
        reason: error.details.reason,
      });
    }
    return {
      r,
      unit: [name(r, 'estate'), name(r, 'building'), name(r, 'entrance'), name(r, 'room')],
      identity,
    };
  });
  return inTransaction(pool, async (client) => {
    const { rows: found } = await client.query<{ ord: string; unit_id: string | null }>(
      `SELECT t.ord, u.id AS unit_id
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY
              AS t(estate, building, entrance, room, ord)
         LEFT JOIN estates e ON e.community_id = $1 AND e.name = t.estate
         LEFT JOIN buildings b ON b.estate_id = e.id AND b.name = t.building
         LEFT JOIN entrances n ON n.building_id = b.id AND n.name = t.entrance
         LEFT JOIN units u ON u.entrance_id = n.id AND u.room = t.room
        ORDER BY t.ord`,
      [communityId, ...[0, 1, 2, 3].map((k) => parsed.map((p) => p.unit[k]))],
    );
    const unitIds = found.map((f, i) => {
      if (f.unit_id === null)
        throw new ValidationError(`第 ${parsed[i]!.r.row} 行业主：本社区没有这套房屋`, {
          row: parsed[i]!.r.row,
          line: parsed[i]!.r.line,
          field: 'room',
          problem: 'no such unit in this community',
        });
      return f.unit_id;
    });
    // Serialises imports and single records touching these units.
    await client.query(
      `SELECT 1 FROM units WHERE id = ANY ($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`,
      [[...new Set(unitIds)]],
    );
    const existing = new Map<string, IdentityRow[]>();
    const { rows: known } = await client.query<IdentityRow & { unit_id: string }>(
      `SELECT id, unit_id, salt, certificate_hash, id_number_hash FROM unit_owner_identities
        WHERE unit_id = ANY ($1::uuid[]) AND removed_at IS NULL`,
      [[...new Set(unitIds)]],
    );
    for (const k of known) existing.set(k.unit_id, [...(existing.get(k.unit_id) ?? []), k]);
    const inFile = new Map<string, number>();
    const inserts = parsed.map((p, i) => {
      const unitId = unitIds[i]!;
      const key = `${unitId}\u0000${p.identity.certificate}\u0000${p.identity.id}`;
      const earlier = inFile.get(key);
      if (earlier !== undefined || matching(hasher, existing.get(unitId) ?? [], p.identity))
        throw new AlreadyExistsError(
          earlier === undefined
            ? `Owner row ${p.r.row}: this owner is recorded for the unit already`
            : `Owner row ${p.r.row}: repeats row ${earlier}`,
          { row: p.r.row, line: p.r.line },
        );
      inFile.set(key, p.r.row);
      const salt = randomBytes(16);
      return {
        id: randomUUID(),
        unitId,
        salt,
        certificate: hasher.hash(salt, 'certificate', p.identity.certificate),
        idNumber: hasher.hash(salt, 'id-number', p.identity.id),
      };
    });
    await client.query(
      `INSERT INTO unit_owner_identities
         (id, community_id, unit_id, salt, certificate_hash, id_number_hash, recorded_by)
       SELECT t.id, $1, t.unit_id, t.salt, t.c, t.i, $7
         FROM unnest($2::uuid[], $3::uuid[], $4::bytea[], $5::bytea[], $6::bytea[])
              AS t(id, unit_id, salt, c, i)`,
      [
        communityId,
        inserts.map((x) => x.id),
        inserts.map((x) => x.unitId),
        inserts.map((x) => x.salt),
        inserts.map((x) => x.certificate),
        inserts.map((x) => x.idNumber),
        actorId,
      ],
    );
    await recordAudit(client, {
      communityId,
      actorId,
      action: 'owner-identities.imported',
      entity: 'community',
      entityId: communityId,
      data: { recorded: inserts.length, units: new Set(unitIds).size },
    });
    return { recorded: inserts.length };
  });
}
