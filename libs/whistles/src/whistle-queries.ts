/**
 * Reads of the whistles: one whistle with its timeline (waiting briefly for `minVersion` so a
 * client reads its own write), the lists of a department, a community and a street, and a
 * whistle's scope for the access guard, folded from the log (never behind the read model: a
 * department a whistle was just passed to acts on it at once).
 */
import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import {
  currentDepartmentIds,
  formatChineseTime,
  NotFoundError,
  type Whistle,
  WHISTLE_EVENT_LABELS,
  WHISTLE_STATUS_LABELS,
  WHISTLE_TRACK_STATUS_LABELS,
  type WhistleEventType,
  type TrackStatus,
  type WhistleStatus,
} from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';
import { WhistleRepository, whistleStream } from './whistle-repository';
import { whistleTimelineDetail } from './whistle-timeline';
import {
  type WhistleDetailView,
  type WhistleListItemView,
  type WhistleListResponse,
  type WhistleTimelineItemView,
} from './whistles.dto';

/** What the guard needs of a whistle: its community, street and the departments it is with now. */
export interface WhistleScope {
  readonly communityId: string;
  readonly streetId: string;
  readonly departmentIds: readonly string[];
}

export interface WhistleListFilter {
  readonly status?: WhistleStatus | undefined;
  /** Only those issued from this demand, or this case. */
  readonly demandId?: string | undefined;
  readonly caseId?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

/** Which whistles a list is of. */
export type WhistleListOf =
  | { readonly departmentId: string }
  | { readonly communityId: string }
  | { readonly streetId: string };

interface ListRow {
  whistle_id: string;
  community_id: string;
  community_name: string;
  subject: string;
  status: WhistleStatus;
  department_ids: string[];
  tracks: { departmentId: string; status: TrackStatus }[];
  issued_at: Date;
  next_due_at: Date | null;
  demand_id: string | null;
  case_id: string | null;
  total: string;
}

const OPEN_STATUSES: readonly WhistleStatus[] = ['issued', 'accepted', 'on-site', 'answered'];

@Injectable()
export class WhistleQueries {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly whistles: WhistleRepository,
  ) {}

  async scope(whistleId: string): Promise<WhistleScope | undefined> {
    const { state } = await this.whistles.load(whistleId);
    if (state === null) return undefined;
    return {
      communityId: state.communityId,
      streetId: state.streetId,
      departmentIds: currentDepartmentIds(state),
    };
  }

