import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, Can, departmentOf, type RequestAuth } from '@yishi/access';
import { OperationId } from '@yishi/platform';
import { AddDepartmentMemberRequest, DepartmentMemberAdded } from '../streets.dto';
import { AddDepartmentMemberCommand } from './add-department-member.command';

@ApiTags('streets')
@Controller('departments/:departmentId/members')
export class AddDepartmentMemberController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @OperationId('DepartmentMembersController_add')
  @Can('department-members.add')
  @ApiCreatedResponse({ type: DepartmentMemberAdded })
  @ApiBadRequestResponse({
    description: 'VALIDATION_FAILED: an unknown user, or a role other than dispatcher or staff',
  })
  @ApiConflictResponse({ description: 'ALREADY_EXISTS: the user is a member already' })
  add(
    @Auth() auth: RequestAuth,
    @Body() body: AddDepartmentMemberRequest,
  ): Promise<DepartmentMemberAdded> {
    return this.commands.execute(
      new AddDepartmentMemberCommand(auth.user.id, departmentOf(auth), {
        userId: body.userId,
        role: body.role,
      }),
    );
  }
}
