/** The ledger's answers shared by its use cases: a write's result and a demand as the API shows it. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { WhistleLinkView } from '@yishi/cases';
import {
  DEMAND_CATEGORIES,
  DEMAND_EVENT_LABELS,
  DEMAND_STATUSES,
  LEDGER_SOURCES,
  PARTIES,
  RATINGS,
  type DemandStatus,
} from '@yishi/domain';

/** What a write on a demand answers; `version` for `GET /demands/:id?minVersion=`. */
export class DemandWriteResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'XY-20261207-0001' }) number!: string;
  @ApiProperty({ enum: DEMAND_STATUSES }) status!: DemandStatus;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) gridId!: string | null;
  @ApiProperty({ type: 'integer', description: 'the demand stream version after the write' })
  version!: number;
}

export class DemandVersionQuery {
  @ApiPropertyOptional({
    type: 'integer',
    description: 'wait (up to 3 s) until the demand view reflects at least this version',
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

export class DemandPlaceView {
  @ApiProperty({ example: '金泰和庄' }) estate!: string;
  @ApiProperty({ type: String, nullable: true, example: '12号楼' }) building!: string | null;
}

export class DemandOnBehalfView {
  @ApiProperty({ example: '李奶奶' }) name!: string;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
}

export class DemandAssignmentView {
  @ApiProperty({ enum: PARTIES, nullable: true, type: String }) party!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) userId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) gridId!: string | null;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ format: 'date-time' }) assignedAt!: string;
  @ApiProperty({ format: 'uuid' }) assignedBy!: string;
}

export class DemandRefusalView {
  @ApiProperty() reason!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) gridId!: string | null;
  @ApiProperty({ format: 'date-time' }) refusedAt!: string;
  @ApiProperty({ format: 'uuid' }) refusedBy!: string;
}

export class DemandResolutionView {
  @ApiProperty({ type: 'integer' }) round!: number;
  @ApiProperty() note!: string;
  @ApiProperty({ type: [String], description: 'upload ids: GET /uploads/:uploadId' })
  photoIds!: string[];
  @ApiProperty({ format: 'date-time' }) resolvedAt!: string;
  @ApiProperty({ format: 'uuid' }) resolvedBy!: string;
}

export class DemandConfirmationView {
  @ApiProperty({ type: 'integer' }) round!: number;
  @ApiProperty({ enum: RATINGS }) rating!: string;
  @ApiProperty({ type: String, nullable: true }) comment!: string | null;
  @ApiProperty({ enum: ['submitter', 'grid-worker'] }) recordedBy!: string;
  @ApiProperty({ format: 'date-time' }) confirmedAt!: string;
  @ApiProperty({ format: 'uuid' }) confirmedBy!: string;
}

export class DemandTimelineItemView {
  @ApiProperty({ type: 'integer' }) position!: number;
  @ApiProperty({ enum: Object.keys(DEMAND_EVENT_LABELS) }) type!: string;
  @ApiProperty({ example: '签收', description: 'what happened, in Chinese' }) label!: string;
  @ApiProperty({ type: String, nullable: true, example: '按时签收' }) detail!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '吴网格员' }) actorName!: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ example: '2026年12月10日 08:12', description: 'China Standard Time' })
  occurredAtText!: string;
}

/** GET /demands/:demandId: the demand as its events fold, with its timeline. */
export class DemandDetailView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) communityId!: string;
  @ApiProperty({ example: 'XY-20261207-0001' }) number!: string;
  @ApiProperty() content!: string;
  @ApiProperty({ enum: DEMAND_CATEGORIES }) category!: string;
  @ApiProperty({ enum: DEMAND_STATUSES }) status!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) unitId!: string | null;
  @ApiProperty({ type: DemandPlaceView, nullable: true }) place!: DemandPlaceView | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) gridId!: string | null;
  @ApiProperty({ enum: LEDGER_SOURCES }) source!: string;
  @ApiProperty({ type: [String], description: 'upload ids: GET /uploads/:uploadId' })
  photoIds!: string[];
  @ApiProperty({ type: DemandOnBehalfView, nullable: true }) onBehalfOf!: DemandOnBehalfView | null;
  @ApiProperty({ format: 'uuid' }) submittedBy!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ format: 'date-time' }) acceptDueAt!: string;
  @ApiProperty({
    format: 'date-time',
    description: "the current deadline (the hotline's own, when earlier)",
  })
  dueAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) acceptedAt!: string | null;
  @ApiProperty({ type: DemandAssignmentView, nullable: true })
  assignment!: DemandAssignmentView | null;
  @ApiProperty({ type: [DemandRefusalView] }) refusals!: DemandRefusalView[];
  @ApiProperty({ type: 'integer', description: '1, then one more per reopening' }) round!: number;
  @ApiProperty({ type: 'integer' }) reopenings!: number;
  @ApiProperty({ type: [DemandResolutionView] }) resolutions!: DemandResolutionView[];
  @ApiProperty({ type: [DemandConfirmationView] }) confirmations!: DemandConfirmationView[];
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'while resolved: confirm by',
  })
  confirmDueAt!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) mergedInto!: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'the case it was last escalated into (in-case, or closed with it); null if never',
  })
  caseId!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({
    type: [WhistleLinkView],
    description:
      'its whistles (吹哨报到); it cannot be resolved while one the community blew is open',
  })
  whistles!: WhistleLinkView[];
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ type: [DemandTimelineItemView], description: 'oldest first' })
  timeline!: DemandTimelineItemView[];
}
