import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { DEMAND_CATEGORIES, DEMAND_STATUSES, type DemandStatus } from '@yishi/domain';
import { nfcTrim, PageQuery } from '@yishi/platform';

export class DemandListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DEMAND_STATUSES })
  @IsOptional()
  @IsIn(DEMAND_STATUSES)
  status?: DemandStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  gridId?: string;

  @ApiPropertyOptional({ enum: DEMAND_CATEGORIES })
  @IsOptional()
  @IsIn(DEMAND_CATEGORIES)
  category?: string;

  @ApiPropertyOptional({
    maxLength: 50,
    example: '路灯',
    description: 'words of the content or part of the number (any length, two characters work)',
  })
  @IsOptional()
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  q?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'received at or after' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'received before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({
    enum: ['received', 'due'],
    default: 'received',
    description:
      'received: newest first; due: the earliest deadline first (overdue on top), finished last',
  })
  @IsOptional()
  @IsIn(['received', 'due'])
  sort?: 'received' | 'due';
}
