import { randomBytes } from 'node:crypto';
import { type Pool } from 'pg';
import { idNumberCheckCharacter } from '@yishi/domain';
import { createCommunity } from './communities';
import { createMembership } from './memberships';
import { importUnits } from './units';

/** Medium tests' data: a community with units and residents, written through the registry itself. */
export async function seedCommunity(
  pool: Pool,
  o: { rooms: readonly string[]; residents: readonly string[] },
): Promise<{ communityId: string; unitIds: string[]; userIds: string[]; secretaryId: string }> {
  const tag = randomBytes(4).toString('hex');
  const user = async (name: string) => {
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO users (id, username, display_name, password_hash)
       VALUES (gen_random_uuid(), $1, $2, 'x') RETURNING id`,
      [`${name}-${tag}`, name],
    );
    return rows[0]!.id;
  };
  const secretaryId = await user('secretary');
  const community = await createCommunity(pool, secretaryId, { name: `社区 ${tag}` });
  const units = await importUnits(
    pool,
    secretaryId,
    community.id,
    o.rooms.map((room) => ({
      estate: '金泰和庄',
      building: '1号楼',
      entrance: '1单元',
      room,
      areaHundredths: 9_000,
    })),
  );
  await createMembership(pool, null, community.id, secretaryId, { roles: ['secretary'] });
  const userIds: string[] = [];
  // The i-th resident owns the i-th unit (not bound to it yet).
  for (const [i, name] of o.residents.entries()) {
    const id = await user(name);
    await createMembership(pool, null, community.id, id, {
      roles: ['resident'],
      unitIds: [units[i]!.id],
    });
    userIds.push(id);
  }
  return { communityId: community.id, unitIds: units.map((u) => u.id), userIds, secretaryId };
}

let serial = 0;

/** A made-up owner identity, distinct on every call, with a valid GB 11643 check character. */
export function ownerIdentity(): { certificateNumber: string; idNumber: string } {
  serial++;
  const n = (process.pid * 1_000 + serial) % 1_000_000;
  const first17 = `360102198${n % 10}0101${String(n % 1000).padStart(3, '0')}`;
  return {
    certificateNumber: `赣(2024)测试不动产权第${String(n).padStart(7, '0')}${randomBytes(2).toString('hex').toUpperCase()}号`,
    idNumber: first17 + idNumberCheckCharacter(first17),
  };
}
