import { Command } from '@nestjs/cqrs';

/** Makes a user an officer of the street: a dispatcher of its office (街道办). */
export class AddStreetOfficerCommand extends Command<{
  streetId: string;
  userId: string;
  departmentId: string;
}> {
  constructor(
    readonly actorId: string,
    readonly streetId: string,
    readonly userId: string,
  ) {
    super();
  }
}
