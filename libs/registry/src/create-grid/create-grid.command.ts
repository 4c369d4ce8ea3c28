import { Command } from '@nestjs/cqrs';
import { type GridInput, type GridRef } from '../grids';

export class CreateGridCommand extends Command<GridRef> {
  constructor(
    readonly actorId: string,
    readonly communityId: string,
    readonly gridId: string,
    readonly input: GridInput,
  ) {
    super();
  }
}
