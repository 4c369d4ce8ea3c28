import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type GridRef } from '../grids';
import { GridsRepository } from '../grids.repository';
import { CreateGridCommand } from './create-grid.command';

@CommandHandler(CreateGridCommand)
export class CreateGridHandler implements ICommandHandler<CreateGridCommand, GridRef> {
  constructor(private readonly grids: GridsRepository) {}

  execute(m: CreateGridCommand): Promise<GridRef> {
    return this.grids.create(m.actorId, m.communityId, m.gridId, m.input);
  }
}
