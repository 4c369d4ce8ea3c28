import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  LEDGER_SOURCES,
  MATTERS,
  MEETING_CIRCLES,
  OUTCOMES,
  PARTIES,
  RATINGS,
  SIGN_IN_METHODS,
  STAGES,
  VOTING_RULES,
} from '@yishi/domain';

/**
 * The parts of GET /cases/:caseId (toCaseView, libs/workflow) in the OpenAPI document, so clients
 * (the web app's generated types) see their fields. Nullable fields are always present.
 */

const ADVANCE_TARGETS = [...STAGES, 'closed'] as const;
const nullableString = (extra: object = {}) => ({ type: String, nullable: true, ...extra });
const nullableTime = () => nullableString({ format: 'date-time' });

export class CaseScopeView {
  @ApiProperty({ example: '翠湖苑' }) estate!: string;
  @ApiProperty(nullableString({ example: '12' })) building!: string | null;
  @ApiProperty(nullableString({ example: '2' })) entrance!: string | null;
}

export class FractionView {
  @ApiProperty({ type: 'integer' }) numerator!: number;
  @ApiProperty({ type: 'integer' }) denominator!: number;
}

export class PartyStageRecordView {
  @ApiProperty({ enum: STAGES }) stage!: string;
  @ApiProperty({ type: 'integer', description: 'the stage entry (1 for the first)' })
  entry!: number;
  @ApiProperty(nullableTime()) deadline!: string | null;
  @ApiProperty(nullableTime()) remindAt!: string | null;
  @ApiProperty(nullableTime()) acknowledgedAt!: string | null;
  @ApiProperty(nullableString({ format: 'uuid' })) acknowledgedBy!: string | null;
  @ApiProperty(nullableTime()) escalatedAt!: string | null;
}

export class StageEntryView {
  @ApiProperty({ enum: STAGES }) stage!: string;
  @ApiProperty({ type: 'integer' }) entry!: number;
  @ApiProperty({ enum: ['opened', 'advanced', 'returned', 'reopened'] }) cause!: string;
  @ApiProperty({ format: 'date-time' }) enteredAt!: string;
  @ApiProperty(nullableTime()) leftAt!: string | null;
}

export class CaseDemandView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() content!: string;
  @ApiProperty({ enum: LEDGER_SOURCES }) source!: string;
  @ApiProperty(nullableString({ format: 'uuid' })) unitId!: string | null;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiProperty({ format: 'uuid' }) submittedBy!: string;
  @ApiPropertyOptional({
    description: 'a demand of the ledger (诉求台账) escalated into the case: its readable number',
    example: 'XY-20261207-0001',
  })
  number?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'when it was escalated into the case' })
  linkedAt?: string;
}

export class AnalysisOptionView {
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
}

export class AnalysisView {
  @ApiProperty() summary!: string;
  @ApiProperty({ enum: PARTIES }) leadParty!: string;
  @ApiProperty(nullableString()) siteSurvey!: string | null;
  @ApiProperty({ type: [AnalysisOptionView] }) options!: readonly AnalysisOptionView[];
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ format: 'uuid' }) recordedBy!: string;
}

export class NoticeView {
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
  @ApiProperty({ format: 'date-time' }) noticePeriodEndsAt!: string;
}

export class AttendanceView {
  @ApiProperty({ enum: PARTIES }) party!: string;
  @ApiProperty({ type: [String], description: 'user ids' }) attendees!: readonly string[];
}

export class MeetingPersonView {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ enum: PARTIES, nullable: true, type: String }) party!: string | null;
  @ApiProperty({ enum: MEETING_CIRCLES }) circle!: string;
}

export class MeetingSignInView extends MeetingPersonView {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({
    enum: SIGN_IN_METHODS,
    description: 'self: own phone; code: the room’s code; sheet: the paper sheet',
  })
  by!: string;
}

