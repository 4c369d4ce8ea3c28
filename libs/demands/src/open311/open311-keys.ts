/**
 * The api_keys a community's secretary issues to a 311 app (docs/demands.md, "Open311"). A key is
 * 32 random bytes, shown once when issued; only its SHA-256 is stored (a key that random needs no
 * slow hash: nobody can guess one to test against the digest), with its first characters to
 * recognise it by. A key acts for the secretary who issued it: a request with it is recorded by
 * them, and it stops working when it is revoked, when they are no longer the community's secretary
 * or when their account is disabled.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { inTransaction } from '@yishi/database';
import {
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type Party,
  type Role,
} from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';
import { recordAudit } from '@yishi/registry';

/** Keys of a community not revoked, at most; a cap keeps a forgotten loop from issuing thousands. */
export const MAX_ACTIVE_KEYS = 50;
const KEY_PREFIX = 'ys311_';
/** Characters of the key kept and shown to recognise it (`ys311_AbCd`). */
const SHOWN_LENGTH = KEY_PREFIX.length + 4;

export interface Open311KeyView {
  readonly id: string;
  readonly name: string;
  /** The key's first characters, e.g. `ys311_AbCd`. */
  readonly keyPrefix: string;
  readonly issuedBy: string;
  readonly issuedByName: string;
  readonly issuedAt: string;
  readonly revokedBy: string | null;
  readonly revokedAt: string | null;
  readonly lastUsedAt: string | null;
}

export interface IssuedOpen311Key extends Open311KeyView {
  /** The key itself: in this answer only. */
  readonly key: string;
}

/** Whom a valid key acts for. */
export interface Open311KeyHolder {
  readonly keyId: string;
  readonly communityId: string;
  readonly issuedBy: string;
  readonly roles: readonly Role[];
  readonly party: Party | null;
}

