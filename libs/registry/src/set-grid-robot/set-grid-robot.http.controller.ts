import { Body, Controller, HttpCode, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OperationId } from '@yishi/platform';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { type GridView as Grid } from '../grids';
import { GridView, SetGridRobotRequest } from '../grids.dto';
import { SetGridRobotCommand } from './set-grid-robot.command';

/** `PUT /grids/:gridId/robot`: the grid's WeCom or DingTalk group robot. */
@ApiTags('registry')
@Controller('grids')
export class SetGridRobotController {
  constructor(private readonly commands: CommandBus) {}

  @Put(':gridId/robot')
  @HttpCode(200)
  @OperationId('GridsController_setRobot')
  @Can('grids.set-robot')
  @ApiOkResponse({
    type: GridView,
    description: 'the grid, its robot shown as {kind, configured, host} (never the URL or secret)',
  })
  @ApiBadRequestResponse({
    description: 'VALIDATION_FAILED: a URL that is not the kind’s robot endpoint, or a bad secret',
  })
  set(
    @Auth() auth: RequestAuth,
    @Param('gridId') gridId: string,
    @Body() body: SetGridRobotRequest,
  ): Promise<Grid> {
    return this.commands.execute(
      new SetGridRobotCommand(auth.user.id, gridId, {
        kind: body.kind,
        webhookUrl: body.webhookUrl,
        secret: body.secret ?? null,
      }),
    );
  }
}
