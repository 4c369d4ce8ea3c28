import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Can } from '@yishi/access';
import { Auth, type RequestAuth } from '../../../access/request-auth';
import { CastBallotCommand } from '../../voting.commands';
import { BallotResponse } from '../../voting.dto';
import { CastBallotRequest } from './cast-ballot.request.dto';

@ApiTags('voting')
@Controller('resolutions/:resolutionId/ballots')
export class CastBallotController {
  constructor(private readonly commands: CommandBus) {}

  /**
   * An owner's ballot for their own unit in the frozen electorate. One per unit; co-owners share it
   * (the first stands). 403 for a unit outside the electorate or someone else's.
   */
  @Post()
  @Can('resolutions.ballot')
  @ApiCreatedResponse({ type: BallotResponse })
  @ApiConflictResponse({
    description:
      'ALREADY_VOTED: the unit has voted; WRONG_STAGE: voting is closed or past closesAt',
  })
  async cast(
    @Auth() auth: RequestAuth,
    @Param('resolutionId') resolutionId: string,
    @Body() body: CastBallotRequest,
  ): Promise<BallotResponse> {
    const ballot = await this.commands.execute(
      new CastBallotCommand(
        resolutionId,
        { userId: auth.user.id },
        { choice: body.choice, unitId: body.unitId ?? null },
      ),
    );
    return {
      resolutionId: ballot.resolutionId,
      unitId: ballot.unitId,
      choice: ballot.choice,
      channel: ballot.channel,
      castAt: ballot.castAt,
    };
  }
}
