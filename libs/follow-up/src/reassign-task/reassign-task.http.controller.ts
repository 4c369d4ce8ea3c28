import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { actorOf, Auth, Can, type RequestAuth } from '@yishi/access';
import { CaseWriteResponse } from '@yishi/cases';
import { ReassignTaskCommand } from './reassign-task.command';
import { ReassignTaskRequest } from './reassign-task.request.dto';

@ApiTags('tasks')
@Controller('tasks/:taskId/reassign')
export class ReassignTaskController {
  constructor(private readonly commands: CommandBus) {}

  /** An open task to another party and/or a new due date; by the secretary or the lead party. */
  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'give a task to another party, or a new due date' })
  @Can('tasks.reassign')
  @ApiOkResponse({ type: CaseWriteResponse })
  @ApiConflictResponse({ description: 'WRONG_STAGE: the task is done, or the case left follow-up' })
  async reassign(
    @Auth() auth: RequestAuth,
    @Param('taskId') taskId: string,
    @Body() body: ReassignTaskRequest,
  ): Promise<CaseWriteResponse> {
    const { version } = await this.commands.execute(
      new ReassignTaskCommand(
        taskId,
        {
          assigneeParty: body.assigneeParty,
          dueAt: body.dueAt === undefined ? null : new Date(body.dueAt).toISOString(),
          reason: body.reason ?? null,
        },
        actorOf(auth),
      ),
    );
    return { id: taskId, version };
  }
}
