import { ApiProperty } from '@nestjs/swagger';
import { DEMAND_CATEGORIES, ESCALATION_CAUSES, PARTIES, STAGES } from '@yishi/domain';

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
  @ApiProperty({
    description:
      'of those, closed now (销号) however they ended: see endStates; 办结 is resolved only',
  })
  closed!: number;
}

/** A rate and what it rests on. */
export class StatsRateView {
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'numerator / denominator; null when 0',
  })
  rate!: number | null;
  @ApiProperty({ type: 'integer' }) numerator!: number;
  @ApiProperty({ type: 'integer', description: 'what the rate rests on ("基于 N 件")' })
  denominator!: number;
}

export class PartyStatsRatesView {
  @ApiProperty({
    type: StatsRateView,
    description: 'acknowledged by the deadline / stage entries whose outcome is known',
  })
  onTimeAcknowledgementRate!: StatsRateView;
  @ApiProperty({
    type: StatsRateView,
    description: 'satisfied + basically satisfied ratings / rated escalations (一哨一评)',
  })
  ratingSatisfactionRate!: StatsRateView;
}

export class StatsRatesView {
  @ApiProperty({
    type: StatsRateView,
    description: '办结率: closed resolved / opened less withdrawn',
  })
  closureRate!: StatsRateView;
  @ApiProperty({
    type: StatsRateView,
    description: '满意率: satisfied + basically satisfied evaluations / evaluations given',
  })
  satisfactionRate!: StatsRateView;
  @ApiProperty({
    type: StatsRateView,
    description: '按时签收率: acknowledged by the deadline / stage entries whose outcome is known',
  })
  onTimeAcknowledgementRate!: StatsRateView;
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
  @ApiProperty({ type: PartyStatsRatesView, description: 'the rates with what they rest on' })
  rates!: PartyStatsRatesView;
}

export class StatsView {
  @ApiProperty({ type: StatsCases }) cases!: StatsCases;
  @ApiProperty({
    nullable: true,
    type: Number,
    description:
      '办结率: closed resolved / opened less withdrawn (unresolved and unevaluated are not 办结)',
  })
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
  @ApiProperty(
    counts(
      ['resolved', 'unresolved', 'withdrawn', 'unevaluated'],
      'closed cases by how they ended; unevaluated: too few of the units asked evaluated',
    ),
  )
  endStates!: object;
  @ApiProperty(counts(['total', 'satisfied', 'basicallySatisfied', 'dissatisfied']))
  evaluations!: object;
  @ApiProperty(counts(ESCALATION_CAUSES, '吹哨 by cause'))
  escalationsByCause!: object;
  @ApiProperty({ type: [PartyStatsView] }) parties!: PartyStatsView[];
  @ApiProperty({ type: StatsRatesView, description: 'the rates with what they rest on' })
  rates!: StatsRatesView;
}

export class StatsBaseView {
  @ApiProperty({ type: 'integer' }) numerator!: number;
  @ApiProperty({ type: 'integer', description: 'what the rate rests on; the rate is null when 0' })
  denominator!: number;
}

/** Each rate's numerator and denominator (docs/demands.md, "The yardsticks"). */
export class DemandBasesView {
  @ApiProperty({ type: StatsBaseView }) responseRate!: StatsBaseView;
  @ApiProperty({ type: StatsBaseView }) resolutionRate!: StatsBaseView;
  @ApiProperty({ type: StatsBaseView }) satisfactionRate!: StatsBaseView;
  @ApiProperty({ type: StatsBaseView }) acceptedWithin24hRate!: StatsBaseView;
  @ApiProperty({ type: StatsBaseView }) closedWithin7DaysRate!: StatsBaseView;
}

/** The ledger's yardsticks over the demands received in the range (docs/demands.md). */
export class DemandFiguresView {
  @ApiProperty({ description: 'demands received in the range' }) received!: number;
  @ApiProperty({ description: '销号: closed with a satisfied or basically satisfied answer' })
  closed!: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: '响应率: accepted by the accept deadline / accepted or past it',
  })
  responseRate!: number | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: '解决率: struck off / closed or past the resolve deadline',
  })
  resolutionRate!: number | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: '满意率: satisfied or basically satisfied answers / answers given',
  })
  satisfactionRate!: number | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: '24 小时签收率: accepted within 24 hours / accepted or older than 24 hours',
  })
  acceptedWithin24hRate!: number | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: '7 日办结率: struck off within 7 working days / closed or older',
  })
  closedWithin7DaysRate!: number | null;
  @ApiProperty({ description: '重复诉求: reopenings (a count)' }) reopened!: number;
  @ApiProperty({ type: DemandBasesView, description: "each rate's numerator and denominator" })
  bases!: DemandBasesView;
}

export class DemandGridStatsView extends DemandFiguresView {
  @ApiProperty({ format: 'uuid' }) gridId!: string;
}

export class DemandCategoryStatsView extends DemandFiguresView {
  @ApiProperty({ enum: DEMAND_CATEGORIES }) category!: string;
}

export class DemandEstateStatsView extends DemandFiguresView {
  @ApiProperty() estate!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'the property company (物业服务企业) the estate names now; null: none registered',
  })
  propertyCompany!: string | null;
}

export class DemandPropertyCompanyStatsView extends DemandFiguresView {
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'the property company (物业服务企业); null: the estates that name none (未登记物业)',
  })
  propertyCompany!: string | null;
  @ApiProperty({
    type: [String],
    description: 'the estates of the row: those naming the company whose demands it counts',
  })
  estates!: string[];
}

export class DemandStatsView extends DemandFiguresView {
  @ApiProperty({ type: [DemandGridStatsView], description: 'demands with a grid, per grid' })
  byGrid!: DemandGridStatsView[];
  @ApiProperty({ type: [DemandCategoryStatsView] }) byCategory!: DemandCategoryStatsView[];
  @ApiProperty({
    type: [DemandEstateStatsView],
    description: "demands placed in an estate (their unit's), per estate",
  })
  byEstate!: DemandEstateStatsView[];
  @ApiProperty({
    type: [DemandPropertyCompanyStatsView],
    description:
      'byEstate added up per property company the estates name now (PUT …/estates/:estateId/property-company), by name; the estates that name none together last, propertyCompany null',
  })
  byPropertyCompany!: DemandPropertyCompanyStatsView[];
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
  @ApiProperty({
    type: DemandStatsView,
    description: 'the demands ledger: demands received in the range (of the estate, if given)',
  })
  demands!: DemandStatsView;
}
