import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type GridView } from '../grids';
import { GridsRepository } from '../grids.repository';
import { SetAdmissionListCommand } from './set-admission-list.command';

@CommandHandler(SetAdmissionListCommand)
export class SetAdmissionListHandler implements ICommandHandler<SetAdmissionListCommand, GridView> {
  constructor(private readonly grids: GridsRepository) {}

  execute(m: SetAdmissionListCommand): Promise<GridView> {
    return this.grids.setAdmissionList(m.actorId, m.gridId, m.categories);
  }
}
