import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { type Pool } from 'pg';
import { PG_POOL } from '@yishi/platform';
import { actorOf, Auth, Can, type RequestAuth } from '@yishi/access';
import { CaseWriteResponse } from '../../case.dto';
import { RunCaseCommand } from '../../run-case-command';
import { caseOfTask } from '../../task-case';
import { ReassignTaskRequest } from './reassign-task.request.dto';

@ApiTags('tasks')
@Controller('tasks/:taskId/reassign')
export class ReassignTaskController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

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
      new RunCaseCommand(
        await caseOfTask(this.pool, taskId),
        {
          type: 'ReassignTask',
          data: {
            taskId,
            assigneeParty: body.assigneeParty,
            dueAt: body.dueAt === undefined ? null : new Date(body.dueAt).toISOString(),
            reason: body.reason ?? null,
          },
        },
        actorOf(auth),
      ),
    );
    return { id: taskId, version };
  }
}
