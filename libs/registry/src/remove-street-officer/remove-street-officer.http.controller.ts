import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiNoContentResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { Auth, Can, type RequestAuth, streetOf } from '@yishi/access';
import { OperationId } from '@yishi/platform';
import { AdditiveOperation } from '../streets.openapi';
import { RemoveStreetOfficerCommand } from './remove-street-officer.command';

@ApiTags('streets')
@Controller('streets/:streetId/officers')
export class RemoveStreetOfficerController {
  constructor(private readonly commands: CommandBus) {}

  @Delete(':userId')
  @HttpCode(204)
  @OperationId('StreetOfficersController_remove')
  @Can('streets.remove-officer')
  @AdditiveOperation(
    'streets.remove-officer',
    "Removes the user from the street's office (街道办): they are no longer one of its officers.",
  )
  @ApiNoContentResponse({ description: 'removed' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: the user is not an officer of the street' })
  async remove(@Auth() auth: RequestAuth, @Param('userId') userId: string): Promise<void> {
    await this.commands.execute(
      new RemoveStreetOfficerCommand(auth.user.id, streetOf(auth), userId),
    );
  }
}
