import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { CANVASS_CHANNELS, CANVASS_OUTCOMES, MAX_VISIT_NOTE } from '@yishi/domain';

export class RecordVisitRequest {
  @ApiProperty({
    format: 'uuid',
    description: 'a unit of the electorate, in one of your buildings',
  })
  @IsUUID()
  unitId!: string;

  @ApiProperty({ enum: CANVASS_CHANNELS, description: '上门, 电话, 视频, 现场' })
  @IsIn(CANVASS_CHANNELS)
  channel!: string;

  @ApiProperty({ enum: CANVASS_OUTCOMES, description: '已联系, 承诺投票, 拒绝, 联系不上' })
  @IsIn(CANVASS_OUTCOMES)
  outcome!: string;

  @ApiPropertyOptional({
    maxLength: MAX_VISIT_NOTE,
    description: 'free text; no phone or ID numbers (refused)',
    example: '业主在外地，周末回来再访',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_VISIT_NOTE)
  note?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'when the visit took place (unset: now); not before voting opened',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  visitedAt?: string;
}

export class BoardQuery {
  @ApiPropertyOptional({ example: '金泰和庄' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  estate?: string;

  @ApiPropertyOptional({ example: '12号楼' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  building?: string;
}
