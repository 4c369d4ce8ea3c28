import { Controller, Get, Header, Inject, Param, Query, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  ApiOperation,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsISO8601, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { type FastifyReply } from 'fastify';
import { type Pool } from 'pg';
import { Can } from '@yishi/access';
import { ESCALATION_CAUSES, PARTIES, STAGES, ValidationError } from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';
import { findCommunity } from '@yishi/registry';
import { communityStats, statsCsv, type CommunityStats } from '@yishi/cases';
import { nfcTrim } from '../case.dto';

export class StatsQuery {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'cases opened at or after this instant (unset: from the first case)',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'cases opened before this instant (unset: up to now)',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: 'one estate (小区) only', maxLength: 100 })
  @IsOptional()
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  estate?: string;
}

const stageDays = Object.fromEntries(
  STAGES.map((s) => [s, { type: 'number' as const, nullable: true }]),
);

/** An object of whole-number counts, one per key, all present. */
const counts = (keys: readonly string[], description?: string) => ({
  type: 'object' as const,
  properties: Object.fromEntries(keys.map((k) => [k, { type: 'integer' as const }])),
  required: [...keys],
  ...(description === undefined ? {} : { description }),
});

export class StatsCases {
  @ApiProperty({ description: 'cases opened in the range (the cohort)' }) opened!: number;
  @ApiProperty({ description: 'of those, open now' }) open!: number;
  @ApiProperty({ description: 'of those, closed now' }) closed!: number;
}

export class PartyStatsView {
  @ApiProperty({ enum: PARTIES }) party!: string;
  @ApiProperty() acknowledgementsDue!: number;
  @ApiProperty() acknowledgedOnTime!: number;
  @ApiProperty({ nullable: true, type: Number }) onTimeAcknowledgementRate!: number | null;
  @ApiProperty({ description: '吹哨 of this party' }) escalations!: number;
  @ApiProperty({
    type: 'object',
    properties: {
      satisfied: { type: 'number' },
      'basically-satisfied': { type: 'number' },
      dissatisfied: { type: 'number' },
      unrated: { type: 'number' },
    },
    description: "the secretary's ratings of its escalations (一哨一评)",
  })
  ratings!: object;
  @ApiProperty({ nullable: true, type: Number }) ratingSatisfactionRate!: number | null;
}

export class StatsView {
  @ApiProperty({ type: StatsCases }) cases!: StatsCases;
  @ApiProperty({ nullable: true, type: Number, description: 'closed / opened (办结率)' })
  closureRate!: number | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: '(satisfied + basically satisfied) / evaluations; unevaluated cases add none',
  })
  satisfactionRate!: number | null;
  @ApiProperty({ nullable: true, type: Number }) onTimeAcknowledgementRate!: number | null;
  @ApiProperty() escalations!: number;
  @ApiProperty({
    type: 'object',
    properties: stageDays,
    description: 'mean working days of the stage entries that ended',
  })
  averageDaysPerStage!: object;
  @ApiProperty(counts(['resolved', 'unresolved', 'withdrawn', 'unevaluated']))
  endStates!: object;
  @ApiProperty(counts(['total', 'satisfied', 'basicallySatisfied', 'dissatisfied']))
  evaluations!: object;
  @ApiProperty(counts(ESCALATION_CAUSES, '吹哨 by cause'))
  escalationsByCause!: object;
  @ApiProperty({ type: [PartyStatsView] }) parties!: PartyStatsView[];
}

export class EstateStatsView extends StatsView {
  @ApiProperty() estate!: string;
}

export class CommunityStatsView extends StatsView {
  @ApiProperty({ format: 'uuid' }) communityId!: string;
  @ApiProperty({ nullable: true, type: String }) from!: string | null;
  @ApiProperty({ nullable: true, type: String }) to!: string | null;
  @ApiProperty({ nullable: true, type: String }) estate!: string | null;
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ type: [EstateStatsView] }) estates!: EstateStatsView[];
}

@ApiTags('statistics')
@Controller('communities/:communityId/stats')
export class StatsController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  private async read(communityId: string, q: StatsQuery): Promise<CommunityStats> {
    const from = q.from === undefined ? null : new Date(q.from).toISOString();
    const to = q.to === undefined ? null : new Date(q.to).toISOString();
    if (from !== null && to !== null && from >= to)
      throw new ValidationError('开始日期须早于结束日期', {
        fields: [{ field: 'to', problems: ['must be after from'] }],
      });
    return communityStats(this.pool, communityId, { from, to, estate: q.estate ?? null });
  }

  /** The cohort of cases opened in [from, to): see docs/follow-up.md for every definition. */
  @Get()
  @ApiOperation({ summary: 'statistics of the cases opened in a date range' })
  @Can('communities.stats')
  @ApiOkResponse({ type: CommunityStatsView })
  async stats(
    @Param('communityId') communityId: string,
    @Query() q: StatsQuery,
  ): Promise<CommunityStats> {
    return this.read(communityId, q);
  }

  /** The same as CSV (UTF-8 with BOM, Chinese headers): the community, then each estate. */
  @Get('export')
  @ApiOperation({ summary: 'statistics of the cases opened in a date range, as CSV' })
  @Can('communities.stats')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV, UTF-8 with BOM', schema: { type: 'string' } })
  async export(
    @Param('communityId') communityId: string,
    @Query() q: StatsQuery,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<string> {
    const stats = await this.read(communityId, q);
    const community = await findCommunity(this.pool, communityId);
    res.header(
      'Content-Disposition',
      `attachment; filename="stats.csv"; filename*=UTF-8''${encodeURIComponent(`${community.name}统计.csv`)}`,
    );
    return statsCsv(stats, community.name);
  }
}
