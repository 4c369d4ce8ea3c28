import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { toInt } from '../voting.dto';

/** Which of the vote's units: an estate and a building, both optional. */
export class BallotSheetsFilter {
  @ApiPropertyOptional({ maxLength: 100, example: '金泰和庄' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  estate?: string;

  @ApiPropertyOptional({
    maxLength: 100,
    example: '12号楼',
    description:
      'a building lead may name only a building they serve (else 403); unset: all of theirs',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  building?: string;
}

/** Printing: at most 500 sheets a request (each QR code costs a few ms of CPU); page with offset. */
export class BallotSheetsPrintQuery extends BallotSheetsFilter {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 500 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  offset?: number;
}

export class ReissueBallotSheetRequest {
  @ApiProperty({
    maxLength: 500,
    description: 'why the sheet is voided (lost, damaged, misprinted); kept with the audit row',
    example: '业主反映表决票遗失',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason!: string;
}
