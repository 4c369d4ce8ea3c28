import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Can } from '@yishi/access';
import { VotingService } from '@yishi/workflow';
import { ResolutionView, TallyResponse } from '../voting.dto';

/** Reads of a vote, strongly consistent: straight from the resolution's and ballots' streams. */
@ApiTags('voting')
@Controller('resolutions/:resolutionId')
export class ResolutionQueriesController {
  constructor(private readonly voting: VotingService) {}

  @Get()
  @Can('resolutions.read')
  @ApiOkResponse({ type: ResolutionView })
  read(@Param('resolutionId') resolutionId: string): Promise<ResolutionView> {
    return this.voting.read(resolutionId);
  }

  /** Recomputed from the ballots: while open the running count, after the close the result. */
  @Get('tally')
  @Can('resolutions.tally')
  @ApiOkResponse({ type: TallyResponse })
  tally(@Param('resolutionId') resolutionId: string): Promise<TallyResponse> {
    return this.voting.currentTally(resolutionId);
  }
}
