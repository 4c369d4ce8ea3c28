import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Can } from '@yishi/access';
import { WhistleDetailView, WhistleVersionQuery } from '../whistles.dto';
import { ReadWhistleQuery } from './read-whistle.query';

@ApiTags('whistles')
@Controller('whistles/:whistleId')
export class ReadWhistleController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Can('whistles.read')
  @ApiOkResponse({ type: WhistleDetailView })
  read(
    @Param('whistleId') whistleId: string,
    @Query() q: WhistleVersionQuery,
  ): Promise<WhistleDetailView> {
    return this.queries.execute(new ReadWhistleQuery(whistleId, q.minVersion ?? 0));
  }
}
