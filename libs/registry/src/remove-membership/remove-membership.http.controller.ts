import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { Auth, authorize, Can, communityOf, type RequestAuth, ruleFor } from '@yishi/access';
import { OperationId } from '@yishi/platform';
import { RemoveMembershipCommand } from './remove-membership.command';

@ApiTags('registry')
@Controller('communities/:communityId/memberships')
export class RemoveMembershipController {
  constructor(private readonly commands: CommandBus) {}

  @Delete(':userId')
  @HttpCode(204)
  @OperationId('MembershipsController_remove')
  @Can('memberships.delete')
  @ApiNoContentResponse({ description: 'removed' })
  async remove(@Auth() auth: RequestAuth, @Param('userId') userId: string): Promise<void> {
    await this.commands.execute(
      new RemoveMembershipCommand(
        auth.user.id,
        communityOf(auth),
        userId,
        authorize(ruleFor('memberships.grant-secretary'), auth.caller),
      ),
    );
  }
}
