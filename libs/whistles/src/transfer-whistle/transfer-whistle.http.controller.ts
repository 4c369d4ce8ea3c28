import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Auth, Can, type RequestAuth, streetOf } from '@yishi/access';
import { whistleCallerOf, writeResponse } from '../whistle-caller';
import { WhistleWriteResponse } from '../whistles.dto';
import { TransferWhistleCommand } from './transfer-whistle.command';
import { TransferWhistleRequest } from './transfer-whistle.request.dto';

@ApiTags('whistles')
@Controller('whistles/:whistleId/transfer')
export class TransferWhistleController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Can('whistles.transfer')
  @ApiCreatedResponse({
    type: WhistleWriteResponse,
    description: '流转: the new department’s track starts issued',
  })
  @ApiConflictResponse({ description: 'WRONG_STAGE: answered already' })
  async transfer(
    @Auth() auth: RequestAuth,
    @Param('whistleId') whistleId: string,
    @Body() body: TransferWhistleRequest,
  ): Promise<WhistleWriteResponse> {
    return writeResponse(
      await this.commands.execute(
        new TransferWhistleCommand(
          whistleId,
          streetOf(auth),
          {
            fromDepartmentId: body.fromDepartmentId ?? null,
            toDepartmentId: body.departmentId,
            reason: body.reason,
          },
          whistleCallerOf(auth),
        ),
      ),
    );
  }
}
