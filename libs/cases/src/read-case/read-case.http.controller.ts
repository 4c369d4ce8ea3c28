import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Can } from '@yishi/access';
import { OperationId } from '@yishi/platform';
import { CaseDetailView, CaseVersionQuery } from '../cases.dto';
import { ReadCaseQuery } from './read-case.query';

/** One case as its read model shows it (waiting for `minVersion` when the caller just wrote). */
@ApiTags('cases')
@Controller('cases/:caseId')
export class ReadCaseController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @OperationId('CaseQueriesController_read')
  @Can('cases.read')
  @ApiOkResponse({ type: CaseDetailView })
  read(@Param('caseId') caseId: string, @Query() q: CaseVersionQuery): Promise<CaseDetailView> {
    return this.queries.execute(new ReadCaseQuery(caseId, q.minVersion ?? 0));
  }
}
