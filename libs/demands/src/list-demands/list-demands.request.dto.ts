import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import {
  DEMAND_CATEGORIES,
  DEMAND_STATUSES,
  LEDGER_SOURCES,
  type DemandStatus,
  type LedgerSource,
} from '@yishi/domain';
import { nfcTrim, PageQuery } from '@yishi/platform';

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

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

  @ApiPropertyOptional({ enum: LEDGER_SOURCES })
  @IsOptional()
  @IsIn(LEDGER_SOURCES)
  source?: LedgerSource;

  @ApiPropertyOptional({
    description:
      'true: only the overdue (已超时): waiting to be accepted or handled past their deadline',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  overdue?: boolean;

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
      'received: newest first; due: the overdue first, then those waiting to be accepted or handled, then the resolved and in-case, each by its current deadline; finished last',
  })
  @IsOptional()
  @IsIn(['received', 'due'])
  sort?: 'received' | 'due';

  @ApiPropertyOptional({
    maxLength: 200,
    description:
      'the page after the one whose `nextCursor` this is, in the same sort and filters (instead of offset, which must then be 0 or absent); 400 VALIDATION_FAILED for a cursor the API did not make or made for the other sort',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  cursor?: string;
}
