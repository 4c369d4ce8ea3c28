import { Command } from '@nestjs/cqrs';
import { type DepartmentMemberInput } from '../streets';

/** A user joins a department as dispatcher or staff; 400 unknown user, 409 already a member. */
export class AddDepartmentMemberCommand extends Command<
  { departmentId: string } & DepartmentMemberInput
> {
  constructor(
    readonly actorId: string,
    readonly departmentId: string,
    readonly input: DepartmentMemberInput,
  ) {
    super();
  }
}
