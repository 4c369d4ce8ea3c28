import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Pool } from 'pg';
import { Can } from '@yishi/access';
import { PG_POOL } from '@yishi/platform';
import { readAudit } from '@yishi/registry';
import { AuditPage, PageQuery } from './registry.dto';

/** Who changed what in the registry and memberships, and when; newest first. */
@ApiTags('registry')
@Controller()
export class AuditController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Get('communities/:communityId/audit')
  @Can('audit.read')
  @ApiOkResponse({ type: AuditPage })
  community(
    @Param('communityId') communityId: string,
    @Query() page: PageQuery,
  ): Promise<AuditPage> {
    return readAudit(this.pool, { communityId, limit: page.limit ?? 50, offset: page.offset ?? 0 });
  }

  @Get('audit')
  @Can('audit.read-platform')
  @ApiOkResponse({ type: AuditPage })
  platform(@Query() page: PageQuery): Promise<AuditPage> {
    return readAudit(this.pool, { limit: page.limit ?? 50, offset: page.offset ?? 0 });
  }
}
