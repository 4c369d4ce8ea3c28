import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { type AuditRecord } from '../audit';
import { AuditQueries } from '../audit.queries';
import { ReadAuditQuery } from './read-audit.query';

@QueryHandler(ReadAuditQuery)
export class ReadAuditHandler implements IQueryHandler<
  ReadAuditQuery,
  { items: AuditRecord[]; total: number }
> {
  constructor(private readonly audit: AuditQueries) {}

  execute(m: ReadAuditQuery): Promise<{ items: AuditRecord[]; total: number }> {
    return this.audit.read(m.filter);
  }
}
