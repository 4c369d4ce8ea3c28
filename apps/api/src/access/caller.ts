import { type Pool } from 'pg';
import { type User } from '@yishi/identity';

/**
 * The user a token names and whether they are a secretary in any community (the table's
 * `secretary-anywhere` grant), in one round trip: every request pays it.
 */
export async function findUserWithSecretaryRole(
  pool: Pool,
  userId: string,
): Promise<{ user: User; secretaryAnywhere: boolean } | undefined> {
  const { rows } = await pool.query<{
    id: string;
    username: string;
    display_name: string;
    phone: string | null;
    is_admin: boolean;
    secretary_anywhere: boolean;
  }>(
    `SELECT u.id, u.username, u.display_name, u.phone, u.is_admin,
            EXISTS (SELECT 1 FROM memberships m
                     WHERE m.user_id = u.id AND 'secretary' = ANY (m.roles)) AS secretary_anywhere
       FROM users u WHERE u.id = $1`,
    [userId],
  );
  const row = rows[0];
  if (row === undefined) return undefined;
  return {
    user: {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      phone: row.phone,
      admin: row.is_admin,
    },
    secretaryAnywhere: row.secretary_anywhere,
  };
}
