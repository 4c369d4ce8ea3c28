import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Auth, authorize, Can, communityOf, type RequestAuth, ruleFor } from '@yishi/access';
import { OperationId } from '@yishi/platform';
import { type Membership } from '../memberships';
import { CreateMembershipRequest, MemberView } from '../registry.dto';
import { CreateMembershipCommand } from './create-membership.command';

@ApiTags('registry')
@Controller('communities/:communityId/memberships')
export class CreateMembershipController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @OperationId('MembershipsController_create')
  @Can('memberships.create')
  @ApiCreatedResponse({ type: MemberView })
  @ApiConflictResponse({ description: 'ALREADY_EXISTS: the user is already a member' })
  create(@Auth() auth: RequestAuth, @Body() body: CreateMembershipRequest): Promise<Membership> {
    return this.commands.execute(
      new CreateMembershipCommand(
        auth.user.id,
        communityOf(auth),
        body.userId,
        body,
        authorize(ruleFor('memberships.grant-secretary'), auth.caller),
      ),
    );
  }
}
