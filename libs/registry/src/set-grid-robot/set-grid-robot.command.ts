import { Command } from '@nestjs/cqrs';
import { type GridRobotInput } from '../grid-robots';
import { type GridView } from '../grids';

/** Sets or replaces a grid's group-chat robot (一网格一微信群). */
export class SetGridRobotCommand extends Command<GridView> {
  constructor(
    readonly actorId: string,
    readonly gridId: string,
    readonly robot: GridRobotInput,
  ) {
    super();
  }
}
