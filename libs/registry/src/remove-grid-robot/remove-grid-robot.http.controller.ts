import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiNoContentResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { OperationId } from '@yishi/platform';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { RemoveGridRobotCommand } from './remove-grid-robot.command';

/** `DELETE /grids/:gridId/robot`. */
@ApiTags('registry')
@Controller('grids')
export class RemoveGridRobotController {
  constructor(private readonly commands: CommandBus) {}

  @Delete(':gridId/robot')
  @HttpCode(204)
  @OperationId('GridsController_removeRobot')
  @Can('grids.remove-robot')
  @ApiNoContentResponse({ description: 'removed; messages still pending for it are dropped' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no such grid, or it has no robot' })
  async remove(@Auth() auth: RequestAuth, @Param('gridId') gridId: string): Promise<void> {
    await this.commands.execute(new RemoveGridRobotCommand(auth.user.id, gridId));
  }
}
