import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, Can, NewId, type RequestAuth } from '@yishi/access';
import { OperationId } from '@yishi/platform';
import { CreateStreetRequest, StreetSummary } from '../streets.dto';
import { CreateStreetCommand } from './create-street.command';

@ApiTags('streets')
@Controller('streets')
export class CreateStreetController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @OperationId('StreetsController_create')
  @Can('streets.create')
  @ApiCreatedResponse({
    type: StreetSummary,
    description: 'the street, with the id of its office (街道办) made with it',
  })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: a missing or too long name' })
  @ApiConflictResponse({ description: 'ALREADY_EXISTS: the district has a street of that name' })
  create(
    @Auth() auth: RequestAuth,
    @Body() body: CreateStreetRequest,
    @NewId('street') streetId: string,
  ): Promise<StreetSummary> {
    return this.commands.execute(
      new CreateStreetCommand(auth.user.id, streetId, { name: body.name, district: body.district }),
    );
  }
}
