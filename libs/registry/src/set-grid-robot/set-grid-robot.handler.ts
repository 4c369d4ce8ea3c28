import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type GridView } from '../grids';
import { GridsRepository } from '../grids.repository';
import { SetGridRobotCommand } from './set-grid-robot.command';

/** Validates the robot's URL and secret and stores them, audited (GridsRepository.setRobot). */
@CommandHandler(SetGridRobotCommand)
export class SetGridRobotHandler implements ICommandHandler<SetGridRobotCommand, GridView> {
  constructor(private readonly grids: GridsRepository) {}

  execute(m: SetGridRobotCommand): Promise<GridView> {
    return this.grids.setRobot(m.actorId, m.gridId, m.robot);
  }
}
