import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type GridView } from '../grids';
import { GridsRepository } from '../grids.repository';
import { UpdateGridCommand } from './update-grid.command';

@CommandHandler(UpdateGridCommand)
export class UpdateGridHandler implements ICommandHandler<UpdateGridCommand, GridView> {
  constructor(private readonly grids: GridsRepository) {}

  execute(m: UpdateGridCommand): Promise<GridView> {
    return this.grids.update(m.actorId, m.gridId, m.patch);
  }
}
