import { Body, Controller, Get, Inject, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { type Pool } from 'pg';
import { PARTIES, STAGES } from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';
import { readCaseOpinions } from '@yishi/cases';
import { actorOf, Auth, Can, NewId, type RequestAuth } from '@yishi/access';
import { CaseWriteResponse, nfcTrim } from '../../case.dto';
import { RunCaseCommand } from '../../run-case-command';

export class PostOpinionRequest {
  @ApiProperty({ maxLength: 5000 })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  content!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the opinion this answers (threaded)' })
  @IsOptional()
  @IsUUID()
  replyTo?: string;
}

export class OpinionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() content!: string;
  @ApiProperty({ type: String, nullable: true }) replyTo!: string | null;
  @ApiProperty({
    enum: PARTIES,
    nullable: true,
    description: "the author's party; null for a resident",
  })
  party!: string | null;
  @ApiProperty({ enum: STAGES }) stage!: string;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty() authorName!: string;
  @ApiProperty({ format: 'date-time' }) postedAt!: string;
}

export class OpinionList {
  @ApiProperty({ type: [OpinionView] }) items!: OpinionView[];
}

@ApiTags('cases')
@Controller('cases/:caseId/opinions')
export class OpinionsController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  /** A party's response (反馈) or a resident's view, in any open stage. */
  @Post()
  @Can('cases.opinion')
  @ApiCreatedResponse({ type: CaseWriteResponse })
  async post(
    @Auth() auth: RequestAuth,
    @Param('caseId') caseId: string,
    @Body() body: PostOpinionRequest,
    @NewId('opinion') opinionId: string,
  ): Promise<CaseWriteResponse> {
    const actor = actorOf(auth);
    const { version } = await this.commands.execute(
      new RunCaseCommand(
        caseId,
        {
          type: 'PostOpinion',
          data: {
            opinionId,
            content: body.content,
            replyTo: body.replyTo ?? null,
            party: actor.party ?? null,
          },
        },
        actor,
      ),
    );
    return { id: opinionId, version };
  }

  @Get()
  @Can('cases.opinions')
  @ApiOkResponse({ type: OpinionList })
  async list(@Param('caseId') caseId: string): Promise<OpinionList> {
    return { items: await readCaseOpinions(this.pool, caseId) };
  }
}
