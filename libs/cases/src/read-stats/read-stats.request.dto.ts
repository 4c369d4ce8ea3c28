import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsISO8601, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { nfcTrim } from '../cases.dto';

export class StatsQuery {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'cases opened at or after this instant (unset: from the first case)',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'cases opened before this instant (unset: up to now)',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: 'one estate (小区) only', maxLength: 100 })
  @IsOptional()
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  estate?: string;
}
