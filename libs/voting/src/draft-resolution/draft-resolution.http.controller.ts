import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { ValidationError } from '@yishi/domain';
import { actorOf, Auth, Can, NewId, type RequestAuth } from '@yishi/access';
import { DraftResolutionCommand } from './draft-resolution.command';
import { ResolutionDraftedResponse } from '../voting.dto';
import { DraftResolutionRequest } from './draft-resolution.request.dto';

/** Voting runs for at most a year. */
const MAX_VOTING_MS = 366 * 24 * 3_600_000;

@ApiTags('voting')
@Controller('cases/:caseId/resolutions')
export class DraftResolutionController {
  constructor(private readonly commands: CommandBus) {}

  /**
   * 决议: drafted in deliberation, and voting opens at once: the units of the case's scope, their
   * areas and owners are frozen as the electorate. One resolution is voted on at a time.
   */
  @Post()
  @Can('cases.resolution')
  @ApiCreatedResponse({ type: ResolutionDraftedResponse })
  @ApiConflictResponse({
    description:
      'WRONG_STAGE: only in deliberation, and a council only once a party is present (signed in at a meeting of this round); ALREADY_EXISTS: a resolution is being voted on',
  })
  async draft(
    @Auth() auth: RequestAuth,
    @Param('caseId') caseId: string,
    @Body() body: DraftResolutionRequest,
    @NewId('resolution') resolutionId: string,
  ): Promise<ResolutionDraftedResponse> {
    const closesAtMs = Date.parse(body.closesAt);
    if (closesAtMs > Date.now() + MAX_VOTING_MS)
      throw new ValidationError('表决截止时间不能晚于一年以后', {
        fields: [{ field: 'closesAt', problems: ['at most one year from now'] }],
      });
    const closesAt = new Date(closesAtMs).toISOString();
    const { version } = await this.commands.execute(
      new DraftResolutionCommand(
        caseId,
        resolutionId,
        {
          title: body.title,
          text: body.text,
          rule: body.rule,
          matter: body.matter ?? 'ordinary',
          closesAt,
          ...(body.options === undefined ? {} : { options: body.options }),
        },
        actorOf(auth),
      ),
    );
    return { id: resolutionId, status: 'open', closesAt, version };
  }
}
