/**
 * What Open311 keeps and reads besides the ledger: the jurisdiction (a community), the row of each
 * demand submitted through Open311 (`open311_requests`: its key and what it publishes), and the
 * public reads, which list those demands only, joined to the ledger's read model.
 */
import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { NotFoundError, ValidationError, type LedgerDemand } from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';
import { MAX_REQUESTS, type PublicDemand, type RequestsFilter } from './georeport';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Open311RequestRow {
  readonly demandId: string;
  readonly communityId: string;
  readonly keyId: string;
  readonly description: string | null;
  readonly lat: number | null;
  readonly long: number | null;
  readonly addressString: string | null;
  readonly mediaUrl: string | null;
}

interface PublicRow {
  state: LedgerDemand;
  due_at: Date;
  updated_at: Date | null;
  description: string | null;
  lat: number | null;
  long: number | null;
  address_string: string | null;
  media_url: string | null;
}

@Injectable()
export class Open311Requests {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /**
   * The community a request is about: `jurisdiction_id` (the community's id), or the platform's
   * only community when it has one alone; 400 when it has several and none is named, 404 for one
   * that does not exist.
   */
  async jurisdiction(jurisdictionId: string | null): Promise<string> {
    if (jurisdictionId !== null) {
      const found = UUID.test(jurisdictionId)
        ? await this.pool.query(`SELECT 1 FROM communities WHERE id = $1`, [jurisdictionId])
        : { rowCount: 0 };
      if (found.rowCount === 0)
        throw new NotFoundError('找不到这个辖区：jurisdiction_id 应为社区编号', {
          jurisdictionId,
        });
      return jurisdictionId;
    }
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT id FROM communities ORDER BY created_at, id LIMIT 2`,
    );
    if (rows.length === 1) return rows[0]!.id;
    if (rows.length === 0) throw new NotFoundError('本平台还没有社区');
    throw new ValidationError('本平台服务多个社区，请用 jurisdiction_id 指明社区（社区编号）', {
      field: 'jurisdiction_id',
    });
  }

  /** Recorded before the demand's intake, so a demand from Open311 never lacks its row. */
  async record(r: Open311RequestRow): Promise<void> {
    await this.pool.query(
      `INSERT INTO open311_requests
         (demand_id, community_id, key_id, description, lat, long, address_string, media_url)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        r.demandId,
        r.communityId,
        r.keyId,
        r.description,
        r.lat,
        r.long,
        r.addressString,
        r.mediaUrl,
      ],
    );
  }

  /** Removes the row of an intake that was refused (nothing was appended for it). */
  async forget(demandId: string): Promise<void> {
    await this.pool.query(`DELETE FROM open311_requests WHERE demand_id = $1`, [demandId]);
  }

  /**
   * The community's demands submitted through Open311 that the filter selects, the newest first,
   * at most MAX_REQUESTS: by number or id when `ids` is given, else by service, status and the time
   * received. A demand the read model does not hold yet is not listed.
   */
  async list(communityId: string, f: RequestsFilter): Promise<PublicDemand[]> {
    const args: unknown[] = [communityId];
    const p = (value: unknown): string => `$${args.push(value)}`;
    const where = [`o.community_id = $1`, `v.community_id = $1`];
    if (f.ids !== null) {
      const uuids = f.ids.filter((id) => UUID.test(id));
      where.push(
        `(v.number = ANY (${p(f.ids)}::text[]) OR v.demand_id = ANY (${p(uuids)}::uuid[]))`,
      );
    } else {
      if (f.serviceCodes !== null) where.push(`v.category = ANY (${p(f.serviceCodes)}::text[])`);
      if (f.statuses !== null && f.statuses.length === 1)
        where.push(
          `v.status ${f.statuses[0] === 'closed' ? '' : 'NOT '}IN ('closed', 'withdrawn', 'merged')`,
        );
      where.push(`v.received_at >= ${p(f.from)}`, `v.received_at < ${p(f.to)}`);
    }
    const { rows } = await this.pool.query<PublicRow>(
      `SELECT v.state, v.due_at, o.description, o.lat, o.long, o.address_string, o.media_url,
              (SELECT coalesce((e.metadata->>'occurredAt')::timestamptz, e.recorded_at)
                 FROM events e
                WHERE e.stream_id = 'demand-' || v.demand_id AND e.stream_position = v.version
              ) AS updated_at
         FROM open311_requests o
         JOIN demand_views v ON v.demand_id = o.demand_id
        WHERE ${where.join(' AND ')}
        ORDER BY v.received_at DESC, v.demand_id
        LIMIT ${p(MAX_REQUESTS)}`,
      args,
    );
    return rows.map((r) => ({
      state: r.state,
      dueAt: r.due_at.toISOString(),
      updatedAt: (r.updated_at ?? new Date(r.state.receivedAt)).toISOString(),
      description: r.description,
      lat: r.lat,
      long: r.long,
      addressString: r.address_string,
      mediaUrl: r.media_url,
    }));
  }
}
