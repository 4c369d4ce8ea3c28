import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, Auth, Can, type RequestAuth } from '@yishi/access';
import { CaseWriteResponse } from '@yishi/cases';
import { CompleteTaskCommand } from './complete-task.command';
import { CompleteTaskRequest } from './complete-task.request.dto';

@ApiTags('tasks')
@Controller('tasks/:taskId/complete')
export class CompleteTaskController {
  constructor(private readonly commands: CommandBus) {}

  /**
   * Completes a task (a repeat changes nothing). When it was the last open task, the residents'
   * evaluation window opens.
   */
  @Post()
  @HttpCode(200)
  @Can('tasks.complete')
  @ApiOkResponse({ type: CaseWriteResponse })
  @ApiConflictResponse({ description: 'WRONG_STAGE: the case left follow-up' })
  async complete(
    @Auth() auth: RequestAuth,
    @Param('taskId') taskId: string,
    @Body() body: CompleteTaskRequest,
  ): Promise<CaseWriteResponse> {
    const { version } = await this.commands.execute(
      new CompleteTaskCommand(
        taskId,
        { note: body.note, evidence: body.evidence ?? [] },
        actorOf(auth),
      ),
    );
    return { id: taskId, version };
  }
}
