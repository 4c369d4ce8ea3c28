import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { RATINGS, type Rating } from '@yishi/domain';
import { actorOf, Auth, Can, type RequestAuth } from '@yishi/access';
import { CaseWriteResponse, nfcTrim } from '../../case.dto';
import { RunCaseCommand } from '../../run-case-command';

export class RateEscalationRequest {
  @ApiProperty({ enum: RATINGS, description: 'how the escalated party answered (一哨一评)' })
  @IsIn(RATINGS)
  rating!: Rating;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  comment?: string;
}

@ApiTags('cases')
@Controller('cases/:caseId/escalations/:escalation')
export class RateEscalationController {
  constructor(private readonly commands: CommandBus) {}

  /**
   * 一哨一评: the secretary rates how the party answered an escalation (吹哨), once; also after the
   * case closed. The ids are in the case view's `escalations`.
   */
  @Post('rating')
  @Can('cases.rate-escalation')
  @ApiCreatedResponse({ type: CaseWriteResponse })
  @ApiConflictResponse({ description: 'ALREADY_EXISTS: this escalation is rated already' })
  async rate(
    @Auth() auth: RequestAuth,
    @Param('caseId') caseId: string,
    @Param('escalation') escalationId: string,
    @Body() body: RateEscalationRequest,
  ): Promise<CaseWriteResponse> {
    const { version } = await this.commands.execute(
      new RunCaseCommand(
        caseId,
        {
          type: 'RateEscalation',
          data: { escalationId, rating: body.rating, comment: body.comment ?? null },
        },
        actorOf(auth),
      ),
    );
    return { version };
  }
}
