import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, Auth, Can, type RequestAuth } from '@yishi/access';
import { AnswerObjectionCommand } from './answer-objection.command';
import { ObjectionAnsweredResponse } from '../voting.dto';
import { AnswerObjectionRequest } from './answer-objection.request.dto';

@ApiTags('voting')
@Controller('resolutions/:resolutionId/objections/:objectionId/answer')
export class AnswerObjectionController {
  constructor(private readonly commands: CommandBus) {}

  /**
   * The secretary answers an objection, once: upheld or not, with the reason recorded, and for an
   * upheld one any correction of a unit's ballot (`choice: null` voids it). The final tally counts
   * the corrections. Past the objection period, the last answer makes the result final.
   */
  @Post()
  @HttpCode(200)
  @Can('resolutions.answer-objection')
  @ApiOkResponse({ type: ObjectionAnsweredResponse })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no such objection' })
  @ApiConflictResponse({ description: 'WRONG_STAGE: answered already, or the result is final' })
  async answer(
    @Auth() auth: RequestAuth,
    @Param('resolutionId') resolutionId: string,
    @Param('objectionId') objectionId: string,
    @Body() body: AnswerObjectionRequest,
  ): Promise<ObjectionAnsweredResponse> {
    const answered = await this.commands.execute(
      new AnswerObjectionCommand(resolutionId, objectionId, body, actorOf(auth)),
    );
    return {
      id: answered.objectionId,
      resolutionId: answered.resolutionId,
      answeredBy: answered.answeredBy,
      upheld: answered.upheld,
      reason: answered.reason,
      correction: answered.correction,
      answeredAt: answered.answeredAt,
      phase: answered.phase,
    };
  }
}
