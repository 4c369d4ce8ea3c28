import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, Auth, Can, type RequestAuth } from '@yishi/access';
import { CaseWriteResponse } from '../cases.dto';
import { RecordAnalysisCommand } from './record-analysis.command';
import { RecordAnalysisRequest } from './record-analysis.request.dto';

@ApiTags('cases')
@Controller('cases/:caseId/analysis')
export class RecordAnalysisController {
  constructor(private readonly commands: CommandBus) {}

  /** 分析研判: names the lead party and the options, and publishes the notice (公告). */
  @Post()
  @Can('cases.analysis')
  @ApiCreatedResponse({ type: CaseWriteResponse })
  @ApiConflictResponse({ description: 'WRONG_STAGE: only in analysis' })
  async record(
    @Auth() auth: RequestAuth,
    @Param('caseId') caseId: string,
    @Body() body: RecordAnalysisRequest,
  ): Promise<CaseWriteResponse> {
    const { version } = await this.commands.execute(
      new RecordAnalysisCommand(
        caseId,
        {
          summary: body.summary,
          leadParty: body.leadParty,
          siteSurvey: body.siteSurvey ?? null,
          options: body.options.map((o) => ({ title: o.title, description: o.description })),
        },
        actorOf(auth),
      ),
    );
    return { version };
  }
}
