import { NotFoundError, type Case, type Stage } from '@yishi/domain';
import { type Queryable } from '@yishi/event-store';
import { toCaseSummary, toCaseView, upgradeStoredCase, type CaseView } from './case-view';

/**
 * Reads of the case read models. `minVersion` (from a write's response) waits briefly for the
 * projection to catch up, so a client reads its own write.
 */
export async function readCaseView(
  db: Queryable,
  caseId: string,
  minVersion = 0,
  waitMs = 3_000,
): Promise<CaseView> {
  const deadline = Date.now() + waitMs;
  // The projection is usually a few milliseconds behind (woken by the append): look again soon,
  // then less often, up to every 20 ms.
  for (let pause = 2; ; pause = Math.min(pause * 2, 20)) {
    // The view and the log's version in one statement: wait only for what the log already holds.
    const { rows } = await db.query<{
      state: Case | null;
      version: string | null;
      logged: string | null;
    }>(
      `SELECT v.state, v.version, s.version AS logged
         FROM (SELECT 1) one
         LEFT JOIN case_views v ON v.case_id = $1
         LEFT JOIN streams s ON s.stream_id = 'case-' || $1::text`,
      [caseId],
    );
    const row = rows[0]!;
    const view =
      row.state === null ? undefined : { state: row.state, version: Number(row.version) };
    const logged = Number(row.logged ?? 0);
    if (logged === 0 && view === undefined) throw new NotFoundError('找不到该议题', { caseId });
    const wanted = Math.min(Math.max(minVersion, 1), logged);
    if (view !== undefined && view.version >= wanted)
      return toCaseView(upgradeStoredCase(view.state), view.version);
    if (Date.now() >= deadline) {
      if (view !== undefined) return toCaseView(upgradeStoredCase(view.state), view.version);
      throw new NotFoundError('议题还在生成中，请稍后再试', { caseId });
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/** The filters of GET /communities/:id/cases (`handlerId`: the handler's user id, resolved from `me`). */
export interface CaseListFilter {
  readonly stage?: Stage | undefined;
  readonly status?: string | undefined;
  readonly handlerId?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

export async function listCases(db: Queryable, communityId: string, filter: CaseListFilter) {
  const where = `community_id = $1 AND ($2::text IS NULL OR stage = $2) AND ($3::text IS NULL OR status = $3)
    AND ($4::uuid IS NULL OR handler_id = $4)`;
  const args = [communityId, filter.stage ?? null, filter.status ?? null, filter.handlerId ?? null];
  const total = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM case_views WHERE ${where}`,
    args,
  );
  const { rows } = await db.query<{ state: Case; version: string }>(
    `SELECT state, version FROM case_views WHERE ${where}
      ORDER BY opened_at DESC, case_id LIMIT $5 OFFSET $6`,
    [...args, filter.limit, filter.offset],
  );
  return {
    items: rows.map((r) => toCaseSummary(upgradeStoredCase(r.state), Number(r.version))),
    total: Number(total.rows[0]?.n ?? 0),
  };
}

export async function readTimeline(db: Queryable, caseId: string) {
  const { rows } = await db.query<{
    position: string;
    type: string;
    data: unknown;
    actor_id: string | null;
    occurred_at: Date;
  }>(
    `SELECT position, type, data, actor_id, occurred_at FROM case_timeline
      WHERE case_id = $1 ORDER BY position`,
    [caseId],
  );
  return {
    items: rows.map((r) => ({
      position: Number(r.position),
      type: r.type,
      data: r.data,
      actorId: r.actor_id,
      occurredAt: r.occurred_at.toISOString(),
    })),
  };
}

/** The opinions of a case, oldest first, with their authors' names. */
export async function readCaseOpinions(db: Queryable, caseId: string) {
  const { rows } = await db.query<{ state: Case }>(
    `SELECT state FROM case_views WHERE case_id = $1`,
    [caseId],
  );
  const opinions = rows[0]?.state.opinions ?? [];
  const names = await db.query<{ id: string; display_name: string }>(
    `SELECT id, display_name FROM users WHERE id = ANY($1::uuid[])`,
    [[...new Set(opinions.map((o) => o.authorId))]],
  );
  const nameOf = new Map(names.rows.map((r) => [r.id, r.display_name]));
  return opinions.map((o) => ({
    id: o.id,
    content: o.content,
    replyTo: o.replyTo,
    party: o.party,
    stage: o.stage,
    authorId: o.authorId,
    authorName: nameOf.get(o.authorId) ?? '',
    postedAt: o.postedAt,
  }));
}
