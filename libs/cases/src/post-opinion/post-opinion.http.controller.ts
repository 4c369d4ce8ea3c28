import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, Auth, Can, NewId, type RequestAuth } from '@yishi/access';
import { CaseWriteResponse } from '../cases.dto';
import { ListOpinionsQuery } from '../list-opinions/list-opinions.query';
import { OpinionList } from '../list-opinions/list-opinions.response.dto';
import { PostOpinionCommand } from './post-opinion.command';
import { PostOpinionRequest } from './post-opinion.request.dto';

/** Posting and listing share the path; the listing's query lives in list-opinions/. */
@ApiTags('cases')
@Controller('cases/:caseId/opinions')
export class OpinionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** A party's response (反馈) or a resident's view, in any open stage. */
  @Post()
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

  @Get()
  @Can('cases.opinions')
  @ApiOkResponse({ type: OpinionList })
  async list(@Param('caseId') caseId: string): Promise<OpinionList> {
    return { items: await this.queries.execute(new ListOpinionsQuery(caseId)) };
  }
}
