import { Body, Controller, Get, Inject, Param, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Pool } from 'pg';
import { PG_POOL } from '@yishi/platform';
import { readSettings, settingsView, updateSettings } from '@yishi/registry';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { SettingsView, UpdateSettingsRequest } from './registry.dto';

@ApiTags('registry')
@Controller('communities/:communityId/settings')
export class SettingsController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Get()
  @Can('settings.read')
  @ApiOkResponse({ type: SettingsView })
  async read(@Param('communityId') communityId: string): Promise<SettingsView> {
    return settingsView(await readSettings(this.pool, communityId));
  }

  @Patch()
  @Can('settings.update')
  @ApiOkResponse({ type: SettingsView, description: 'applies to stages entered after the change' })
  update(
    @Auth() auth: RequestAuth,
    @Param('communityId') communityId: string,
    @Body() body: UpdateSettingsRequest,
  ): Promise<SettingsView> {
    return updateSettings(this.pool, auth.user.id, communityId, { ...body });
  }
}
