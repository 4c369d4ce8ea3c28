import { Command } from '@nestjs/cqrs';

/** Removes a grid's group-chat robot: nothing more is posted to its chat group. */
export class RemoveGridRobotCommand extends Command<void> {
  constructor(
    readonly actorId: string,
    readonly gridId: string,
  ) {
    super();
  }
}
