import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { OperationId } from '@yishi/platform';
import { CommunityView, CreateCommunityRequest } from '../registry.dto';
import { CreateCommunityCommand } from './create-community.command';

@ApiTags('registry')
@Controller('communities')
export class CreateCommunityController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @OperationId('CommunitiesController_create')
  @Can('communities.create')
  @ApiCreatedResponse({ type: CommunityView })
  @ApiBadRequestResponse({
    description:
      "VALIDATION_FAILED: a bad field, an unknown streetId, or a street or district that is not the street's",
  })
  @ApiConflictResponse({ description: 'ALREADY_EXISTS: same name, street and district' })
  create(@Auth() auth: RequestAuth, @Body() body: CreateCommunityRequest): Promise<CommunityView> {
    return this.commands.execute(new CreateCommunityCommand(auth.user.id, body));
  }
}
