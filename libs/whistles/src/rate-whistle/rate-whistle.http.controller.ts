import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { writeResponse } from '../whistle-caller';
import { WhistleWriteResponse } from '../whistles.dto';
import { RateWhistleCommand } from './rate-whistle.command';
import { RateWhistleRequest } from './rate-whistle.request.dto';

@ApiTags('whistles')
@Controller('whistles/:whistleId/rating')
export class RateWhistleController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Can('whistles.rate')
  @ApiCreatedResponse({
    type: WhistleWriteResponse,
    description: 'satisfied or basically-satisfied: closed; dissatisfied: reopened (accepted)',
  })
  @ApiConflictResponse({ description: 'WRONG_STAGE: no answer to rate' })
  async rate(
    @Auth() auth: RequestAuth,
    @Param('whistleId') whistleId: string,
    @Body() body: RateWhistleRequest,
  ): Promise<WhistleWriteResponse> {
    return writeResponse(
      await this.commands.execute(
        new RateWhistleCommand(
          whistleId,
          {
            departmentId: body.departmentId ?? null,
            rating: body.rating,
            comment: body.comment ?? null,
          },
          auth.user.id,
        ),
      ),
    );
  }
}
