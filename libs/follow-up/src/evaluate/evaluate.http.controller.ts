import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, Auth, Can, communityOf, type RequestAuth } from '@yishi/access';
import { CaseWriteResponse } from '@yishi/cases';
import { EvaluateCommand } from './evaluate.command';
import { EvaluateRequest } from './evaluate.request.dto';

@ApiTags('cases')
@Controller('cases/:caseId/evaluations')
export class EvaluateController {
  constructor(private readonly commands: CommandBus) {}

  /**
   * 问效: a resident rates the result for one of their own units in the case's scope, once per
   * unit and round, in follow-up after every task is done and before the window ends.
   */
  @Post()
  @Can('cases.evaluate')
  @ApiCreatedResponse({ type: CaseWriteResponse, description: '`id` is the unit evaluated' })
  @ApiConflictResponse({
    description:
      'ALREADY_EXISTS: the unit has evaluated this round; WRONG_STAGE: tasks still open, or the window is over',
  })
  async evaluate(
    @Auth() auth: RequestAuth,
    @Param('caseId') caseId: string,
    @Body() body: EvaluateRequest,
  ): Promise<CaseWriteResponse> {
    const { unitId, version } = await this.commands.execute(
      new EvaluateCommand(
        caseId,
        { unitId: body.unitId, rating: body.rating, comment: body.comment ?? null },
        {
          ...actorOf(auth),
          communityId: communityOf(auth),
          ownUnitIds: auth.membership?.unitIds ?? [],
        },
      ),
    );
    return { id: unitId, version };
  }
}