  /** The names of departments, by id (an unknown one is left out). */
  async departmentNames(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const { rows } = await this.pool.query<{ id: string; name: string }>(
      `SELECT id, name FROM departments WHERE id = ANY($1::uuid[])`,
      [[...new Set(ids)]],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /**
   * One whistle as the read model holds it, once it reflects `minVersion` (or what the log holds,
   * if less), with its timeline from the log up to that version.
   */
  async read(whistleId: string, minVersion = 0, waitMs = 3_000): Promise<WhistleDetailView> {
    const deadline = Date.now() + waitMs;
    for (let pause = 2; ; pause = Math.min(pause * 2, 20)) {
      const { rows } = await this.pool.query<{
        state: Whistle | null;
        version: string | null;
        logged: string | null;
      }>(
        `SELECT v.state, v.version, s.version AS logged
           FROM (SELECT 1) one
           LEFT JOIN whistle_views v ON v.whistle_id = $1
           LEFT JOIN streams s ON s.stream_id = $2`,
        [whistleId, whistleStream(whistleId)],
      );
      const row = rows[0]!;
      const logged = Number(row.logged ?? 0);
      if (logged === 0 && row.state === null)
        throw new NotFoundError('找不到该吹哨', { whistleId });
      const wanted = Math.min(Math.max(minVersion, 1), logged);
      const ready = row.state !== null && Number(row.version) >= wanted;
      if (ready || Date.now() >= deadline) {
        if (row.state === null)
          throw new NotFoundError('吹哨还在登记中，请稍后再试', { whistleId });
        return this.detail(row.state, Number(row.version));
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  private async detail(w: Whistle, version: number): Promise<WhistleDetailView> {
    const events = await this.timelineRows(w.id, version);
    const ids = new Set(w.tracks.map((t) => t.departmentId));
    for (const t of w.tracks) if (t.transfer !== null) ids.add(t.transfer.toDepartmentId);
    const names = await this.departmentNames([...ids]);
    const name = (id: string) => names.get(id) ?? '（已删除的部门）';
    const timeline: WhistleTimelineItemView[] = events.map((r) => ({
      position: Number(r.stream_position),
      type: r.type,
      label: WHISTLE_EVENT_LABELS[r.type],
      detail: whistleTimelineDetail({ type: r.type, data: r.data }, name),
      actorId: r.actor_id,
      actorName: r.actor_name,
      occurredAt: r.occurred_at,
      occurredAtText: formatChineseTime(r.occurred_at),
    }));
    return {
      id: w.id,
      communityId: w.communityId,
      streetId: w.streetId,
      subject: w.subject,
      description: w.description,
      status: w.status,
      statusText: WHISTLE_STATUS_LABELS[w.status],
      demandId: w.source.demandId,
      caseId: w.source.caseId,
      onSite: w.onSite,
      acceptWithinWorkingHours: w.settings.acceptWithinWorkingHours,
      resolveWithinWorkingDays: w.settings.resolveWithinWorkingDays,
      issuedAt: w.issuedAt,
      issuedBy: w.issuedBy,
      departmentIds: currentDepartmentIds(w),
      tracks: w.tracks.map((t) => ({
        departmentId: t.departmentId,
        departmentName: names.get(t.departmentId) ?? null,
        status: t.status,
        statusText: WHISTLE_TRACK_STATUS_LABELS[t.status],
        issuedAt: t.issuedAt,
        transferredFrom: t.transferredFrom,
        acceptDueAt: t.acceptDueAt,
        acceptedAt: t.acceptedAt,
        acceptedOnTime: t.acceptedOnTime,
        answerDueAt: t.answerDueAt,
        round: t.round,
        reopenings: t.reopenings,
        checkIns: t.checkIns.map((c) => ({
          ...c,
          colleagues: [...c.colleagues],
          photoIds: [...c.photoIds],
        })),
        answers: t.answers.map((a) => ({ ...a, photoIds: [...a.photoIds] })),
        ratings: t.ratings.map((r) => ({ ...r })),
        transfer: t.transfer === null ? null : { ...t.transfer },
      })),
      withdrawalReason: w.withdrawal?.reason ?? null,
      version,
      timeline,
    };
  }

  private async timelineRows(whistleId: string, version: number) {
    const { rows } = await this.pool.query<{
      stream_position: string;
      type: WhistleEventType;
      data: never;
      actor_id: string | null;
      actor_name: string | null;
      occurred_at: string;
    }>(
      `SELECT e.stream_position, e.type, e.data, e.metadata->>'actorId' AS actor_id,
              u.display_name AS actor_name, e.metadata->>'occurredAt' AS occurred_at
         FROM events e
         LEFT JOIN users u ON u.id::text = e.metadata->>'actorId'
        WHERE e.stream_id = $1 AND e.stream_position <= $2
        ORDER BY e.stream_position`,
      [whistleStream(whistleId), version],
    );
    return rows;
  }

  /**
   * A department's whistles: those waiting for it to accept (待签收) first, newest first; then by
   * the next deadline; the finished last. A community's: newest first. A street's: its open ones,
   * by the next deadline.
   */
  async list(of: WhistleListOf, filter: WhistleListFilter): Promise<WhistleListResponse> {
    const params: unknown[] = [];
    const where: string[] = [];
    let order = 'v.issued_at DESC, v.whistle_id';
    if ('departmentId' in of) {
      params.push(of.departmentId);
      where.push(`v.department_ids @> ARRAY[$${params.length}::uuid]`);
      params.push(JSON.stringify([{ departmentId: of.departmentId, status: 'issued' }]));
      order = `v.tracks @> $${params.length}::jsonb DESC,
               CASE WHEN v.tracks @> $${params.length}::jsonb THEN v.issued_at END DESC,
               v.next_due_at ASC NULLS LAST, v.issued_at DESC, v.whistle_id`;
    } else if ('communityId' in of) {
      params.push(of.communityId);
      where.push(`v.community_id = $${params.length}`);
    } else {
      params.push(of.streetId);
      where.push(`v.street_id = $${params.length}`);
      params.push(OPEN_STATUSES);
      where.push(`v.status = ANY($${params.length}::text[])`);
      order = 'v.next_due_at ASC NULLS LAST, v.issued_at DESC, v.whistle_id';
    }
    if (filter.status !== undefined) {
      params.push(filter.status);
      where.push(`v.status = $${params.length}`);
    }
    if (filter.demandId !== undefined) {
      params.push(filter.demandId);
      where.push(`v.demand_id = $${params.length}`);
    }
    if (filter.caseId !== undefined) {
      params.push(filter.caseId);
      where.push(`v.case_id = $${params.length}`);
    }
    params.push(filter.limit, filter.offset);
    const { rows } = await this.pool.query<ListRow>(
      `SELECT v.whistle_id, v.community_id, c.name AS community_name, v.subject, v.status,
              v.department_ids, v.issued_at, v.next_due_at, v.demand_id, v.case_id,
              (SELECT coalesce(jsonb_agg(jsonb_build_object(
                        'departmentId', t->>'departmentId', 'status', t->>'status')), '[]')
                 FROM jsonb_array_elements(v.tracks) t
                WHERE t->>'status' <> 'transferred') AS tracks,
              count(*) OVER () AS total
         FROM whistle_views v JOIN communities c ON c.id = v.community_id
        WHERE ${where.join(' AND ')}
        ORDER BY ${order}
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    const items: WhistleListItemView[] = rows.map((r) => ({
      id: r.whistle_id,
      communityId: r.community_id,
      communityName: r.community_name,
      subject: r.subject,
      status: r.status,
      statusText: WHISTLE_STATUS_LABELS[r.status],
      departmentIds: r.department_ids,
      tracks: r.tracks.map((t) => ({ ...t, statusText: WHISTLE_TRACK_STATUS_LABELS[t.status] })),
      issuedAt: r.issued_at.toISOString(),
      dueAt: r.next_due_at?.toISOString() ?? null,
      demandId: r.demand_id,
      caseId: r.case_id,
    }));
    let total = Number(rows[0]?.total ?? 0);
    if (rows.length === 0 && filter.offset > 0) total = await this.count(of, filter);
    return { items, total };
  }

  private async count(of: WhistleListOf, filter: WhistleListFilter): Promise<number> {
    const all = await this.list(of, { ...filter, offset: 0, limit: 1 });
    return all.total;
  }
}