export class MeetingView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time', description: 'when it is (scheduled) or was held' })
  heldAt!: string;
  @ApiProperty() place!: string;
  @ApiProperty({
    description: 'announced ahead (sign-in) or recorded after the fact (paper sheet)',
  })
  scheduled!: boolean;
  @ApiProperty({ type: [MeetingPersonView] }) invitees!: readonly MeetingPersonView[];
  @ApiProperty({ type: [MeetingSignInView] }) signIns!: readonly MeetingSignInView[];
  @ApiProperty({ type: [AttendanceView], description: "each party's signed-in attendees" })
  attendance!: readonly AttendanceView[];
  @ApiProperty({ description: 'empty until recorded' }) minutes!: string;
  @ApiProperty({ type: [String], description: 'photos or a signed scan (GET /uploads/:uploadId)' })
  minutesFileIds!: readonly string[];
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  minutesRecordedAt!: string | null;
  @ApiProperty({ type: 'integer', description: 'the deliberation entry it belongs to' })
  entry!: number;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ format: 'uuid' }) recordedBy!: string;
}

export class CaseResolutionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ enum: VOTING_RULES }) rule!: string;
  @ApiProperty({ enum: MATTERS }) matter!: string;
  @ApiProperty({ format: 'date-time' }) closesAt!: string;
  @ApiProperty({ enum: ['open', 'passed', 'failed', 'cancelled'] }) status!: string;
  @ApiProperty({ type: 'integer' }) entry!: number;
  @ApiProperty({ format: 'date-time' }) draftedAt!: string;
  @ApiProperty({ format: 'uuid' }) draftedBy!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'the tally once decided (GET /resolutions/:resolutionId/tally)',
  })
  tally!: { readonly [key: string]: unknown } | null;
  @ApiProperty(nullableTime()) decidedAt!: string | null;
}

export class TaskReportView {
  @ApiProperty({ enum: ['progress', 'completion'] }) kind!: string;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 }) percent!: number;
  @ApiProperty() note!: string;
  @ApiProperty({ type: [String] }) evidence!: readonly string[];
  @ApiProperty({ format: 'date-time' }) reportedAt!: string;
  @ApiProperty({ format: 'uuid' }) reportedBy!: string;
}

export class TaskReassignmentView {
  @ApiProperty({ enum: PARTIES }) from!: string;
  @ApiProperty({ enum: PARTIES }) to!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty(nullableString()) reason!: string | null;
  @ApiProperty({ format: 'date-time' }) reassignedAt!: string;
  @ApiProperty({ format: 'uuid' }) reassignedBy!: string;
}

export class TaskView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty(nullableTime()) remindAt!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty(nullableString()) description!: string | null;
  @ApiProperty({ enum: PARTIES }) assigneeParty!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ enum: ['open', 'done'] }) status!: string;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 }) percent!: number;
  @ApiProperty({ format: 'date-time' }) assignedAt!: string;
  @ApiProperty({ format: 'uuid' }) assignedBy!: string;
  @ApiProperty(nullableTime()) completedAt!: string | null;
  @ApiProperty({ type: [TaskReportView] }) reports!: readonly TaskReportView[];
  @ApiProperty({ type: [TaskReassignmentView] }) reassignments!: readonly TaskReassignmentView[];
}

export class EvaluationWindowView {
  @ApiProperty({ type: 'integer' }) round!: number;
  @ApiProperty({ format: 'date-time' }) opensAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
}

export class EvaluationItemView {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ enum: RATINGS }) rating!: string;
  @ApiProperty(nullableString()) comment!: string | null;
  @ApiProperty({ type: 'integer' }) round!: number;
  @ApiProperty({ format: 'date-time' }) evaluatedAt!: string;
  @ApiProperty({ format: 'uuid' }) evaluatedBy!: string;
}

