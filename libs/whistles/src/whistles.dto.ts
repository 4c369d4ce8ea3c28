/** The whistles' shared answers (OpenAPI through these classes): a write, the detail, the lists. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import {
  RATINGS,
  TRACK_STATUSES,
  WHISTLE_EVENT_LABELS,
  WHISTLE_STATUSES,
  type WhistleStatus,
} from '@yishi/domain';
import { PageQuery } from '@yishi/platform';

/** What a write on a whistle answers; `version` for `GET /whistles/:id?minVersion=`. */
export class WhistleWriteResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: WHISTLE_STATUSES }) status!: WhistleStatus;
  @ApiProperty({ type: 'integer', description: 'the whistle stream version after the write' })
  version!: number;
}

export class WhistleVersionQuery {
  @ApiPropertyOptional({
    type: 'integer',
    description: 'wait (up to 3 s) until the whistle view reflects at least this version',
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

export class WhistleListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: WHISTLE_STATUSES })
  @IsOptional()
  @IsIn(WHISTLE_STATUSES)
  status?: WhistleStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'only the whistles issued from this demand' })
  @IsOptional()
  @IsUUID()
  demandId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'only the whistles issued from this case' })
  @IsOptional()
  @IsUUID()
  caseId?: string;
}

export class WhistleCheckInView {
  @ApiProperty({ type: 'integer' }) round!: number;
  @ApiProperty({ type: [String], description: 'colleagues named by the reporter' })
  colleagues!: string[];
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ type: [String], description: 'upload ids' }) photoIds!: string[];
  @ApiProperty({ format: 'date-time' }) checkedInAt!: string;
  @ApiProperty({ format: 'uuid' }) checkedInBy!: string;
}

export class WhistleAnswerView {
  @ApiProperty({ type: 'integer' }) round!: number;
  @ApiProperty() result!: string;
  @ApiProperty({ type: [String], description: 'upload ids' }) photoIds!: string[];
  @ApiProperty({ format: 'date-time' }) answeredAt!: string;
  @ApiProperty({ format: 'uuid' }) answeredBy!: string;
}

export class WhistleRatingView {
  @ApiProperty({ type: 'integer' }) round!: number;
  @ApiProperty({ enum: RATINGS }) rating!: string;
  @ApiProperty({ type: String, nullable: true }) comment!: string | null;
  @ApiProperty({ format: 'date-time' }) ratedAt!: string;
  @ApiProperty({ format: 'uuid' }) ratedBy!: string;
}

export class WhistleTransferView {
  @ApiProperty({ format: 'uuid' }) toDepartmentId!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) transferredAt!: string;
  @ApiProperty({ format: 'uuid' }) transferredBy!: string;
}

/** One department's part in the whistle (its track). */
export class WhistleTrackView {
  @ApiProperty({ format: 'uuid' }) departmentId!: string;
  @ApiProperty({ type: String, nullable: true, example: '城管执法中队' })
  departmentName!: string | null;
  @ApiProperty({ enum: TRACK_STATUSES }) status!: string;
  @ApiProperty({ example: '待签收' }) statusText!: string;
  @ApiProperty({ format: 'date-time' }) issuedAt!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) transferredFrom!: string | null;
  @ApiProperty({ format: 'date-time' }) acceptDueAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) acceptedAt!: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) acceptedOnTime!: boolean | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) answerDueAt!: string | null;
  @ApiProperty({ type: 'integer' }) round!: number;
  @ApiProperty({ type: 'integer' }) reopenings!: number;
  @ApiProperty({ type: [WhistleCheckInView] }) checkIns!: WhistleCheckInView[];
  @ApiProperty({ type: [WhistleAnswerView] }) answers!: WhistleAnswerView[];
  @ApiProperty({ type: [WhistleRatingView] }) ratings!: WhistleRatingView[];
  @ApiProperty({ type: WhistleTransferView, nullable: true })
  transfer!: WhistleTransferView | null;
}

export class WhistleTimelineItemView {
  @ApiProperty({ type: 'integer' }) position!: number;
  @ApiProperty({ enum: Object.keys(WHISTLE_EVENT_LABELS) }) type!: string;
  @ApiProperty({ example: '部门签收', description: 'what happened, in Chinese' }) label!: string;
  @ApiProperty({ type: String, nullable: true, example: '城管执法中队按时签收' })
  detail!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '陈队长（城管）' })
  actorName!: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ example: '2026年12月10日 08:12', description: 'China Standard Time' })
  occurredAtText!: string;
}

/** GET /whistles/:whistleId: the whistle as its events fold, with its tracks and timeline. */
export class WhistleDetailView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) communityId!: string;
  @ApiProperty({ format: 'uuid' }) streetId!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: WHISTLE_STATUSES }) status!: string;
  @ApiProperty({ example: '待签收' }) statusText!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) demandId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) caseId!: string | null;
  @ApiProperty({ description: 'a site visit (报到) comes before the answer' }) onSite!: boolean;
  @ApiProperty({ type: 'number' }) acceptWithinWorkingHours!: number;
  @ApiProperty({ type: 'integer' }) resolveWithinWorkingDays!: number;
  @ApiProperty({ format: 'date-time' }) issuedAt!: string;
  @ApiProperty({ format: 'uuid' }) issuedBy!: string;
  @ApiProperty({ type: [String], description: 'the departments it is with now' })
  departmentIds!: string[];
  @ApiProperty({ type: [WhistleTrackView], description: 'every track, in the order they began' })
  tracks!: WhistleTrackView[];
  @ApiProperty({ type: String, nullable: true }) withdrawalReason!: string | null;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ type: [WhistleTimelineItemView], description: 'oldest first' })
  timeline!: WhistleTimelineItemView[];
}

/** Where one department stands on a listed whistle (its current track). */
export class WhistleListTrackView {
  @ApiProperty({ format: 'uuid' }) departmentId!: string;
  @ApiProperty({ enum: TRACK_STATUSES }) status!: string;
  @ApiProperty({ example: '待签收' }) statusText!: string;
}

export class WhistleListItemView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) communityId!: string;
  @ApiProperty({ example: '学苑社区' }) communityName!: string;
  @ApiProperty() subject!: string;
  @ApiProperty({ enum: WHISTLE_STATUSES }) status!: string;
  @ApiProperty({ example: '待签收' }) statusText!: string;
  @ApiProperty({ type: [String], description: 'the departments it is with now' })
  departmentIds!: string[];
  @ApiProperty({
    type: [WhistleListTrackView],
    description: "each of those departments' own status (the whistle's is the least advanced)",
  })
  tracks!: WhistleListTrackView[];
  @ApiProperty({ format: 'date-time' }) issuedAt!: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'the earliest deadline a department waits on',
  })
  dueAt!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) demandId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) caseId!: string | null;
}

export class WhistleListResponse {
  @ApiProperty({ type: [WhistleListItemView] }) items!: WhistleListItemView[];
  @ApiProperty({ type: 'integer' }) total!: number;
}
