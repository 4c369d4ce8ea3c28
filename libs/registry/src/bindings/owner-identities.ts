import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { type Pool, type PoolClient } from 'pg';
import { AlreadyExistsError, normaliseCertificateNumber, normaliseIdNumber } from '@yishi/domain';
import { inTransaction } from '@yishi/database';
import { recordAudit } from '../audit';
import { type BindingHasher } from './binding-hasher';
import { unitOf } from './binding-checks';
import { type OwnerIdentityInput, type OwnerIdentityView } from './binding-views';

export function normaliseIdentity(input: OwnerIdentityInput): { certificate: string; id: string } {
  return {
    certificate: normaliseCertificateNumber(input.certificateNumber),
    id: normaliseIdNumber(input.idNumber),
  };
}

export interface IdentityRow {
  id: string;
  salt: Buffer;
  certificate_hash: Buffer;
  id_number_hash: Buffer;
}

/** The recorded identity of `unitId` matching both numbers, compared in constant time. */
export function matching(
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

export async function identitiesOf(db: Pool | PoolClient, unitId: string, lock = false) {
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
