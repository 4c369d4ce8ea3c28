import { randomBytes, randomUUID } from 'node:crypto';
import { type Pool } from 'pg';
import { type Choice } from '@yishi/domain';
import { hashPassword, issueToken } from '@yishi/identity';
import { BindingHasher, importUnits } from '@yishi/registry';

/** One owner of one unit, with an access token and the choice they will make. */
export interface Voter {
  readonly unitId: string;
  readonly userId: string;
  readonly token: string;
  readonly areaHundredths: number;
  readonly choice: Choice;
}

/** Six for, two against, one abstain in every nine: a vote that passes with something to count. */
const CHOICES: readonly Choice[] = [
  'for',
  'for',
  'for',
  'for',
  'for',
  'for',
  'against',
  'against',
  'abstain',
];

/**
 * `units` units in an estate of their own (200 to a building, 100 to an entrance), each owned by a
 * resident account of its own, bound to it by real name, with an access token signed by `secret`
 * (the platform's AUTH_TOKEN_SECRET): written set-based, so 10,000 owners take seconds, not an
 * HTTP walk.
 */
export async function prepareElectorate(
  pool: Pool,
  options: { communityId: string; estate: string; units: number; secret: string; prefix: string },
): Promise<Voter[]> {
  const { communityId, estate } = options;
  const drafts = Array.from({ length: options.units }, (_, i) => ({
    estate,
    building: `${Math.floor(i / 200) + 1}号楼`,
    entrance: `${Math.floor((i % 200) / 100) + 1}单元`,
    room: String(101 + (i % 100)),
    // 60.00 to 159.99 m², varied so the area tally means something.
    areaHundredths: 6000 + ((i * 7919) % 10000),
  }));
  const units = await importUnits(pool, null, communityId, drafts);
  const hash = await hashPassword(randomBytes(12).toString('hex'));
  const ids = units.map(() => randomUUID());
  await pool.query(
    `INSERT INTO users (id, username, display_name, password_hash)
     SELECT id, $3 || n, '业主' || n, $2
       FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
    [ids, hash, options.prefix],
  );
  await pool.query(
    `INSERT INTO memberships (community_id, user_id, roles) SELECT $1, unnest($2::uuid[]), '{resident}'`,
    [communityId, ids],
  );
  await pool.query(
    `INSERT INTO unit_owners (unit_id, user_id, community_id)
     SELECT unnest($1::uuid[]), unnest($2::uuid[]), $3`,
    [units.map((u) => u.id), ids, communityId],
  );
  // Every owner bound by real name (实名绑定), as a match of recorded numbers leaves them: an
  // owner's own ballot checks it. Made-up numbers, hashed like the registry does.
  const hasher = new BindingHasher(randomBytes(32));
  const identityIds = units.map(() => randomUUID());
  const salts = units.map(() => randomBytes(16));
  await pool.query(
    `INSERT INTO unit_owner_identities
       (id, community_id, unit_id, salt, certificate_hash, id_number_hash)
     SELECT t.id, $2, t.unit_id, t.salt, t.c, t.i
       FROM unnest($1::uuid[], $3::uuid[], $4::bytea[], $5::bytea[], $6::bytea[])
            AS t(id, unit_id, salt, c, i)`,
    [
      identityIds,
      communityId,
      units.map((u) => u.id),
      salts,
      salts.map((salt, i) => hasher.hash(salt, 'certificate', `BENCH-CERT-${i}`)),
      salts.map((salt, i) => hasher.hash(salt, 'id-number', `BENCH-ID-${i}`)),
    ],
  );
  await pool.query(
    `INSERT INTO unit_bindings (id, community_id, unit_id, user_id, method, identity_id, bound_by)
     SELECT gen_random_uuid(), $1, t.unit_id, t.user_id, 'registry-match', t.identity_id, t.user_id
       FROM unnest($2::uuid[], $3::uuid[], $4::uuid[]) AS t(unit_id, identity_id, user_id)`,
    [communityId, units.map((u) => u.id), identityIds, ids],
  );
  const key = Buffer.from(options.secret, 'utf8');
  const tokens = await Promise.all(ids.map(async (id) => (await issueToken(key, id, 3600)).token));
  return units.map((u, i) => ({
    unitId: u.id,
    userId: ids[i]!,
    token: tokens[i]!,
    areaHundredths: drafts[i]!.areaHundredths,
    choice: CHOICES[(i * 31) % CHOICES.length]!,
  }));
}

/** What the tally must say: units and area per choice, from the voters who cast a ballot. */
export function groundTruth(voters: readonly Voter[]): Record<Choice, [number, number]> {
  const truth: Record<Choice, [number, number]> = { for: [0, 0], against: [0, 0], abstain: [0, 0] };
  for (const v of voters) {
    truth[v.choice][0] += 1;
    truth[v.choice][1] += v.areaHundredths;
  }
  return truth;
}
