import { Body, Controller, HttpCode, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { OperationId } from '@yishi/platform';
import { type EstateView as Estate } from '../estates';
import { SetPropertyCompanyRequest } from './set-property-company.request.dto';
import { EstateView } from './set-property-company.response.dto';
import { SetPropertyCompanyCommand } from './set-property-company.command';

/**
 * An estate's property company (物业服务企业): the demands ledger's yardsticks group by it
 * (`demands.byPropertyCompany` of the statistics). The estate's id is in the place tree
 * (`GET …/units/places`).
 */
@ApiTags('registry')
@Controller('communities/:communityId/estates')
export class SetPropertyCompanyController {
  constructor(private readonly commands: CommandBus) {}

  @Put(':estateId/property-company')
  @HttpCode(200)
  @OperationId('EstatesController_setPropertyCompany')
  @Can('estates.set-property-company')
  @ApiOkResponse({ type: EstateView, description: 'the estate with its property company' })
  @ApiBadRequestResponse({
    description:
      'VALIDATION_FAILED: name missing, not text or null, or not 1 to 60 characters once trimmed',
  })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: the community has no such estate' })
  set(
    @Auth() auth: RequestAuth,
    @Param('communityId') communityId: string,
    @Param('estateId') estateId: string,
    @Body() body: SetPropertyCompanyRequest,
  ): Promise<Estate> {
    return this.commands.execute(
      new SetPropertyCompanyCommand(auth.user.id, communityId, estateId, body.name),
    );
  }
}
