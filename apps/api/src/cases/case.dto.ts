import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { STAGES } from '@yishi/domain';
import { PageQuery } from '../registry/registry.dto';

export const nfcTrim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.normalize('NFC').trim() : value;

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
}

export class CaseSummaryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['five-party-hall', 'neighbourhood-consultation'] }) mechanism!: string;
  @ApiProperty() title!: string;
  @ApiProperty() category!: string;
  @ApiProperty({ type: Object }) scope!: object;
  @ApiProperty({ enum: STAGES }) stage!: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) closedAt!: string | null;
}

export class CaseList {
  @ApiProperty({ type: [CaseSummaryView] }) items!: CaseSummaryView[];
  @ApiProperty() total!: number;
}

export class CasePartyView {
  @ApiProperty() party!: string;
  @ApiProperty() required!: boolean;
  @ApiProperty({ type: [String] }) acknowledgedStages!: readonly string[];
  @ApiProperty({ type: [String] }) escalatedStages!: readonly string[];
  @ApiProperty({ type: [Object], description: 'per stage entry: deadline, reminder, 签收, 吹哨' })
  stages!: readonly object[];
}

export class CaseDetailView extends CaseSummaryView {
  @ApiProperty({ format: 'uuid' }) communityId!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [CasePartyView] }) parties!: readonly CasePartyView[];
  @ApiProperty({ type: [Object] }) stageHistory!: readonly object[];
  @ApiProperty({ type: [Object] }) demands!: readonly object[];
  @ApiPropertyOptional({ type: Object, nullable: true }) analysis!: object | null;
  @ApiPropertyOptional({ type: Object, nullable: true }) notice!: object | null;
  @ApiProperty({ type: [Object] }) meetings!: readonly object[];
  @ApiProperty({ type: [Object] }) resolutions!: readonly object[];
  @ApiProperty({ type: [Object] }) tasks!: readonly object[];
  @ApiProperty({ type: Object }) evaluations!: object;
  @ApiPropertyOptional({ type: Object, nullable: true }) advanceRequest!: object | null;
  @ApiPropertyOptional({ type: Object, nullable: true, description: 'the unmet conditions' })
  lastAdvanceRejection!: object | null;
  @ApiProperty({ type: Object }) settings!: object;
  @ApiPropertyOptional({ type: Object, nullable: true }) closure!: object | null;
}

export class TimelineItem {
  @ApiProperty() position!: number;
  @ApiProperty() type!: string;
  @ApiProperty({ type: Object }) data!: unknown;
  @ApiPropertyOptional({ nullable: true }) actorId!: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
}

export class Timeline {
  @ApiProperty({ type: [TimelineItem] }) items!: TimelineItem[];
}
