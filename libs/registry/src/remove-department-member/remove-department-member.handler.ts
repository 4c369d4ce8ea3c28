import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { StreetsRepository } from '../streets.repository';
import { RemoveDepartmentMemberCommand } from './remove-department-member.command';

@CommandHandler(RemoveDepartmentMemberCommand)
export class RemoveDepartmentMemberHandler implements ICommandHandler<
  RemoveDepartmentMemberCommand,
  void
> {
  constructor(private readonly streets: StreetsRepository) {}

  execute(m: RemoveDepartmentMemberCommand): Promise<void> {
    return this.streets.removeMember(m.actorId, m.departmentId, m.userId);
  }
}
