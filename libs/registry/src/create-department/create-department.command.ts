import { Command } from '@nestjs/cqrs';
import { type DepartmentView } from '../streets';

/** A department of a street (城管, 住建 …); 409 for a name the street has already. */
export class CreateDepartmentCommand extends Command<DepartmentView> {
  constructor(
    readonly actorId: string,
    readonly streetId: string,
    readonly departmentId: string,
    readonly name: string,
  ) {
    super();
  }
}
