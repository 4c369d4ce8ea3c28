import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, Can, communityOf, type RequestAuth } from '@yishi/access';
import { writeResponse } from '../whistle-caller';
import { WhistleWriteResponse } from '../whistles.dto';
import { IssueWhistleCommand } from './issue-whistle.command';
import { IssueWhistleRequest } from './issue-whistle.request.dto';

@ApiTags('whistles')
@Controller('communities/:communityId/whistles')
export class IssueWhistleController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Can('whistles.issue')
  @ApiCreatedResponse({ type: WhistleWriteResponse, description: 'status issued (待签收)' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: e.g. a department of another street' })
  @ApiNotFoundResponse({
    description: "NOT_FOUND: a department, demand or case that is not the community's",
  })
  @ApiConflictResponse({ description: 'WRONG_STAGE: the community belongs to no street' })
  async issue(
    @Auth() auth: RequestAuth,
    @Body() body: IssueWhistleRequest,
  ): Promise<WhistleWriteResponse> {
    return writeResponse(
      await this.commands.execute(new IssueWhistleCommand(communityOf(auth), body, auth.user.id)),
    );
  }
}
