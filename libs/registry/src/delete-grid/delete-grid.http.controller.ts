import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { OperationId } from '@yishi/platform';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { DeleteGridCommand } from './delete-grid.command';

@ApiTags('registry')
@Controller('grids')
export class DeleteGridController {
  constructor(private readonly commands: CommandBus) {}

  @Delete(':gridId')
  @HttpCode(204)
  @OperationId('GridsController_delete')
  @Can('grids.delete')
  @ApiNoContentResponse({ description: 'deleted' })
  @ApiConflictResponse({
    description: 'NOT_EMPTY: the grid still has buildings (move them out or to another grid first)',
  })
  async delete(@Auth() auth: RequestAuth, @Param('gridId') gridId: string): Promise<void> {
    await this.commands.execute(new DeleteGridCommand(auth.user.id, gridId));
  }
}
