import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { DemandCallers } from '../demand-caller';
import { DemandDetailView, DemandVersionQuery } from '../demands.dto';
import { ReadDemandQuery } from './read-demand.query';

/** One demand with its timeline; one the caller may not read is not found (404). */
@ApiTags('demands')
@Controller('demands/:demandId')
export class ReadDemandController {
  constructor(
    private readonly queries: QueryBus,
    private readonly callers: DemandCallers,
  ) {}

  @Get()
  @Can('demands.read')
  @ApiOkResponse({ type: DemandDetailView })
  async read(
    @Auth() auth: RequestAuth,
    @Param('demandId') demandId: string,
    @Query() q: DemandVersionQuery,
  ): Promise<DemandDetailView> {
    return this.queries.execute(
      new ReadDemandQuery(demandId, await this.callers.of(auth), q.minVersion ?? 0),
    );
  }
}
