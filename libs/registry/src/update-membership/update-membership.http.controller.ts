import { Body, Controller, Param, Patch } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, authorize, Can, communityOf, type RequestAuth, ruleFor } from '@yishi/access';
import { OperationId } from '@yishi/platform';
import { type Membership } from '../memberships';
import { MemberView, UpdateMembershipRequest } from '../registry.dto';
import { UpdateMembershipCommand } from './update-membership.command';

@ApiTags('registry')
@Controller('communities/:communityId/memberships')
export class UpdateMembershipController {
  constructor(private readonly commands: CommandBus) {}

  @Patch(':userId')
  @OperationId('MembershipsController_update')
  @Can('memberships.update')
  @ApiOkResponse({ type: MemberView })
  update(
    @Auth() auth: RequestAuth,
    @Param('userId') userId: string,
    @Body() body: UpdateMembershipRequest,
  ): Promise<Membership> {
    return this.commands.execute(
      new UpdateMembershipCommand(
        auth.user.id,
        communityOf(auth),
        userId,
        body,
        authorize(ruleFor('memberships.grant-secretary'), auth.caller),
      ),
    );
  }
}
