import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiNoContentResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { Auth, Can, departmentOf, type RequestAuth } from '@yishi/access';
import { OperationId } from '@yishi/platform';
import { AdditiveOperation } from '../streets.openapi';
import { RemoveDepartmentMemberCommand } from './remove-department-member.command';

@ApiTags('streets')
@Controller('departments/:departmentId/members')
export class RemoveDepartmentMemberController {
  constructor(private readonly commands: CommandBus) {}

  @Delete(':userId')
  @HttpCode(204)
  @OperationId('DepartmentMembersController_remove')
  @Can('department-members.remove')
  @AdditiveOperation(
    'department-members.remove',
    'Removes the user from the department (from the street office: they are no longer an officer).',
  )
  @ApiNoContentResponse({ description: 'removed' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: the user is not a member of the department' })
  async remove(@Auth() auth: RequestAuth, @Param('userId') userId: string): Promise<void> {
    await this.commands.execute(
      new RemoveDepartmentMemberCommand(auth.user.id, departmentOf(auth), userId),
    );
  }
}
