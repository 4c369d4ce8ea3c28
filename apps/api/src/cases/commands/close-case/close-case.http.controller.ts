import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { actorOf, Auth, Can, type RequestAuth } from '@yishi/access';
import { CaseWriteResponse, nfcTrim } from '../../case.dto';
import { RunCaseCommand } from '../../run-case-command';

export class CloseCaseRequest {
  @ApiProperty({
    enum: ['withdrawn', 'unresolved'],
    description: 'by hand a case ends withdrawn or unresolved; resolved comes from the evaluation',
  })
  @IsIn(['withdrawn', 'unresolved'])
  outcome!: 'withdrawn' | 'unresolved';

  @ApiPropertyOptional({ maxLength: 2000, description: 'required for unresolved' })
  @IsOptional()
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason?: string;
}

export class ReopenCaseRequest {
  @ApiProperty({ maxLength: 2000 })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;
}

@ApiTags('cases')
@Controller('cases/:caseId')
export class CloseCaseController {
  constructor(private readonly commands: CommandBus) {}

  @Post('close')
  @HttpCode(200)
  @Can('cases.close')
  @ApiOkResponse({ type: CaseWriteResponse })
  async close(
    @Auth() auth: RequestAuth,
    @Param('caseId') caseId: string,
    @Body() body: CloseCaseRequest,
  ): Promise<CaseWriteResponse> {
    const { version } = await this.commands.execute(
      new RunCaseCommand(
        caseId,
        { type: 'CloseCase', data: { outcome: body.outcome, reason: body.reason ?? null } },
        actorOf(auth),
      ),
    );
    return { version };
  }

  @Post('reopen')
  @HttpCode(200)
  @Can('cases.reopen')
  @ApiOkResponse({ type: CaseWriteResponse })
  async reopen(
    @Auth() auth: RequestAuth,
    @Param('caseId') caseId: string,
    @Body() body: ReopenCaseRequest,
  ): Promise<CaseWriteResponse> {
    const { version } = await this.commands.execute(
      new RunCaseCommand(
        caseId,
        { type: 'ReopenCase', data: { reason: body.reason } },
        actorOf(auth),
      ),
    );
    return { version };
  }
}
