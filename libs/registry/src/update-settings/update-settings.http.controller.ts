import { Body, Controller, Param, Patch } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { OperationId } from '@yishi/platform';
import { SettingsView, UpdateSettingsRequest } from '../registry.dto';
import { UpdateSettingsCommand } from './update-settings.command';

@ApiTags('registry')
@Controller('communities/:communityId/settings')
export class UpdateSettingsController {
  constructor(private readonly commands: CommandBus) {}

  @Patch()
  @OperationId('SettingsController_update')
  @Can('settings.update')
  @ApiOkResponse({ type: SettingsView, description: 'applies to stages entered after the change' })
  update(
    @Auth() auth: RequestAuth,
    @Param('communityId') communityId: string,
    @Body() body: UpdateSettingsRequest,
  ): Promise<SettingsView> {
    return this.commands.execute(new UpdateSettingsCommand(auth.user.id, communityId, { ...body }));
  }
}