export class EvaluationSummaryView {
  @ApiProperty({ type: 'integer' }) round!: number;
  @ApiProperty({ type: 'integer' }) satisfied!: number;
  @ApiProperty({ type: 'integer' }) basicallySatisfied!: number;
  @ApiProperty({ type: 'integer' }) dissatisfied!: number;
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: FractionView }) threshold!: FractionView;
  @ApiProperty({ description: 'satisfied + basically satisfied reach the threshold' })
  reached!: boolean;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'the units asked (in scope when the round was concluded); total is the responses',
  })
  unitsInScope!: number | null;
  @ApiProperty({
    type: FractionView,
    description: 'the minimum share of the units asked that had to respond (0/1 before it existed)',
  })
  minEvaluationResponse!: FractionView;
  @ApiProperty({
    description:
      'total / unitsInScope reached the minimum, someone responded; otherwise the case closed unevaluated',
  })
  responseReached!: boolean;
}

export class CaseEvaluationsView {
  @ApiProperty({ type: 'integer' }) round!: number;
  @ApiProperty({ type: EvaluationWindowView, nullable: true }) window!: EvaluationWindowView | null;
  @ApiProperty({ type: [EvaluationItemView], description: 'the current round' })
  items!: readonly EvaluationItemView[];
  @ApiProperty({ type: [EvaluationSummaryView], description: 'earlier rounds' })
  results!: readonly EvaluationSummaryView[];
}

export class AdvanceRequestView {
  @ApiProperty({ enum: ADVANCE_TARGETS }) to!: string;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ format: 'uuid' }) requestedBy!: string;
}

export class UnmetView {
  @ApiProperty({
    enum: [
      'demands',
      'lead-party',
      'options',
      'notice-period',
      'meeting',
      'resolution-passed',
      'resolution-open',
      'tasks-assigned',
      'tasks-done',
      'evaluation',
      'acknowledgement',
    ],
  })
  condition!: string;
  @ApiProperty({ description: 'for the people involved, in Chinese' }) message!: string;
  @ApiProperty({ enum: PARTIES, required: false }) party?: string;
  @ApiProperty({ enum: STAGES, required: false }) stage?: string;
  @ApiProperty({ enum: PARTIES, isArray: true, required: false })
  missingParties?: readonly string[];
  @ApiProperty({ format: 'date-time', required: false }) until?: string;
  @ApiProperty({ type: [String], required: false }) taskIds?: readonly string[];
  @ApiProperty({ type: 'integer', required: false }) evaluated?: number;
  @ApiProperty({ type: 'integer', nullable: true, required: false }) unitsInScope?: number | null;
}

export class AdvanceRejectionView {
  @ApiProperty({ enum: ADVANCE_TARGETS }) to!: string;
  @ApiProperty({ type: [UnmetView] }) unmet!: readonly UnmetView[];
  @ApiProperty({ format: 'date-time' }) rejectedAt!: string;
}

export class CaseSettingsView {
  @ApiProperty() acknowledgementHours!: number;
  @ApiProperty() reminderBeforeHours!: number;
  @ApiProperty() noticePeriodHours!: number;
  @ApiProperty() evaluationWindowHours!: number;
  @ApiProperty({ type: FractionView }) satisfactionThreshold!: FractionView;
  @ApiProperty({ type: 'integer', nullable: true, required: false })
  acknowledgementWorkingDays?: number | null;
  @ApiProperty({ type: 'integer', nullable: true, required: false })
  reminderBeforeWorkingDays?: number | null;
  @ApiProperty({ type: 'integer', required: false }) taskDueWorkingDays?: number;
  @ApiProperty({ required: false }) taskReminderBeforeHours?: number;
  @ApiProperty({
    type: FractionView,
    required: false,
    description: 'the minimum evaluation response (最低参评比例) when this stage was entered',
  })
  minEvaluationResponse?: FractionView;
}

export class ClosureView {
  @ApiProperty({ enum: OUTCOMES }) outcome!: string;
  @ApiProperty(nullableString()) reason!: string | null;
}