interface KeyRow {
  id: string;
  name: string;
  key_prefix: string;
  issued_by: string;
  issued_by_name: string;
  issued_at: Date;
  revoked_by: string | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

const view = (r: KeyRow): Open311KeyView => ({
  id: r.id,
  name: r.name,
  keyPrefix: r.key_prefix,
  issuedBy: r.issued_by,
  issuedByName: r.issued_by_name,
  issuedAt: r.issued_at.toISOString(),
  revokedBy: r.revoked_by,
  revokedAt: iso(r.revoked_at),
  lastUsedAt: iso(r.last_used_at),
});

const SELECT_KEYS = `
  SELECT k.id, k.name, k.key_prefix, k.issued_by, u.display_name AS issued_by_name, k.issued_at,
         k.revoked_by, k.revoked_at, k.last_used_at
    FROM open311_keys k JOIN users u ON u.id = k.issued_by`;

const digest = (key: string): Buffer => createHash('sha256').update(key, 'utf8').digest();

@Injectable()
export class Open311Keys {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** A new key named `name`, issued by `actorId` for the community; audited with the issue. */
  issue(actorId: string, communityId: string, name: string): Promise<IssuedOpen311Key> {
    const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const id = randomUUID();
    return inTransaction(this.pool, async (db) => {
      // The community row lock serialises issues, so the cap holds under concurrency.
      await db.query(`SELECT 1 FROM communities WHERE id = $1 FOR UPDATE`, [communityId]);
      const { rows: count } = await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM open311_keys WHERE community_id = $1 AND revoked_at IS NULL`,
        [communityId],
      );
      if (Number(count[0]?.n ?? 0) >= MAX_ACTIVE_KEYS)
        throw new ValidationError(
          `每个社区最多 ${MAX_ACTIVE_KEYS} 个有效的 Open311 密钥，请先吊销不再使用的`,
          { limit: MAX_ACTIVE_KEYS },
        );
      await db.query(
        `INSERT INTO open311_keys (id, community_id, name, key_hash, key_prefix, issued_by)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, communityId, name, digest(key), key.slice(0, SHOWN_LENGTH), actorId],
      );
      await recordAudit(db, {
        communityId,
        actorId,
        action: 'open311-key.issued',
        entity: 'open311-key',
        entityId: id,
        data: { name, keyPrefix: key.slice(0, SHOWN_LENGTH) },
      });
      const { rows } = await db.query<KeyRow>(`${SELECT_KEYS} WHERE k.id = $1`, [id]);
      return { ...view(rows[0]!), key };
    });
  }

  /** The community's keys, the newest first, revoked ones too; never a key or its digest. */
  async list(communityId: string): Promise<Open311KeyView[]> {
    const { rows } = await this.pool.query<KeyRow>(
      `${SELECT_KEYS} WHERE k.community_id = $1 ORDER BY k.issued_at DESC, k.id`,
      [communityId],
    );
    return rows.map(view);
  }

  /**
   * Revokes a key of the community: requests with it are refused from then on. A key revoked
   * already stays as it was (the first revocation is the one recorded); another community's is
   * not found.
   */
  async revoke(actorId: string, communityId: string, keyId: string): Promise<void> {
    await inTransaction(this.pool, async (db) => {
      const { rows } = await db.query<{ revoked_at: Date | null; name: string }>(
        `SELECT revoked_at, name FROM open311_keys WHERE id = $1 AND community_id = $2 FOR UPDATE`,
        [keyId, communityId],
      );
      const row = rows[0];
      if (row === undefined) throw new NotFoundError('找不到这个 Open311 密钥', { keyId });
      if (row.revoked_at !== null) return;
      await db.query(`UPDATE open311_keys SET revoked_at = now(), revoked_by = $2 WHERE id = $1`, [
        keyId,
        actorId,
      ]);
      await recordAudit(db, {
        communityId,
        actorId,
        action: 'open311-key.revoked',
        entity: 'open311-key',
        entityId: keyId,
        data: { name: row.name },
      });
    });
  }

  /**
   * Whom the key acts for, and notes its use; 403 for a missing, unknown or revoked key, and for one
   * whose issuer is no longer the community's secretary or whose account is disabled.
   */
  async authenticate(key: string | null): Promise<Open311KeyHolder> {
    if (key === null)
      throw new ForbiddenError('缺少 api_key：提交诉求需要社区书记签发的 Open311 密钥');
    const { rows } = await this.pool.query<{
      id: string;
      community_id: string;
      issued_by: string;
      revoked: boolean;
      disabled: boolean;
      roles: Role[] | null;
      party: Party | null;
    }>(
      `WITH found AS (
         SELECT k.id, k.community_id, k.issued_by, k.revoked_at IS NOT NULL AS revoked,
                u.disabled_at IS NOT NULL AS disabled, m.roles, m.party
           FROM open311_keys k
           JOIN users u ON u.id = k.issued_by
           LEFT JOIN memberships m ON m.user_id = k.issued_by AND m.community_id = k.community_id
          WHERE k.key_hash = $1
       ), used AS (
         UPDATE open311_keys k SET last_used_at = now() FROM found f
          WHERE k.id = f.id AND NOT f.revoked AND NOT f.disabled
            AND 'secretary' = ANY (coalesce(f.roles, '{}'))
       )
       SELECT * FROM found`,
      [digest(key)],
    );
    const row = rows[0];
    if (row === undefined) throw new ForbiddenError('api_key 无效，请向社区书记索取 Open311 密钥');
    if (row.revoked) throw new ForbiddenError('这个 api_key 已被吊销，请向社区书记索取新的密钥');
    if (row.disabled || !(row.roles ?? []).includes('secretary'))
      throw new ForbiddenError(
        '签发这个 api_key 的账号已不是本社区的书记，密钥已失效，请向现任书记索取新的密钥',
      );
    return {
      keyId: row.id,
      communityId: row.community_id,
      issuedBy: row.issued_by,
      roles: row.roles ?? [],
      party: row.party,
    };
  }
}
