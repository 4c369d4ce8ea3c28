import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Can } from '@yishi/access';
import { OperationId } from '@yishi/platform';
import { ListOpinionsQuery } from './list-opinions.query';
import { OpinionList } from './list-opinions.response.dto';

/** A case's opinions and replies, oldest first. */
@ApiTags('cases')
@Controller('cases/:caseId/opinions')
export class ListOpinionsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @OperationId('OpinionsController_list')
  @Can('cases.opinions')
  @ApiOkResponse({ type: OpinionList })
  async list(@Param('caseId') caseId: string): Promise<OpinionList> {
    return { items: await this.queries.execute(new ListOpinionsQuery(caseId)) };
  }
}
