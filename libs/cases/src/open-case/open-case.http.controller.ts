import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, Auth, Can, communityOf, NewId, type RequestAuth } from '@yishi/access';
import { OpenCaseCommand } from './open-case.command';
import { OpenCaseRequest, OpenCaseResponse } from './open-case.request.dto';

@ApiTags('cases')
@Controller('communities/:communityId/cases')
export class OpenCaseController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Can('cases.open')
  @ApiCreatedResponse({ type: OpenCaseResponse })
  async open(
    @Auth() auth: RequestAuth,
    @Body() body: OpenCaseRequest,
    @NewId('case') caseId: string,
  ): Promise<OpenCaseResponse> {
    const { state, version } = await this.commands.execute(
      new OpenCaseCommand(
        {
          caseId,
          communityId: communityOf(auth),
          mechanism: body.mechanism,
          title: body.title,
          description: body.description,
          category: body.category,
          scope: {
            estate: body.scope.estate,
            building: body.scope.building ?? null,
            entrance: body.scope.entrance ?? null,
          },
          involvedParties: body.involvedParties ?? [],
          procedure: body.procedure ?? null,
          civilCodeMatter: body.civilCodeMatter ?? null,
          sides: body.sides ?? null,
          mediatorId: body.mediatorId ?? null,
        },
        actorOf(auth),
      ),
    );
    return {
      id: caseId,
      stage: state?.stage ?? 'gathering',
      status: state?.status ?? 'open',
      version,
    };
  }
}
