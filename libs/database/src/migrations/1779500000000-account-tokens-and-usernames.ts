import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Accounts whose tokens can end, and usernames compared in their NFKC form.
 *
 * - `token_version`: every access token carries the version it was issued with; logging out,
 *   changing the password and disabling the account raise it, which ends every token issued
 *   before. The guard reads it in the round trip that already loads the caller.
 * - `disabled_at`: a disabled account cannot log in.
 * - Usernames: full-width ｓｅｃＢ registered beside secB, because the index compared lower(username)
 *   only. Names are now stored in NFKC and the index compares lower(normalize(username, NFKC)), so
 *   no insert, through the API or not, can add a look-alike. An existing name whose NFKC form an
 *   older account already has (only possible through that gap) keeps working under its NFKC form
 *   with `-` and the start of its id appended; it is listed in the migration's notice.
 */
export class AccountTokensAndUsernames1779500000000 implements MigrationInterface {
  name = 'AccountTokensAndUsernames1779500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users
        ADD COLUMN token_version integer NOT NULL DEFAULT 0,
        ADD COLUMN disabled_at timestamptz;

      DROP INDEX users_username_key;
      DO $$
      DECLARE r record;
      BEGIN
        FOR r IN
          SELECT id, username, normalize(username, NFKC) AS nfkc,
                 row_number() OVER (PARTITION BY lower(normalize(username, NFKC))
                                    ORDER BY created_at, id) AS nth
            FROM users
        LOOP
          IF r.nth > 1 THEN
            RAISE NOTICE 'username % renamed to %', r.username, r.nfkc || '-' || left(r.id::text, 8);
            UPDATE users SET username = r.nfkc || '-' || left(r.id::text, 8) WHERE id = r.id;
          ELSIF r.username <> r.nfkc THEN
            UPDATE users SET username = r.nfkc WHERE id = r.id;
          END IF;
        END LOOP;
      END $$;
      CREATE UNIQUE INDEX users_username_key ON users (lower(normalize(username, NFKC)));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX users_username_key;
      CREATE UNIQUE INDEX users_username_key ON users (lower(username));
      ALTER TABLE users DROP COLUMN token_version, DROP COLUMN disabled_at;
    `);
  }
}
