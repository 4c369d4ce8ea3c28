import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Auth, Can, communityOf, type RequestAuth } from '@yishi/access';
import { whistleCallerOf, writeResponse } from '../whistle-caller';
import { WhistleWriteResponse } from '../whistles.dto';
import { CheckInCommand } from './check-in.command';
import { CheckInRequest } from './check-in.request.dto';

@ApiTags('whistles')
@Controller('whistles/:whistleId/check-in')
export class CheckInController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Can('whistles.check-in')
  @ApiCreatedResponse({ type: WhistleWriteResponse, description: '报到: the track is on-site' })
  @ApiConflictResponse({ description: 'WRONG_STAGE: not accepted yet, or answered' })
  async checkIn(
    @Auth() auth: RequestAuth,
    @Param('whistleId') whistleId: string,
    @Body() body: CheckInRequest,
  ): Promise<WhistleWriteResponse> {
    return writeResponse(
      await this.commands.execute(
        new CheckInCommand(
          whistleId,
          communityOf(auth),
          {
            departmentId: body.fromDepartmentId ?? null,
            note: body.note,
            colleagues: body.colleagues ?? [],
            photoIds: body.photoIds ?? [],
          },
          whistleCallerOf(auth),
        ),
      ),
    );
  }
}
