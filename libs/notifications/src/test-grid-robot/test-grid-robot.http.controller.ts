import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OperationId } from '@yishi/platform';
import { Can } from '@yishi/access';
import { TestGridRobotCommand } from './test-grid-robot.command';
import { GridRobotTestView } from './test-grid-robot.response.dto';

/** `POST /grids/:gridId/robot/test`: is the grid's group robot reachable and does it accept us? */
@ApiTags('notifications')
@Controller('grids')
export class TestGridRobotController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':gridId/robot/test')
  @HttpCode(200)
  @OperationId('GridsController_testRobot')
  @Can('grids.test-robot')
  @ApiOkResponse({
    type: GridRobotTestView,
    description: 'the test message was posted once (no retry); the robot’s answer',
  })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no such grid, or it has no robot' })
  test(@Param('gridId') gridId: string): Promise<GridRobotTestView> {
    return this.commands.execute(new TestGridRobotCommand(gridId));
  }
}
