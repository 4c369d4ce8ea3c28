import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Pool } from 'pg';
import { PG_POOL } from '@yishi/platform';
import { actorOf, Auth, Can, type RequestAuth } from '@yishi/access';
import { CaseWriteResponse } from '../../case.dto';
import { RunCaseCommand } from '../../run-case-command';
import { caseOfTask, checkUploads } from '../../task-case';
import { CompleteTaskRequest } from './complete-task.request.dto';

@ApiTags('tasks')
@Controller('tasks/:taskId/complete')
export class CompleteTaskController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

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
    await checkUploads(this.pool, taskId, body.evidence);
    const { version } = await this.commands.execute(
      new RunCaseCommand(
        await caseOfTask(this.pool, taskId),
        { type: 'CompleteTask', data: { taskId, note: body.note, evidence: body.evidence ?? [] } },
        actorOf(auth),
      ),
    );
    return { id: taskId, version };
  }
}
