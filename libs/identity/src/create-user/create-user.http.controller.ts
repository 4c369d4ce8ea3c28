import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { UserSummary } from '../identity.dto';
import { CreateUserCommand } from './create-user.command';
import { CreateUserRequest } from './create-user.request.dto';

@ApiTags('auth')
@Controller('users')
export class CreateUserHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Can('users.create')
  @ApiOperation({ operationId: 'UsersController_create', summary: 'Create an account' })
  @ApiCreatedResponse({ type: UserSummary })
  @ApiBadRequestResponse({
    description:
      'VALIDATION_FAILED: a field is invalid, or the password is refused (too short, contains the ' +
      'username or display name, or common; the message says why)',
  })
  @ApiConflictResponse({ description: 'ALREADY_EXISTS: the username is taken' })
  create(@Auth() auth: RequestAuth, @Body() body: CreateUserRequest): Promise<UserSummary> {
    return this.commands.execute(new CreateUserCommand(auth.user.id, body));
  }
}
