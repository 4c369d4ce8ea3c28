import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiTags,
  ApiOperation,
} from '@nestjs/swagger';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { FileObjectionCommand } from './file-objection.command';
import { ObjectionFiledResponse } from '../voting.dto';
import { FileObjectionRequest } from './file-objection.request.dto';

@ApiTags('voting')
@Controller('resolutions/:resolutionId/objections')
export class FileObjectionController {
  constructor(private readonly commands: CommandBus) {}

  /**
   * An objection to the preliminary result (询异): the unit's vote is recorded wrongly. By an owner
   * of the unit in the frozen electorate, or an agent holding a written proxy for it; during the
   * objection period only. The secretary answers it; the result is final only after every answer.
   */
  @Post()
  @ApiOperation({ summary: "object to the preliminary result about a unit's vote (询异)" })
  @Can('resolutions.object')
  @ApiCreatedResponse({ type: ObjectionFiledResponse })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: not an owner (or agent) of the unit' })
  @ApiConflictResponse({ description: 'WRONG_STAGE: not in the objection period' })
  async file(
    @Auth() auth: RequestAuth,
    @Param('resolutionId') resolutionId: string,
    @Body() body: FileObjectionRequest,
  ): Promise<ObjectionFiledResponse> {
    const filed = await this.commands.execute(
      new FileObjectionCommand(resolutionId, { userId: auth.user.id }, body),
    );
    return {
      id: filed.objectionId,
      resolutionId: filed.resolutionId,
      unitId: filed.unitId,
      filedAt: filed.filedAt,
    };
  }
}
