import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, Auth, Can, NewId, type RequestAuth } from '@yishi/access';
import { OperationId } from '@yishi/platform';
import { CaseWriteResponse } from '../cases.dto';
import { PostOpinionCommand } from './post-opinion.command';
import { PostOpinionRequest } from './post-opinion.request.dto';

/** A party's response (反馈) or a resident's view, in any open stage. */
@ApiTags('cases')
@Controller('cases/:caseId/opinions')
export class PostOpinionController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @OperationId('OpinionsController_post')
  @Can('cases.opinion')
  @ApiCreatedResponse({ type: CaseWriteResponse })
  async post(
    @Auth() auth: RequestAuth,
    @Param('caseId') caseId: string,
    @Body() body: PostOpinionRequest,
    @NewId('opinion') opinionId: string,
  ): Promise<CaseWriteResponse> {
    const actor = actorOf(auth);
    const { version } = await this.commands.execute(
      new PostOpinionCommand(
        caseId,
        {
          opinionId,
          content: body.content,
          replyTo: body.replyTo ?? null,
          party: actor.party ?? null,
        },
        actor,
      ),
    );
    return { id: opinionId, version };
  }
}
