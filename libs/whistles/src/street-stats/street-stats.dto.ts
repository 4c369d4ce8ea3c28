/** The street's and the district's figures over HTTP (OpenAPI through these classes). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { DemandFiguresView, StatsRateView } from '@yishi/cases';

export class StreetStatsRangeQuery {
  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'tracks received (and cases opened, demands received) at or after this instant (unset: from the first)',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'received before this instant (unset: up to now)',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class CountedAverageView {
  @ApiProperty({ type: Number, nullable: true, description: 'elapsed hours; null when n is 0' })
  hours!: number | null;
  @ApiProperty({ type: 'integer', description: 'the tracks the average is of' }) n!: number;
}

export class WhistleRatingCountsView {
  @ApiProperty({ type: 'integer' }) satisfied!: number;
  @ApiProperty({ type: 'integer' }) basicallySatisfied!: number;
  @ApiProperty({ type: 'integer' }) dissatisfied!: number;
}

export class WhistleFiguresView {
  @ApiProperty({
    type: 'integer',
    description: 'tracks received in the range (whistled to it, or passed on to it)',
  })
  received!: number;
  @ApiProperty({ type: 'integer' }) accepted!: number;
  @ApiProperty({ type: 'integer' }) acceptedOnTime!: number;
  @ApiProperty({
    type: StatsRateView,
    description:
      '按时签收率: accepted by the deadline / accepted, or unaccepted past the deadline (passed on or withdrawn unaccepted before it: in neither)',
  })
  onTimeAcceptanceRate!: StatsRateView;
  @ApiProperty({
    type: CountedAverageView,
    description: 'mean elapsed hours from receipt to the first 报到',
  })
  averageHoursToCheckIn!: CountedAverageView;
  @ApiProperty({
    type: CountedAverageView,
    description: 'mean elapsed hours from receipt to the first 反馈',
  })
  averageHoursToAnswer!: CountedAverageView;
  @ApiProperty({
    type: WhistleRatingCountsView,
    description: 'every rating of an answer (一哨一评), in the month the track was received',
  })
  ratings!: WhistleRatingCountsView;
  @ApiProperty({
    type: StatsRateView,
    description: '满意率: (satisfied + basically satisfied) / ratings given',
  })
  satisfactionRate!: StatsRateView;
  @ApiProperty({ type: 'integer', description: '流转: tracks it passed on to another department' })
  passedOn!: number;
}

export class MonthFiguresView extends WhistleFiguresView {
  @ApiProperty({ example: '2026-11', description: 'the CST month the tracks were received in' })
  month!: string;
}

export class StreetTotalView extends WhistleFiguresView {
  @ApiProperty({ type: [MonthFiguresView] }) byMonth!: MonthFiguresView[];
}

export class DepartmentFiguresView extends StreetTotalView {
  @ApiProperty({ format: 'uuid' }) departmentId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['department', 'street-office'] }) kind!: string;
  @ApiProperty({
    type: 'integer',
    description:
      'by satisfied rate, then on-time acceptance rate, higher first, null after numbers; equal on both share a rank',
  })
  rank!: number;
}

export class CaseYardsticksView {
  @ApiProperty({ type: 'integer', description: 'cases opened in the range' }) opened!: number;
  @ApiProperty({ type: 'integer' }) open!: number;
  @ApiProperty({ type: 'integer' }) closed!: number;
  @ApiProperty({ type: StatsRateView, description: '办结率' }) closureRate!: StatsRateView;
  @ApiProperty({ type: StatsRateView, description: '满意率' }) satisfactionRate!: StatsRateView;
  @ApiProperty({ type: StatsRateView, description: '按时签收率' })
  onTimeAcknowledgementRate!: StatsRateView;
}

export class CommunityYardsticksView {
  @ApiProperty({ format: 'uuid' }) communityId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({
    type: DemandFiguresView,
    description: "the ledger's yardsticks (as GET /communities/:id/stats `demands`)",
  })
  demands!: DemandFiguresView;
  @ApiProperty({ type: CaseYardsticksView, description: 'the case rates, with their bases' })
  cases!: CaseYardsticksView;
}

export class StreetStatsView {
  @ApiProperty({ format: 'uuid' }) streetId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) district!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) from!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) to!: string | null;
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({
    type: [String],
    description: 'the CST months (YYYY-MM) with a track received in the range',
  })
  months!: string[];
  @ApiProperty({ type: StreetTotalView, description: "the street's departments added up" })
  total!: StreetTotalView;
  @ApiProperty({ type: [DepartmentFiguresView], description: 'every department, by rank' })
  departments!: DepartmentFiguresView[];
  @ApiProperty({ type: [CommunityYardsticksView] }) communities!: CommunityYardsticksView[];
}

export class StreetCommunitiesTotalView {
  @ApiProperty({ type: 'integer', description: 'communities of the street' }) count!: number;
  @ApiProperty({ type: DemandFiguresView }) demands!: DemandFiguresView;
  @ApiProperty({ type: CaseYardsticksView }) cases!: CaseYardsticksView;
}

export class StreetTotalsView extends StreetTotalView {
  @ApiProperty({ format: 'uuid' }) streetId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'integer', description: "among the district's streets, as departments" })
  rank!: number;
  @ApiProperty({
    type: StreetCommunitiesTotalView,
    description: "its communities' figures added up (numerators and denominators)",
  })
  communities!: StreetCommunitiesTotalView;
}

export class DistrictStatsView {
  @ApiProperty() district!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) from!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) to!: string | null;
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ type: [String] }) months!: string[];
  @ApiProperty({ type: StreetTotalView, description: "the district's streets added up" })
  total!: StreetTotalView;
  @ApiProperty({ type: [StreetTotalsView], description: 'every street of the district, by rank' })
  streets!: StreetTotalsView[];
}
