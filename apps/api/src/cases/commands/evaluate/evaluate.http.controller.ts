import { Body, Controller, Inject, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { type Pool } from 'pg';
import { ForbiddenError, NotFoundError, ValidationError } from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';
import { unitInScope } from '@yishi/registry';
import { caseUnitScope } from '@yishi/cases';
import { actorOf, Auth, Can, communityOf, type RequestAuth } from '@yishi/access';
import { CaseWriteResponse } from '../../case.dto';
import { RunCaseCommand } from '../../run-case-command';
import { EvaluateRequest } from './evaluate.request.dto';

@ApiTags('cases')
@Controller('cases/:caseId/evaluations')
export class EvaluateController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

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
    const communityId = communityOf(auth);
    const scope = await caseUnitScope(this.pool, caseId);
    if (scope === undefined) throw new NotFoundError('找不到该议题', { caseId });
    const owned = auth.membership?.unitIds ?? [];
    let unitId: string;
    if (body.unitId !== undefined) {
      if (!owned.includes(body.unitId))
        throw new ForbiddenError('居民只能为自己的房屋评价', {
          unitId: body.unitId,
        });
      if (!(await unitInScope(this.pool, communityId, scope, body.unitId)))
        throw new ForbiddenError('该房屋不在本案件范围内', { unitId: body.unitId });
      unitId = body.unitId;
    } else {
      const inScope: string[] = [];
      for (const id of owned)
        if (await unitInScope(this.pool, communityId, scope, id)) inScope.push(id);
      const [only, ...more] = inScope;
      if (only === undefined) throw new ForbiddenError('您名下没有本案件范围内的房屋', { caseId });
      if (more.length > 0)
        throw new ValidationError('您名下有多套房屋在本案件范围内，请指明 unitId', {
          fields: [{ field: 'unitId', problems: ['required: you own several units in scope'] }],
          unitIds: inScope,
        });
      unitId = only;
    }
    const { version } = await this.commands.execute(
      new RunCaseCommand(
        caseId,
        {
          type: 'Evaluate',
          data: { unitId, rating: body.rating, comment: body.comment ?? null },
        },
        actorOf(auth),
      ),
    );
    return { id: unitId, version };
  }
}
