import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { GridsRepository } from '../grids.repository';
import { DeleteGridCommand } from './delete-grid.command';

@CommandHandler(DeleteGridCommand)
export class DeleteGridHandler implements ICommandHandler<DeleteGridCommand, void> {
  constructor(private readonly grids: GridsRepository) {}

  execute(m: DeleteGridCommand): Promise<void> {
    return this.grids.delete(m.actorId, m.gridId);
  }
}
