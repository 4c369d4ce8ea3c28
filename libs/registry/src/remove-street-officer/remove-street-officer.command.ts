import { Command } from '@nestjs/cqrs';

/** A user is no longer an officer of the street (leaves its office); 404 when they were not. */
export class RemoveStreetOfficerCommand extends Command<void> {
  constructor(
    readonly actorId: string,
    readonly streetId: string,
    readonly userId: string,
  ) {
    super();
  }
}
