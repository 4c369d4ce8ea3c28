import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type DepartmentMemberInput } from '../streets';
import { StreetsRepository } from '../streets.repository';
import { AddDepartmentMemberCommand } from './add-department-member.command';

@CommandHandler(AddDepartmentMemberCommand)
export class AddDepartmentMemberHandler implements ICommandHandler<
  AddDepartmentMemberCommand,
  { departmentId: string } & DepartmentMemberInput
> {
  constructor(private readonly streets: StreetsRepository) {}

  execute(
    m: AddDepartmentMemberCommand,
  ): Promise<{ departmentId: string } & DepartmentMemberInput> {
    return this.streets.addMember(m.actorId, m.departmentId, m.input);
  }
}
