import { type Pool, type PoolClient } from 'pg';

export interface AuditEntry {
  readonly communityId: string | null;
  readonly actorId: string | null;
  /** What happened, e.g. `membership.created`. */
  readonly action: string;
  readonly entity: string;
  readonly entityId: string | null;
  readonly data: Record<string, unknown>;
}

/** Written in the transaction of the change it describes, so neither exists without the other. */
export async function recordAudit(db: PoolClient, entry: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (community_id, actor_id, action, entity, entity_id, data)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [entry.communityId, entry.actorId, entry.action, entry.entity, entry.entityId, entry.data],
  );
}

export interface AuditRecord extends AuditEntry {
  readonly id: number;
  readonly actorName: string | null;
  readonly at: string;
}

/** Newest first; `communityId` undefined reads the whole log (the platform admin's view). */
export async function readAudit(
  db: Pool,
  filter: { communityId?: string; limit: number; offset: number },
): Promise<{ items: AuditRecord[]; total: number }> {
  const where = filter.communityId === undefined ? '' : 'WHERE a.community_id = $1';
  const scope: unknown[] = filter.communityId === undefined ? [] : [filter.communityId];
  const total = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM audit_log a ${where}`,
    scope,
  );
  const at = scope.length;
  const { rows } = await db.query<{
    id: string;
    community_id: string | null;
    actor_id: string | null;
    actor_name: string | null;
    action: string;
    entity: string;
    entity_id: string | null;
    data: Record<string, unknown>;
    at: Date;
  }>(
    `SELECT a.*, u.display_name AS actor_name
       FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
       ${where} ORDER BY a.id DESC LIMIT $${at + 1} OFFSET $${at + 2}`,
    [...scope, filter.limit, filter.offset],
  );
  return {
    total: Number(total.rows[0]?.n ?? 0),
    items: rows.map((r) => ({
      id: Number(r.id),
      communityId: r.community_id,
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      data: r.data,
      at: r.at.toISOString(),
    })),
  };
}
