import { Query } from '@nestjs/cqrs';
import { type AuditRecord } from '../audit';

/** One community's audit log (or, without `communityId`, the platform's), newest first. */
export class ReadAuditQuery extends Query<{ items: AuditRecord[]; total: number }> {
  constructor(readonly filter: { communityId?: string; limit: number; offset: number }) {
    super();
  }
}
