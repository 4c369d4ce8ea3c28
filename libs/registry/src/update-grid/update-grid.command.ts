import { Command } from '@nestjs/cqrs';
import { type GridInput, type GridView } from '../grids';

export class UpdateGridCommand extends Command<GridView> {
  constructor(
    readonly actorId: string,
    readonly gridId: string,
    readonly patch: Partial<GridInput>,
  ) {
    super();
  }
}
