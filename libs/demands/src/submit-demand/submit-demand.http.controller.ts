import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import { Auth, Can, NewIdMade, type MadeId, type RequestAuth } from '@yishi/access';
import { DemandCallers } from '../demand-caller';
import { DemandWriteResponse } from '../demands.dto';
import { writeResponse } from '../demand-write';
import { SubmitLedgerDemandCommand } from './submit-demand.command';
import { SubmitLedgerDemandRequest } from './submit-demand.request.dto';

@ApiTags('demands')
@Controller('communities/:communityId/demands')
export class SubmitLedgerDemandController {
  constructor(
    private readonly commands: CommandBus,
    private readonly callers: DemandCallers,
  ) {}

  @Post()
  @Can('demands.submit')
  @ApiCreatedResponse({ type: DemandWriteResponse, description: 'received (受理)' })
  @ApiOkResponse({
    type: DemandWriteResponse,
    description: 'the same id was recorded already: that demand, nothing written',
  })
  async submit(
    @Auth() auth: RequestAuth,
    @Body() body: SubmitLedgerDemandRequest,
    @NewIdMade('demand') newId: MadeId,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<DemandWriteResponse> {
    const outcome = await this.commands.execute(
      new SubmitLedgerDemandCommand(
        {
          demandId: body.id ?? newId.id,
          freshId: body.id === undefined && newId.random,
          content: body.content,
          category: body.category,
          unitId: body.unitId ?? null,
          place:
            body.place === undefined
              ? null
              : { estate: body.place.estate, building: body.place.building ?? null },
          source: body.source,
          onBehalfOf:
            body.onBehalfOf === undefined
              ? null
              : { name: body.onBehalfOf.name, phone: body.onBehalfOf.phone ?? null },
          photoIds: body.photoIds ?? [],
        },
        await this.callers.of(auth),
      ),
    );
    if (!outcome.created) void res.status(200);
    return writeResponse(outcome);
  }
}
