import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { actorOf, Auth, Can, type RequestAuth } from '@yishi/access';
import { CloseVotingCommand } from './close-voting.command';
import { TallyResponse } from '../voting.dto';

@ApiTags('voting')
@Controller('resolutions/:resolutionId/close')
export class CloseVotingController {
  constructor(private readonly commands: CommandBus) {}

  /**
   * Closes voting now (the queue does it at closesAt): no ballot after this. The final tally is
   * recorded on the case: passed, the deliberation gate can hold; failed, the case returns to
   * analysis. A second close returns the same tally.
   */
  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'close voting now and record the result on the case' })
  @Can('resolutions.close')
  @ApiOkResponse({ type: TallyResponse })
  @ApiConflictResponse({ description: 'WRONG_STAGE: the case was closed while voting' })
  async close(
    @Auth() auth: RequestAuth,
    @Param('resolutionId') resolutionId: string,
  ): Promise<TallyResponse> {
    return this.commands.execute(new CloseVotingCommand(resolutionId, actorOf(auth), 'secretary'));
  }
}
