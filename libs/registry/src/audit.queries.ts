import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { PG_POOL } from '@yishi/platform';
import { readAudit, type AuditRecord } from './audit';

/** The audit log, newest first: one community's, or the whole platform's. */
@Injectable()
export class AuditQueries {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  read(filter: {
    communityId?: string;
    limit: number;
    offset: number;
  }): Promise<{ items: AuditRecord[]; total: number }> {
    return readAudit(this.pool, filter);
  }
}
