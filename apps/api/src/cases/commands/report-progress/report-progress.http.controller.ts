import { Body, Controller, Inject, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { type Pool } from 'pg';
import { PG_POOL } from '@yishi/platform';
import { actorOf, Auth, Can, type RequestAuth } from '@yishi/access';
import { CaseWriteResponse } from '../../case.dto';
import { RunCaseCommand } from '../../run-case-command';
import { caseOfTask, checkUploads } from '../../task-case';
import { ReportProgressRequest } from './report-progress.request.dto';

@ApiTags('tasks')
@Controller('tasks/:taskId/progress')
export class ReportProgressController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

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
    await checkUploads(this.pool, taskId, body.evidence);
    const { version } = await this.commands.execute(
      new RunCaseCommand(
        await caseOfTask(this.pool, taskId),
        {
          type: 'ReportProgress',
          data: { taskId, percent: body.percent, note: body.note, evidence: body.evidence ?? [] },
        },
        actorOf(auth),
      ),
    );
    return { id: taskId, version };
  }
}
