import { randomBytes } from 'node:crypto';
import { type Server } from 'node:http';
import { type Pool } from 'pg';
import { idNumberCheckCharacter } from '@yishi/domain';
import {
  BindingHasher,
  bindByRegistryMatch,
  recordOwnerIdentity,
  type UnitBindingView,
} from '@yishi/registry';
import { client } from './api';

let serial = 0;

/**
 * A made-up owner identity, distinct on every call: a certificate number and an 18-character ID
 * number with a valid GB 11643 check character (birth dates 1960–1999).
 */
export function testOwnerIdentity(): { certificateNumber: string; idNumber: string } {
  serial++;
  const n = (process.pid * 1_000 + serial) % 1_000_000;
  const first17 = `3601${String(n % 100).padStart(2, '0')}19${String(60 + (n % 40))}0${1 + (n % 9)}1${n % 10}${String(Math.floor(n / 100) % 1000).padStart(3, '0')}`;
  return {
    certificateNumber: `赣(2024)测试不动产权第${String(n).padStart(7, '0')}${randomBytes(2).toString('hex').toUpperCase()}号`,
    idNumber: first17 + idNumberCheckCharacter(first17),
  };
}

/**
 * Binds an owner to a unit the way it happens in production, over HTTP: the secretary records the
 * owner's numbers for the unit, and the owner binds with them (`POST /me/unit-bindings`).
 */
export async function bindOverHttp(
  server: Server | string,
  o: {
    secretaryToken: string;
    ownerToken: string;
    communityId: string;
    unitId: string;
    identity?: { certificateNumber: string; idNumber: string };
  },
): Promise<UnitBindingView> {
  const identity = o.identity ?? testOwnerIdentity();
  await client(server, o.secretaryToken)
    .post(`/communities/${o.communityId}/units/${o.unitId}/owner-identities`, identity)
    .expect(201);
  const bound = await client(server, o.ownerToken)
    .post('/me/unit-bindings', { unitId: o.unitId, ...identity })
    .expect(201);
  return bound.body as UnitBindingView;
}

/** A hasher for tests that bind without the API (its own pepper: the binding rows are the same). */
const testHasher = new BindingHasher(randomBytes(32));

/**
 * Binds `userId` to each of their units in `unitIds` through the registry functions (record, then
 * match), for fixtures that write without HTTP.
 */
export async function bindInRegistry(
  pool: Pool,
  o: { communityId: string; userId: string; unitIds: readonly string[] },
): Promise<void> {
  for (const unitId of o.unitIds) {
    const identity = testOwnerIdentity();
    await recordOwnerIdentity(pool, testHasher, o.communityId, null, unitId, identity);
    await bindByRegistryMatch(pool, testHasher, o.userId, { unitId, ...identity });
  }
}
