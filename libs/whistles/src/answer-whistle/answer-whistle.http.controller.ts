import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Auth, Can, communityOf, type RequestAuth } from '@yishi/access';
import { whistleCallerOf, writeResponse } from '../whistle-caller';
import { WhistleWriteResponse } from '../whistles.dto';
import { AnswerWhistleCommand } from './answer-whistle.command';
import { AnswerWhistleRequest } from './answer-whistle.request.dto';

@ApiTags('whistles')
@Controller('whistles/:whistleId/feedback')
export class AnswerWhistleController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Can('whistles.feedback')
  @ApiCreatedResponse({ type: WhistleWriteResponse, description: '反馈: the track is answered' })
  @ApiConflictResponse({
    description: 'WRONG_STAGE: not accepted, or no check-in where one is needed',
  })
  async answer(
    @Auth() auth: RequestAuth,
    @Param('whistleId') whistleId: string,
    @Body() body: AnswerWhistleRequest,
  ): Promise<WhistleWriteResponse> {
    return writeResponse(
      await this.commands.execute(
        new AnswerWhistleCommand(
          whistleId,
          communityOf(auth),
          {
            departmentId: body.fromDepartmentId ?? null,
            result: body.result,
            photoIds: body.photoIds ?? [],
          },
          whistleCallerOf(auth),
        ),
      ),
    );
  }
}
