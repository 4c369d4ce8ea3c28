import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, Auth, Can, type RequestAuth } from '@yishi/access';
import { CaseWriteResponse } from '@yishi/cases';
import { ReportProgressCommand } from './report-progress.command';
import { ReportProgressRequest } from './report-progress.request.dto';

@ApiTags('tasks')
@Controller('tasks/:taskId/progress')
export class ReportProgressController {
  constructor(private readonly commands: CommandBus) {}

  /** Progress of an open task, with evidence; by the members of the party it is assigned to. */
  @Post()
  @Can('tasks.progress')
  @ApiCreatedResponse({ type: CaseWriteResponse })
  @ApiConflictResponse({ description: 'WRONG_STAGE: the task is done, or the case left follow-up' })
  async report(
    @Auth() auth: RequestAuth,
    @Param('taskId') taskId: string,
    @Body() body: ReportProgressRequest,
  ): Promise<CaseWriteResponse> {
    const { version } = await this.commands.execute(
      new ReportProgressCommand(
        taskId,
        { percent: body.percent, note: body.note, evidence: body.evidence ?? [] },
        actorOf(auth),
      ),
    );
    return { id: taskId, version };
  }
}
