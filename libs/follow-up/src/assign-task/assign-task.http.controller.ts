import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, Auth, Can, NewId, type RequestAuth } from '@yishi/access';
import { CaseWriteResponse } from '@yishi/cases';
import { AssignTaskCommand } from './assign-task.command';
import { AssignTaskRequest } from './assign-task.request.dto';

@ApiTags('tasks')
@Controller('cases/:caseId/tasks')
export class AssignTaskController {
  constructor(private readonly commands: CommandBus) {}

  /** 落实: a task for one party, with a due date; only in follow-up, before residents evaluate. */
  @Post()
  @Can('cases.task')
  @ApiCreatedResponse({ type: CaseWriteResponse, description: '`id` is the task id' })
  @ApiConflictResponse({
    description: 'WRONG_STAGE: only in follow-up, and not while residents are evaluating',
  })
  async assign(
    @Auth() auth: RequestAuth,
    @Param('caseId') caseId: string,
    @Body() body: AssignTaskRequest,
    @NewId('task') taskId: string,
  ): Promise<CaseWriteResponse> {
    const { version } = await this.commands.execute(
      new AssignTaskCommand(
        caseId,
        {
          taskId,
          title: body.title,
          description: body.description ?? null,
          assigneeParty: body.assigneeParty,
          dueAt: body.dueAt === undefined ? null : new Date(body.dueAt).toISOString(),
          dueInWorkingDays: body.dueInWorkingDays ?? null,
        },
        actorOf(auth),
      ),
    );
    return { id: taskId, version };
  }
}
