import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiTags,
  ApiOperation,
} from '@nestjs/swagger';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { CastBallotCommand } from './cast-ballot.command';
import { BallotResponse } from '../voting.dto';
import { CastBallotRequest } from './cast-ballot.request.dto';

@ApiTags('voting')
@Controller('resolutions/:resolutionId/ballots')
export class CastBallotController {
  constructor(private readonly commands: CommandBus) {}

  /**
   * A unit's ballot in the frozen electorate: an owner's for their own unit, an agent's under a
   * written proxy (channel `proxy`), or a building lead's paper ballot for a unit of their building
   * (`channel: "paper"`, `sheetRef`, or the `serial` of a printed sheet). One per unit; co-owners share it (the first stands); the
   * owner's own replaces a proxy's or a paper one. 403 for a unit outside the electorate or one
   * the caller has no standing for. A resident poll: one answer per household, by any resident
   * (owner or tenant), the first stands. A council: one answer per party present, by one of its
   * signed-in attendees (403 for anyone else); it closes once every party present has answered.
   * With plans, `choice` is an option's index (400 out of range).
   */
  @Post()
  @ApiOperation({
    summary: "cast a unit's ballot, a household's answer to a poll, or a party's in council",
  })
  @Can('resolutions.ballot')
  @ApiCreatedResponse({ type: BallotResponse })
  @ApiConflictResponse({
    description:
      'ALREADY_VOTED: the unit has voted (a paper sheet entered by serial is then recorded as refused); WRONG_STAGE: voting is closed or past closesAt; SERIAL_ALREADY_ENTERED: the sheet was entered before; SERIAL_VOIDED: the sheet was replaced by a new one',
  })
  @ApiBadRequestResponse({
    description:
      'SERIAL_INVALID: a serial with a wrong length, character or check character; SERIAL_MISMATCH: a sheet of another resolution or another unit',
  })
  @ApiNotFoundResponse({ description: 'SERIAL_NOT_FOUND: no sheet has this serial' })
  async cast(
    @Auth() auth: RequestAuth,
    @Param('resolutionId') resolutionId: string,
    @Body() body: CastBallotRequest,
  ): Promise<BallotResponse> {
    const ballot = await this.commands.execute(
      new CastBallotCommand(
        resolutionId,
        { userId: auth.user.id, boundUnitIds: auth.boundUnitIds },
        {
          choice: body.choice,
          unitId: body.unitId ?? null,
          channel: body.channel ?? null,
          sheetRef: body.sheetRef ?? null,
          serial: body.serial ?? null,
        },
      ),
    );
    return {
      resolutionId: ballot.resolutionId,
      unitId: ballot.unitId,
      choice: ballot.choice,
      ...(ballot.option === undefined ? {} : { option: ballot.option }),
      channel: ballot.channel,
      byOwner: ballot.byOwner,
      castBy: ballot.castBy,
      proxyId: ballot.proxyId ?? null,
      sheetRef: ballot.sheetRef ?? null,
      serial: ballot.serial ?? null,
      castAt: ballot.castAt,
    };
  }
}
