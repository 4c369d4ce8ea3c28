import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import {
  CIVIL_CODE_MATTERS,
  DECISION_KINDS,
  MECHANISMS,
  MEETING_REQUIREMENTS,
  PARTIES,
  STAGES,
} from '@yishi/domain';
import {
  AdvanceRejectionView,
  AdvanceRequestView,
  AnalysisView,
  CaseDemandView,
  CaseEvaluationsView,
  CaseResolutionView,
  CaseSettingsView,
  ClosureView,
  MediationView,
  MeetingView,
  NoticeView,
  PartyStageRecordView,
  CaseScopeView,
  StageEntryView,
  TaskView,
} from './case-detail.dto';
import { PageQuery } from '@yishi/platform';

/** `?handler=`: a user's id or `me`. */
const HANDLER_FILTER = /^(me|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** What a write on a case answers: the case's version after it (read your write with ?minVersion). */
export class CaseWriteResponse {
  @ApiPropertyOptional({ format: 'uuid' }) id?: string;
  @ApiProperty({ description: 'the case version after this write' }) version!: number;
}

export class CaseVersionQuery {
  @ApiPropertyOptional({
    description: 'wait (up to 3 s) until the case view reflects at least this version',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : value,
  )
  @IsInt()
  @Min(0)
  @Max(1e12)
  minVersion?: number;
}

export class CaseListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STAGES })
  @IsOptional()
  @IsIn(STAGES)
  stage?: string;

  @ApiPropertyOptional({ enum: ['open', 'closed'] })
  @IsOptional()
  @IsIn(['open', 'closed'])
  status?: string;

  @ApiPropertyOptional({
    description: "only the cases of this handler (经办人): a user's id, or `me` for the caller",
    example: 'me',
  })
  @IsOptional()
  @Matches(HANDLER_FILTER, { message: 'handler 须为用户 id 或 me' })
  handler?: string;
}

export class EndStateView {
  @ApiProperty({ enum: ['resolved', 'unresolved', 'withdrawn'] }) state!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'why unresolved or withdrawn; "unevaluated" (nobody evaluated) is unresolved',
  })
  reason!: string | null;
}

export class CaseSummaryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: MECHANISMS }) mechanism!: string;
  @ApiProperty() title!: string;
  @ApiProperty() category!: string;
  @ApiProperty({ type: CaseScopeView }) scope!: CaseScopeView;
  @ApiProperty({ enum: STAGES }) stage!: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({
    type: () => EndStateView,
    nullable: true,
    description: 'how a closed case ended (null while open)',
  })
  endState!: EndStateView | null;
  @ApiPropertyOptional({
    type: () => CaseVotingView,
    nullable: true,
    description: 'the vote owners can take part in now (投票中), null when none',
  })
  voting!: CaseVotingView | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      "additive: the case's handler (经办人, a case worker the secretary named), null while none",
  })
  handlerId!: string | null;

  @ApiProperty({
    type: () => MediationView,
    nullable: true,
    description: 'mediation (矛盾调解): the sides, the mediator, the agreement and its signatures',
  })
  mediation!: MediationView | null;
}

export class CaseVotingView {
  @ApiProperty({ format: 'uuid' }) resolutionId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'date-time' }) closesAt!: string;
}

export class CaseList {
  @ApiProperty({ type: [CaseSummaryView] }) items!: CaseSummaryView[];
  @ApiProperty() total!: number;
}

export class CasePartyView {
  @ApiProperty({ enum: PARTIES }) party!: string;
  @ApiProperty() required!: boolean;
  @ApiProperty({ enum: STAGES, isArray: true }) acknowledgedStages!: readonly string[];
  @ApiProperty({ enum: STAGES, isArray: true }) escalatedStages!: readonly string[];
  @ApiProperty({
    type: [PartyStageRecordView],
    description: 'per stage entry: deadline, reminder, 签收, 吹哨',
  })
  stages!: readonly PartyStageRecordView[];
}

export class EscalationRatingView {
  @ApiProperty({ enum: ['satisfied', 'basically-satisfied', 'dissatisfied'] }) rating!: string;
  @ApiProperty({ nullable: true, type: String }) comment!: string | null;
  @ApiProperty({ format: 'date-time' }) ratedAt!: string;
  @ApiProperty() ratedBy!: string;
}

