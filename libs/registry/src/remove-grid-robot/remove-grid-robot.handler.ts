import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { GridsRepository } from '../grids.repository';
import { RemoveGridRobotCommand } from './remove-grid-robot.command';

/** Deletes the grid's robot setting, audited (GridsRepository.removeRobot). */
@CommandHandler(RemoveGridRobotCommand)
export class RemoveGridRobotHandler implements ICommandHandler<RemoveGridRobotCommand, void> {
  constructor(private readonly grids: GridsRepository) {}

  execute(m: RemoveGridRobotCommand): Promise<void> {
    return this.grids.removeRobot(m.actorId, m.gridId);
  }
}
