import { Controller, Get, Param } from '@nestjs/common';
import { Auth, type RequestAuth } from '../../access/request-auth';
import { ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { Can } from '@yishi/access';
import { VotingService } from '@yishi/workflow';
import { ObjectionList, ResolutionView, TallyResponse } from '../voting.dto';

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

  /** Objections (询异): a secretary's (and the admin's) list is all; anyone else's, their own. */
  @Get('objections')
  @ApiOperation({ summary: "a resolution's objections (询异)" })
  @Can('resolutions.objections')
  @ApiOkResponse({ type: ObjectionList })
  async objections(
    @Auth() auth: RequestAuth,
    @Param('resolutionId') resolutionId: string,
  ): Promise<ObjectionList> {
    const all =
      auth.caller.admin || (auth.membership?.roles.includes('secretary') ?? false) === true;
    const items = await this.voting.objections(resolutionId, { userId: auth.user.id, all });
    return {
      items: items.map((o) => ({
        id: o.objectionId,
        unitId: o.unitId,
        filedBy: o.filedBy,
        proxyId: o.proxyId ?? null,
        content: o.content,
        filedAt: o.filedAt,
        answer: o.answer,
      })),
    };
  }
}
