import { timingSafeEqual } from 'node:crypto';
import { type Pool, type PoolClient } from 'pg';
import { normaliseCertificateNumber, normaliseIdNumber } from '@yishi/domain';
import { type BindingHasher } from './binding-hasher';
import { type OwnerIdentityInput } from './binding-views';

// The owner identity rules shared by the record, the import and the binding by match.

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
