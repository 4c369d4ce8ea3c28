import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { type Pool } from 'pg';
import { PG_POOL } from '@yishi/platform';
import { markDeveloperUnsold, setLeadBuildings } from '@yishi/registry';
import { Auth, Can, communityOf, type RequestAuth } from '@yishi/access';
import { DeveloperUnsoldResponse, LeadBuildingsView } from '../voting.dto';
import { DeveloperUnsoldRequest, SetLeadBuildingsRequest } from './electorate.request.dto';

/**
 * What a vote's electorate and its ballot box need from the registry besides units and owners:
 * the buildings each building lead serves (paper ballots), and the developer's unsold units (one
 * owner together). Both apply to votes opened after the change: an electorate is frozen.
 */
@ApiTags('voting')
@Controller('communities/:communityId')
export class ElectorateController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Post('building-leads')
  @HttpCode(200)
  @ApiOperation({ summary: 'set the buildings a building lead or grid worker serves' })
  @Can('building-leads.set')
  @ApiOkResponse({ type: LeadBuildingsView })
  async setLeadBuildings(
    @Auth() auth: RequestAuth,
    @Body() body: SetLeadBuildingsRequest,
  ): Promise<LeadBuildingsView> {
    const buildings = await setLeadBuildings(
      this.pool,
      communityOf(auth),
      auth.user.id,
      body.userId,
      body.buildings,
    );
    return { userId: body.userId, buildings };
  }

  @Post('units/developer-unsold')
  @HttpCode(200)
  @Can('units.developer-unsold')
  @ApiOkResponse({ type: DeveloperUnsoldResponse })
  async developerUnsold(
    @Auth() auth: RequestAuth,
    @Body() body: DeveloperUnsoldRequest,
  ): Promise<DeveloperUnsoldResponse> {
    const updated = await markDeveloperUnsold(
      this.pool,
      communityOf(auth),
      auth.user.id,
      body.unitIds,
      body.unsold,
    );
    return { updated };
  }
}
