import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiTags,
} from '@nestjs/swagger';
import { OperationId } from '@yishi/platform';
import { Auth, Can, communityOf, NewId, type RequestAuth } from '@yishi/access';
import { type GridRef } from '../grids';
import { CreateGridRequest, GridRefView } from '../grids.dto';
import { CreateGridCommand } from './create-grid.command';

@ApiTags('registry')
@Controller('communities/:communityId/grids')
export class CreateGridController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @OperationId('GridsController_create')
  @Can('grids.create')
  @ApiCreatedResponse({ type: GridRefView })
  @ApiBadRequestResponse({
    description:
      "VALIDATION_FAILED: a building not in the community's unit ledger, or a worker who is not a grid worker of the community",
  })
  @ApiConflictResponse({
    description:
      'ALREADY_EXISTS: a building already belongs to another grid (details.buildings names it and the grid), or the name is taken',
  })
  create(
    @Auth() auth: RequestAuth,
    @Body() body: CreateGridRequest,
    @NewId('grid') gridId: string,
  ): Promise<GridRef> {
    return this.commands.execute(
      new CreateGridCommand(auth.user.id, communityOf(auth), gridId, {
        name: body.name,
        buildings: body.buildings.map((b) => ({ estate: b.estate, building: b.building })),
        workerUserIds: body.workerUserIds ?? [],
      }),
    );
  }
}
