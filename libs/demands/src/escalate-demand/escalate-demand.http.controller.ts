import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { actorOf, Auth, Can, NewId, type RequestAuth } from '@yishi/access';
import { ValidationError } from '@yishi/domain';
import { DemandCallers } from '../demand-caller';
import { EscalateDemandsCommand, type EscalationTarget } from './escalate-demand.command';
import {
  EscalateDemandRequest,
  EscalateDemandsRequest,
  EscalationResponse,
} from './escalate-demand.request.dto';

/** `caseId` or `newCase`, exactly one. */
function targetOf(body: EscalateDemandRequest, newId: string): EscalationTarget {
  const { caseId, newCase } = body;
  if ((caseId === undefined) === (newCase === undefined))
    throw new ValidationError('请选择要转入的议事案件，或填写新案件的内容（二者选一）', {
      fields: [{ field: 'caseId', problems: ['caseId 与 newCase 须给且只给一个'] }],
    });
  if (caseId !== undefined) return { kind: 'existing', caseId };
  const c = newCase!;
  return {
    kind: 'new',
    caseId: newId,
    newCase: {
      mechanism: c.mechanism,
      title: c.title,
      description: c.description,
      category: c.category,
      scope: {
        estate: c.scope.estate,
        building: c.scope.building ?? null,
        entrance: c.scope.entrance ?? null,
      },
      involvedParties: c.involvedParties ?? [],
    },
  };
}

const CREATED =
  'the case the demands are in (status in-case); sent again: that case, nothing written';
const CONFLICT = 'WRONG_STAGE: a demand has finished or is in another case, or the case is closed';

@ApiTags('demands')
@Controller()
export class EscalateDemandController {
  constructor(
    private readonly commands: CommandBus,
    private readonly callers: DemandCallers,
  ) {}

  @Post('demands/:demandId/escalation')
  @Can('demands.escalate')
  @ApiOperation({ summary: 'escalate a demand into a new or open case (转议事)' })
  @ApiCreatedResponse({ type: EscalationResponse, description: CREATED })
  @ApiConflictResponse({ description: CONFLICT })
  @ApiNotFoundResponse({ description: "no such case in the demand's community" })
  async escalate(
    @Auth() auth: RequestAuth,
    @Param('demandId') demandId: string,
    @Body() body: EscalateDemandRequest,
    @NewId('case') newId: string,
  ): Promise<EscalationResponse> {
    return this.run(auth, [demandId], targetOf(body, newId));
  }

  @Post('communities/:communityId/demands/escalation')
  @Can('demands.escalate')
  @ApiOperation({ summary: "escalate several of a community's demands into one case" })
  @ApiCreatedResponse({ type: EscalationResponse, description: CREATED })
  @ApiConflictResponse({ description: CONFLICT })
  @ApiNotFoundResponse({ description: 'no such demand or case in the community' })
  async escalateMany(
    @Auth() auth: RequestAuth,
    @Body() body: EscalateDemandsRequest,
    @NewId('case') newId: string,
  ): Promise<EscalationResponse> {
    return this.run(auth, body.demandIds, targetOf(body, newId));
  }

  private async run(
    auth: RequestAuth,
    demandIds: readonly string[],
    target: EscalationTarget,
  ): Promise<EscalationResponse> {
    const caller = await this.callers.of(auth);
    return this.commands.execute(
      new EscalateDemandsCommand(demandIds, target, caller, actorOf(auth)),
    );
  }
}
