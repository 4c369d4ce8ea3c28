import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Can } from '@yishi/access';
import { OperationId } from '@yishi/platform';
import { SettingsView } from '../registry.dto';
import { ReadSettingsQuery } from './read-settings.query';

@ApiTags('registry')
@Controller('communities/:communityId/settings')
export class ReadSettingsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @OperationId('SettingsController_read')
  @Can('settings.read')
  @ApiOkResponse({ type: SettingsView })
  read(@Param('communityId') communityId: string): Promise<SettingsView> {
    return this.queries.execute(new ReadSettingsQuery(communityId));
  }
}
