import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Can } from '@yishi/access';
import { AuditPage, PageQuery } from '../registry.dto';
import { ReadAuditQuery } from './read-audit.query';

/** Who changed what in the registry and memberships, and when; newest first. */
@ApiTags('registry')
@Controller()
export class AuditController {
  constructor(private readonly queries: QueryBus) {}

  @Get('communities/:communityId/audit')
  @Can('audit.read')
  @ApiOkResponse({ type: AuditPage })
  community(
    @Param('communityId') communityId: string,
    @Query() page: PageQuery,
  ): Promise<AuditPage> {
    return this.queries.execute(
      new ReadAuditQuery({ communityId, limit: page.limit ?? 50, offset: page.offset ?? 0 }),
    );
  }

  @Get('audit')
  @Can('audit.read-platform')
  @ApiOkResponse({ type: AuditPage })
  platform(@Query() page: PageQuery): Promise<AuditPage> {
    return this.queries.execute(
      new ReadAuditQuery({ limit: page.limit ?? 50, offset: page.offset ?? 0 }),
    );
  }
}
