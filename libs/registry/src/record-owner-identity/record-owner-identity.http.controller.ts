import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, Can, communityOf, type RequestAuth } from '@yishi/access';
import { OwnerIdentityRequest, OwnerIdentityView } from '../bindings/bindings.dto';
import { RecordOwnerIdentityCommand } from './record-owner-identity.command';

/**
 * The registry side of real-name binding: the secretary records each owner of a unit by the
 * certificate and ID numbers, which are hashed at once and never shown again.
 */
@ApiTags('bindings')
@Controller('communities/:communityId/units/:unitId/owner-identities')
export class RecordOwnerIdentityController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiOperation({
    operationId: 'OwnerIdentitiesController_record',
    summary: 'record an owner of a unit (实名绑定; numbers kept as salted hashes only)',
  })
  @Can('owner-identities.record')
  @ApiCreatedResponse({ type: OwnerIdentityView })
  @ApiBadRequestResponse({
    description:
      'VALIDATION_FAILED: details.reason ID_NUMBER_CHECKSUM, ID_NUMBER_INVALID or CERTIFICATE_NUMBER_INVALID',
  })
  @ApiConflictResponse({ description: 'ALREADY_EXISTS: this owner is recorded for the unit' })
  record(
    @Auth() auth: RequestAuth,
    @Param('unitId') unitId: string,
    @Body() body: OwnerIdentityRequest,
  ): Promise<OwnerIdentityView> {
    return this.commands.execute(
      new RecordOwnerIdentityCommand(communityOf(auth), auth.user.id, unitId, body),
    );
  }
}
