import { Body, Controller, Inject, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { ValidationError } from '@yishi/domain';
import { type Logger } from '@yishi/observability';
import { LOGGER } from '@yishi/platform';
import { actorOf, Auth, Can, NewId, type RequestAuth } from '@yishi/access';
import { RunCaseCommand } from '../../../cases/run-case-command';
import { OpenVotingCommand } from '../../voting.commands';
import { ResolutionDraftedResponse } from '../../voting.dto';
import { DraftResolutionRequest } from './draft-resolution.request.dto';

/** Voting runs for at most a year. */
const MAX_VOTING_MS = 366 * 24 * 3_600_000;

@ApiTags('voting')
@Controller('cases/:caseId/resolutions')
export class DraftResolutionController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * 决议: drafted in deliberation, and voting opens at once: the units of the case's scope, their
   * areas and owners are frozen as the electorate. One resolution is voted on at a time.
   */
  @Post()
  @Can('cases.resolution')
  @ApiCreatedResponse({ type: ResolutionDraftedResponse })
  @ApiConflictResponse({
    description:
      'WRONG_STAGE: only in deliberation; ALREADY_EXISTS: a resolution is being voted on',
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
      new RunCaseCommand(
        caseId,
        {
          type: 'DraftResolution',
          data: {
            resolutionId,
            title: body.title,
            text: body.text,
            rule: body.rule,
            matter: body.matter ?? 'ordinary',
            closesAt,
          },
        },
        actorOf(auth),
      ),
    );
    try {
      await this.commands.execute(new OpenVotingCommand(resolutionId));
    } catch (error) {
      // The draft is recorded; the worker's reaction to it freezes the electorate.
      this.logger.warn({ err: error, resolutionId }, 'voting not opened with the draft');
    }
    return { id: resolutionId, status: 'open', closesAt, version };
  }
}
