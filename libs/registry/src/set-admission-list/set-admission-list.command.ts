import { Command } from '@nestjs/cqrs';
import { type GridView } from '../grids';

export class SetAdmissionListCommand extends Command<GridView> {
  constructor(
    readonly actorId: string,
    readonly gridId: string,
    readonly categories: readonly string[],
  ) {
    super();
  }
}