/** A whistle of a demand or a case, as that demand or case records it (GET /whistles/:id has the rest). */
export class WhistleLinkView {
  @ApiProperty({ format: 'uuid' }) whistleId!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'the escalation it was made for (ack_…, task_…, eval_…, or a demand timer); null when the community blew it',
  })
  escalationId!: string | null;
  @ApiProperty({ format: 'date-time' }) linkedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'first 反馈' })
  answeredAt!: string | null;
  @ApiProperty({ type: String, enum: ['closed', 'withdrawn'], nullable: true })
  outcome!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) settledAt!: string | null;
}

export class EscalationView {
  @ApiProperty({ example: 'ack_3_property-company' }) id!: string;
  @ApiProperty({ enum: ['acknowledgement', 'task-overdue', 'evaluation'] }) cause!: string;
  @ApiProperty() party!: string;
  @ApiProperty({ enum: STAGES }) stage!: string;
  @ApiProperty() entry!: number;
  @ApiProperty({ nullable: true, type: String }) taskId!: string | null;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ format: 'date-time' }) escalatedAt!: string;
  @ApiProperty({ type: EscalationRatingView, nullable: true })
  rating!: EscalationRatingView | null;
}

/** The case's procedure (docs/procedure.md): what deliberation needs. */
export class CaseProcedureView {
  @ApiProperty({ enum: MEETING_REQUIREMENTS }) meeting!: string;
  @ApiProperty({ enum: DECISION_KINDS }) decision!: string;
  @ApiProperty({ type: String, enum: CIVIL_CODE_MATTERS, nullable: true })
  civilCodeMatter!: string | null;
}

export class CaseDetailView extends CaseSummaryView {
  @ApiProperty({ format: 'uuid' }) communityId!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [CasePartyView] }) parties!: readonly CasePartyView[];
  @ApiProperty({ type: [StageEntryView] }) stageHistory!: readonly StageEntryView[];
  @ApiProperty({ type: [CaseDemandView] }) demands!: readonly CaseDemandView[];
  @ApiProperty({ type: AnalysisView, nullable: true }) analysis!: AnalysisView | null;
  @ApiProperty({ type: NoticeView, nullable: true }) notice!: NoticeView | null;
  @ApiProperty({ type: [MeetingView] }) meetings!: readonly MeetingView[];
  @ApiProperty({ type: [CaseResolutionView] }) resolutions!: readonly CaseResolutionView[];
  @ApiProperty({ type: [TaskView] }) tasks!: readonly TaskView[];
  @ApiProperty({ type: CaseEvaluationsView }) evaluations!: CaseEvaluationsView;
  @ApiProperty({ type: AdvanceRequestView, nullable: true })
  advanceRequest!: AdvanceRequestView | null;
  @ApiProperty({ type: AdvanceRejectionView, nullable: true, description: 'the unmet conditions' })
  lastAdvanceRejection!: AdvanceRejectionView | null;
  @ApiProperty({
    type: CaseSettingsView,
    description: 'the community settings in force when the current stage was entered',
  })
  settings!: CaseSettingsView;
  @ApiProperty({ type: ClosureView, nullable: true }) closure!: ClosureView | null;
  @ApiProperty({ type: () => [EscalationView], description: '吹哨 and their ratings (一哨一评)' })
  escalations!: readonly EscalationView[];
  @ApiProperty({
    type: () => [WhistleLinkView],
    description: 'the whistles of the case (吹哨报到); closing waits for every one to be settled',
  })
  whistles!: readonly WhistleLinkView[];
  @ApiProperty({ type: CaseProcedureView }) procedure!: CaseProcedureView;
}

export class TimelineItem {
  @ApiProperty() position!: number;
  @ApiProperty() type!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "the event's data" })
  data!: unknown;
  @ApiProperty({ type: String, nullable: true }) actorId!: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
}

export class Timeline {
  @ApiProperty({ type: [TimelineItem] }) items!: TimelineItem[];
}
