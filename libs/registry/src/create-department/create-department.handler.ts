import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type DepartmentView } from '../streets';
import { StreetsRepository } from '../streets.repository';
import { CreateDepartmentCommand } from './create-department.command';

@CommandHandler(CreateDepartmentCommand)
export class CreateDepartmentHandler implements ICommandHandler<
  CreateDepartmentCommand,
  DepartmentView
> {
  constructor(private readonly streets: StreetsRepository) {}

  execute(m: CreateDepartmentCommand): Promise<DepartmentView> {
    return this.streets.createDepartment(m.actorId, m.streetId, m.departmentId, m.name);
  }
}
