import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

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
