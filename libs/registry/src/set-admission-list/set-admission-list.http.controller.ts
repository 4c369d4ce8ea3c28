import { Body, Controller, HttpCode, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OperationId } from '@yishi/platform';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { type GridView as Grid } from '../grids';
import { GridView, SetAdmissionListRequest } from '../grids.dto';
import { SetAdmissionListCommand } from './set-admission-list.command';

@ApiTags('registry')
@Controller('grids')
export class SetAdmissionListController {
  constructor(private readonly commands: CommandBus) {}

  @Put(':gridId/admission-list')
  @HttpCode(200)
  @OperationId('GridsController_setAdmissionList')
  @Can('grids.set-admission-list')
  @ApiOkResponse({ type: GridView, description: 'the grid with its new admission list' })
  set(
    @Auth() auth: RequestAuth,
    @Param('gridId') gridId: string,
    @Body() body: SetAdmissionListRequest,
  ): Promise<Grid> {
    return this.commands.execute(
      new SetAdmissionListCommand(auth.user.id, gridId, body.categories),
    );
  }
}
