import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiOperation,
} from '@nestjs/swagger';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { CanvassListQuery, RecordVisitCommand, TurnoutQuery } from './canvass.commands';
import { type CanvassList, type Canvasser, type TurnoutView } from './canvass.views';
import { CanvassListView, TurnoutResponse, VisitView } from './canvass.dto';
import { BoardQuery, RecordVisitRequest } from './canvass.request.dto';

const canvasser = (auth: RequestAuth): Canvasser => ({
  userId: auth.user.id,
  seesAll: auth.caller.admin || (auth.membership?.roles.includes('secretary') ?? false),
});

/**
 * Canvassing (扫楼) while a vote is open: building leads and grid workers record visits to the
 * units of their buildings; the turnout board shows how far the vote is from two thirds.
 */
@ApiTags('voting')
@Controller('resolutions/:resolutionId')
export class CanvassController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('canvass/visits')
  @ApiOperation({ summary: 'record a canvass visit (扫楼) to a unit while its vote is open' })
  @Can('canvass.visit')
  @ApiCreatedResponse({ type: VisitView })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: not a unit of your buildings, or not voting' })
  @ApiConflictResponse({ description: 'WRONG_STAGE: voting is closed' })
  visit(
    @Auth() auth: RequestAuth,
    @Param('resolutionId') resolutionId: string,
    @Body() body: RecordVisitRequest,
  ): Promise<VisitView> {
    return this.commands.execute(new RecordVisitCommand(resolutionId, canvasser(auth), body));
  }

  /** The units of your buildings (a secretary's: all) with status and latest visits. */
  @Get('canvass')
  @ApiOperation({ summary: "a vote's units with canvass status and latest visits" })
  @Can('canvass.read')
  @ApiOkResponse({ type: CanvassListView })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: a building you do not serve' })
  list(
    @Auth() auth: RequestAuth,
    @Param('resolutionId') resolutionId: string,
    @Query() query: BoardQuery,
  ): Promise<CanvassList> {
    return this.queries.execute(new CanvassListQuery(resolutionId, canvasser(auth), query));
  }

  /** Live: participation against two thirds by area and headcount, the gaps, the closers. */
  @Get('turnout')
  @ApiOperation({ summary: 'live turnout board: distance to two thirds by area and headcount' })
  @Can('resolutions.turnout')
  @ApiOkResponse({ type: TurnoutResponse })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no unit of the vote in that estate or building' })
  turnout(
    @Param('resolutionId') resolutionId: string,
    @Query() query: BoardQuery,
  ): Promise<TurnoutView> {
    return this.queries.execute(new TurnoutQuery(resolutionId, query));
  }
}
