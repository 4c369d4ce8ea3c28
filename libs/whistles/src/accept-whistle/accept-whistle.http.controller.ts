import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { TrackRequest } from '../track-request.dto';
import { whistleCallerOf, writeResponse } from '../whistle-caller';
import { WhistleWriteResponse } from '../whistles.dto';
import { AcceptWhistleCommand } from './accept-whistle.command';

@ApiTags('whistles')
@Controller('whistles/:whistleId/acceptance')
export class AcceptWhistleController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Can('whistles.accept')
  @ApiCreatedResponse({ type: WhistleWriteResponse, description: '签收: the track is accepted' })
  @ApiConflictResponse({ description: 'WRONG_STAGE: not waiting to be accepted' })
  async accept(
    @Auth() auth: RequestAuth,
    @Param('whistleId') whistleId: string,
    @Body() body: TrackRequest,
  ): Promise<WhistleWriteResponse> {
    return writeResponse(
      await this.commands.execute(
        new AcceptWhistleCommand(whistleId, body.fromDepartmentId ?? null, whistleCallerOf(auth)),
      ),
    );
  }
}
