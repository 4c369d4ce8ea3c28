import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { PG_POOL } from '@yishi/platform';
import { listDeadLetters, type DeadLetterView } from './webhooks/delivery';

/** Webhook deliveries that failed for good, for the platform admin. */
@Injectable()
export class DeadLetterQueries {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  page(filter: {
    communityId?: string;
    limit: number;
    offset: number;
  }): Promise<{ items: DeadLetterView[]; total: number }> {
    return listDeadLetters(this.pool, filter);
  }
}
