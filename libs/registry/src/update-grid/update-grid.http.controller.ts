import { Body, Controller, Param, Patch } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { OperationId } from '@yishi/platform';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { type GridView as Grid } from '../grids';
import { GridView, UpdateGridRequest } from '../grids.dto';
import { UpdateGridCommand } from './update-grid.command';

@ApiTags('registry')
@Controller('grids')
export class UpdateGridController {
  constructor(private readonly commands: CommandBus) {}

  @Patch(':gridId')
  @OperationId('GridsController_update')
  @Can('grids.update')
  @ApiOkResponse({ type: GridView })
  @ApiBadRequestResponse({
    description:
      "VALIDATION_FAILED: a building not in the community's unit ledger, or a worker who is not a grid worker of the community",
  })
  @ApiConflictResponse({
    description:
      'ALREADY_EXISTS: a building already belongs to another grid (details.buildings names it and the grid), or the name is taken',
  })
  update(
    @Auth() auth: RequestAuth,
    @Param('gridId') gridId: string,
    @Body() body: UpdateGridRequest,
  ): Promise<Grid> {
    return this.commands.execute(
      new UpdateGridCommand(auth.user.id, gridId, {
        ...(body.name === undefined ? {} : { name: body.name }),
        ...(body.buildings === undefined
          ? {}
          : { buildings: body.buildings.map((b) => ({ estate: b.estate, building: b.building })) }),
        ...(body.workerUserIds === undefined ? {} : { workerUserIds: body.workerUserIds }),
      }),
    );
  }
}
