import { Command } from '@nestjs/cqrs';

/** A user leaves a department; 404 when they are not a member. */
export class RemoveDepartmentMemberCommand extends Command<void> {
  constructor(
    readonly actorId: string,
    readonly departmentId: string,
    readonly userId: string,
  ) {
    super();
  }
}
