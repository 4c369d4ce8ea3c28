import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, Can, NewId, type RequestAuth, streetOf } from '@yishi/access';
import { OperationId } from '@yishi/platform';
import { CreateDepartmentRequest, DepartmentView } from '../streets.dto';
import { CreateDepartmentCommand } from './create-department.command';

@ApiTags('streets')
@Controller('streets/:streetId/departments')
export class CreateDepartmentController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @OperationId('DepartmentsController_create')
  @Can('departments.create')
  @ApiCreatedResponse({ type: DepartmentView })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: a missing or too long name' })
  @ApiConflictResponse({ description: 'ALREADY_EXISTS: the street has a department of that name' })
  create(
    @Auth() auth: RequestAuth,
    @Body() body: CreateDepartmentRequest,
    @NewId('department') departmentId: string,
  ): Promise<DepartmentView> {
    return this.commands.execute(
      new CreateDepartmentCommand(auth.user.id, streetOf(auth), departmentId, body.name),
    );
  }
}
