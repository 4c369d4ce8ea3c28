import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { Auth, Can, communityOf, type RequestAuth } from '@yishi/access';
import { DeveloperUnsoldResponse, LeadBuildingsView } from '../voting.dto';
import { MarkDeveloperUnsoldCommand, SetLeadBuildingsCommand } from './electorate.commands';
import { DeveloperUnsoldRequest, SetLeadBuildingsRequest } from './electorate.request.dto';

/**
 * What a vote's electorate and its ballot box need from the registry besides units and owners:
 * the buildings each building lead serves (paper ballots), and the developer's unsold units (one
 * owner together). Both apply to votes opened after the change: an electorate is frozen.
 */
@ApiTags('voting')
@Controller('communities/:communityId')
export class ElectorateController {
  constructor(private readonly commands: CommandBus) {}

  @Post('building-leads')
  @HttpCode(200)
  @ApiOperation({ summary: 'set the buildings a building lead or grid worker serves' })
  @Can('building-leads.set')
  @ApiOkResponse({ type: LeadBuildingsView })
  async setLeadBuildings(
    @Auth() auth: RequestAuth,
    @Body() body: SetLeadBuildingsRequest,
  ): Promise<LeadBuildingsView> {
    const buildings = await this.commands.execute(
      new SetLeadBuildingsCommand(communityOf(auth), auth.user.id, body.userId, body.buildings),
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
    const updated = await this.commands.execute(
      new MarkDeveloperUnsoldCommand(communityOf(auth), auth.user.id, body.unitIds, body.unsold),
    );
    return { updated };
  }
}
