import { Command } from '@nestjs/cqrs';

export class DeleteGridCommand extends Command<void> {
  constructor(
    readonly actorId: string,
    readonly gridId: string,
  ) {
    super();
  }
}
