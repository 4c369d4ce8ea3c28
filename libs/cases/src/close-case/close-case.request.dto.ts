import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { nfcTrim } from '../cases.dto';

export class CloseCaseRequest {
  @ApiProperty({
    enum: ['withdrawn', 'unresolved'],
    description: 'by hand a case ends withdrawn or unresolved; resolved comes from the evaluation',
  })
  @IsIn(['withdrawn', 'unresolved'])
  outcome!: 'withdrawn' | 'unresolved';

  @ApiPropertyOptional({ maxLength: 2000, description: 'required for unresolved' })
  @IsOptional()
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason?: string;
}
