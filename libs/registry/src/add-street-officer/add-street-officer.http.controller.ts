import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, Can, type RequestAuth, streetOf } from '@yishi/access';
import { OperationId } from '@yishi/platform';
import { AddStreetOfficerRequest, StreetOfficerAdded } from '../streets.dto';
import { AdditiveOperation } from '../streets.openapi';
import { AddStreetOfficerCommand } from './add-street-officer.command';

@ApiTags('streets')
@Controller('streets/:streetId/officers')
export class AddStreetOfficerController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @OperationId('StreetOfficersController_add')
  @Can('streets.add-officer')
  @AdditiveOperation(
    'streets.add-officer',
    "The same as adding the user to the street's office (街道办) as a dispatcher: officers may add departments and their members, and read the street.",
  )
  @ApiCreatedResponse({ type: StreetOfficerAdded })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: an unknown user' })
  @ApiConflictResponse({ description: 'ALREADY_EXISTS: the user is an officer already' })
  add(
    @Auth() auth: RequestAuth,
    @Body() body: AddStreetOfficerRequest,
  ): Promise<StreetOfficerAdded> {
    return this.commands.execute(
      new AddStreetOfficerCommand(auth.user.id, streetOf(auth), body.userId),
    );
  }
}
