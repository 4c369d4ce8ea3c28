import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PARTIES, type Party } from '@yishi/domain';
import { nfcTrim } from '@yishi/cases';

export class AssignTaskRequest {
  @ApiProperty({ example: '更换12号楼2单元主排水管', maxLength: 200 })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @Transform(nfcTrim)
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiProperty({ enum: PARTIES, description: 'the responsible party (责任方)' })
  @IsIn(PARTIES)
  assigneeParty!: Party;

  @ApiPropertyOptional({
    format: 'date-time',
    description:
      "due date; must be in the future. Or give dueInWorkingDays; neither: the community's taskDueWorkingDays",
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  dueAt?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 366,
    description: 'due this many working days from now (Chinese calendar, 调休 included)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(366)
  dueInWorkingDays?: number;
}
